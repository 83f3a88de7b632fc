// Switches every time on screen between UTC and local time (with its offset).
import type { ReactNode } from 'react';
import { useDisplayStore } from '../stores/display-store';

/** A button that names the time zone in use and switches to the other one. */
export function TimeZoneToggle(): ReactNode {
  const timeZone = useDisplayStore((s) => s.timeZone);
  const toggle = useDisplayStore((s) => s.toggleTimeZone);
  return (
    <button type="button" className="secondary" data-testid="time-zone" title="Show times in UTC or in this machine's local time" onClick={toggle}>
      {timeZone === 'utc' ? 'Times: UTC' : 'Times: local'}
    </button>
  );
}
