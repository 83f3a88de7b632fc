import { describe, expect, it } from 'vitest';
import { formatTime } from '../../../src/renderer/src/format';
import { useDisplayStore } from '../../../src/renderer/src/stores/display-store';

describe('time zone display', () => {
  it('shows UTC with a Z by default, and local time with its offset after the toggle', () => {
    expect(formatTime('2026-03-02T10:05:00.000Z')).toBe('2026-03-02 10:05:00Z');
    useDisplayStore.getState().toggleTimeZone();
    expect(useDisplayStore.getState().timeZone).toBe('local');
    const local = formatTime('2026-03-02T10:05:00.000Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    // The same instant: parsing the local form gives the UTC time back.
    expect(new Date(local.replace(' ', 'T')).toISOString()).toBe('2026-03-02T10:05:00.000Z');
    useDisplayStore.getState().toggleTimeZone();
    expect(formatTime('2026-03-02T10:05:00.000Z')).toBe('2026-03-02 10:05:00Z');
  });
});
