// Small display helpers shared by the views. Everything returns plain strings: React renders them as text.
import { useDisplayStore } from './stores/display-store';

/**
 * Shows an ISO timestamp as `YYYY-MM-DD HH:MM:SSZ` (UTC, the default: investigators compare across sources) or, when
 * the user chose local time, as `YYYY-MM-DD HH:MM:SS+HH:MM` with the offset always shown.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  if (!match) return iso;
  if (useDisplayStore.getState().timeZone === 'local') {
    const date = new Date(iso);
    if (!Number.isNaN(date.getTime())) return localTime(date);
  }
  return `${match[1] ?? ''} ${match[2] ?? ''}Z`;
}

function localTime(date: Date): string {
  const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** Shows a byte count with a binary unit, e.g. `12.4 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit] ?? 'B'}`;
}

/** Shows a count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Shortens a SHA-256 hex digest to its first 12 characters, enough to tell files apart by eye. */
export function shortHash(hex: string): string {
  return hex.length > 12 ? `${hex.slice(0, 12)}…` : hex;
}

/** The last segment of a path, for showing evidence file names without the folders they came from. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** Joins the non-empty values of a list for one line of text, or a dash when there are none. */
export function listOrDash(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : '—';
}
