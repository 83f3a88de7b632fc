// Notes, response steps and framework mappings of a case file, replayed from its signed audit entries: case.json
// has no fields for them, but every note, tick and mapping is an audit action, undo and redo included.
import type { CaseJson } from '../../../shared/case-file';

type Entry = CaseJson['audit']['entries'][number];

/** A note as the case file's audit chain recorded it. */
export interface ReviewNote {
  seq: number;
  at: string;
  author: string;
  text: string;
}

/** A response step's last recorded state. */
export interface ReviewStep {
  step: string;
  done: boolean;
  by: string | null;
  at: string | null;
  note: string | null;
}

/** What the audit entries say about the case's notes, steps and mappings. */
export interface CaseFileActivity {
  notes: ReviewNote[];
  steps: ReviewStep[];
  mappings: string[];
}

// Payloads come from a file someone sent us: read each field defensively, never trust its type.
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

function stepState(v: unknown): Omit<ReviewStep, 'step'> | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  return { done: o['done'] === true, by: str(o['by']), at: str(o['at']), note: str(o['note']) };
}

interface Replay {
  notes: Map<number, ReviewNote & { retracted: boolean }>;
  steps: Map<string, ReviewStep>;
  mappings: string[];
}

// Applies (or reverts) one action the way the engine does; `by` is the entry whose actor and time count.
function applyEntry(state: Replay, target: Entry, by: Entry, caseId: string, revert: boolean): void {
  const p = target.payload;
  if (str(p['id']) !== caseId) return;
  switch (target.type) {
    case 'case.note-added': {
      const key = typeof p['noteId'] === 'number' ? p['noteId'] : target.seq;
      const existing = state.notes.get(key);
      if (existing) existing.retracted = revert;
      else if (!revert) state.notes.set(key, { seq: target.seq, at: target.at, author: target.actor, text: str(p['text']) ?? '', retracted: false });
      return;
    }
    case 'case.step-set': {
      const step = str(p['step']);
      if (step === null) return;
      if (revert) {
        const before = stepState(p['before']);
        if (before === null) state.steps.delete(step);
        else state.steps.set(step, { step, ...before });
      } else {
        state.steps.set(step, { step, done: p['done'] === true, by: by.actor, at: by.at, note: str(p['note']) });
      }
      return;
    }
    case 'case.mappings-set': {
      const next = strings(revert ? p['before'] : p['after']);
      if (next !== null) state.mappings = [...next];
      return;
    }
    default:
      return;
  }
}

/** Replays the case's audit entries (in seq order) into its notes, steps and mappings. */
export function caseFileActivity(caseFile: CaseJson): CaseFileActivity {
  const caseId = caseFile.case.id;
  const entries = [...caseFile.audit.entries].sort((a, b) => a.seq - b.seq);
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const state: Replay = { notes: new Map(), steps: new Map(), mappings: [] };
  for (const entry of entries) {
    if (entry.type === 'undo' || entry.type === 'redo') {
      const of = entry.payload['of'];
      const target = typeof of === 'number' ? bySeq.get(of) : undefined;
      if (target !== undefined) applyEntry(state, target, entry, caseId, entry.type === 'undo');
    } else {
      applyEntry(state, entry, entry, caseId, false);
    }
  }
  return {
    notes: [...state.notes.values()].filter((n) => !n.retracted).map(({ retracted: _retracted, ...note }) => note),
    steps: [...state.steps.values()],
    mappings: [...state.mappings].sort(),
  };
}
