// Canonical JSON: the one byte-exact serialization that hashes and signatures are computed over.

/** Serializes a JSON value with object keys sorted and no whitespace, so equal values give equal bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // A number beyond a double's range (valid JSON like 1e999 parses to Infinity) has no JSON form of its own;
    // like JSON.stringify it becomes null, so evidence carrying one still hashes the same way every time.
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    if (value === undefined) throw new TypeError('canonicalJson: undefined has no JSON form');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
