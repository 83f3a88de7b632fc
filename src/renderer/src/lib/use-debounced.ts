// A value that follows another after it has been still for a moment, so typing does not send a query per key.
import { useEffect, useState } from 'react';

/** `value`, delayed until it has not changed for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}
