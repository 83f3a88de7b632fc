// Display preferences that are not about the evidence: the time zone times are shown in. Kept in localStorage.
import { create } from 'zustand';

/** UTC (the default: investigators compare across sources) or the machine's local time with its offset. */
export type TimeZoneMode = 'utc' | 'local';

const KEY = 'nhi-workbench.timeZone';

function saved(): TimeZoneMode {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'local' ? 'local' : 'utc';
  } catch {
    return 'utc';
  }
}

interface DisplayState {
  timeZone: TimeZoneMode;
  toggleTimeZone: () => void;
}

/** The display preferences. */
export const useDisplayStore = create<DisplayState>((set, get) => ({
  timeZone: saved(),
  toggleTimeZone: () => {
    const next: TimeZoneMode = get().timeZone === 'utc' ? 'local' : 'utc';
    try {
      globalThis.localStorage?.setItem(KEY, next);
    } catch {
      // no storage (tests): the choice lasts for this session
    }
    set({ timeZone: next });
  },
}));
