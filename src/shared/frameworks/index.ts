// The framework catalogues an analyst maps a case to. They are bundled data, never fetched: the app runs air-gapped.
import { ATLAS } from './atlas';
import { ATTACK } from './attack';
import { NIST_CSF } from './nist-csf';
import { OWASP_NHI } from './owasp-nhi';
import type { FrameworkEntry, FrameworkId } from './types';

export type { FrameworkEntry, FrameworkId } from './types';

/** Every bundled entry, framework by framework in FRAMEWORK_ORDER, each in its catalogue's own order. */
export const FRAMEWORKS: readonly FrameworkEntry[] = [...OWASP_NHI, ...NIST_CSF, ...ATTACK, ...ATLAS];

/** The order frameworks are listed in; search results break ties by it so they stay stable. */
export const FRAMEWORK_ORDER: readonly FrameworkId[] = ['owasp-nhi', 'nist-csf', 'attack', 'atlas'];

/** Display names, for a picker or a report heading. */
export const FRAMEWORK_NAMES: Readonly<Record<FrameworkId, string>> = {
  'owasp-nhi': 'OWASP Non-Human Identities Top 10 (2025)',
  'nist-csf': 'NIST Cybersecurity Framework 2.0',
  attack: 'MITRE ATT&CK Enterprise',
  atlas: 'MITRE ATLAS',
};

/** The release each catalogue was checked against, so a report can say which edition its mappings refer to. */
export const FRAMEWORK_VERSIONS: Readonly<Record<FrameworkId, string>> = {
  'owasp-nhi': '2025',
  'nist-csf': '2.0',
  attack: 'v19',
  atlas: '2026.09',
};

const byId = new Map<string, FrameworkEntry>(FRAMEWORKS.map((e) => [e.id, e]));
// Retired codes resolve to their successor, so a mapping saved against an older catalogue still shows a name.
const byAlias = new Map<string, FrameworkEntry>(
  FRAMEWORKS.flatMap((e) => (e.aliases ?? []).map((alias): [string, FrameworkEntry] => [`${e.framework}:${alias}`, e])),
);

/** The entry with this id (e.g. `attack:T1078.004`), or the successor of a retired id; undefined when unknown. */
export function frameworkEntry(id: string): FrameworkEntry | undefined {
  return byId.get(id) ?? byAlias.get(id);
}

// FRAMEWORKS is already in FRAMEWORK_ORDER, so catalogue position breaks ties by framework and then by code order.
const position = new Map<string, number>(FRAMEWORKS.map((e, i) => [e.id, i]));

// Lower is better. Matches on the code (or the id, or a retired code) come first because analysts usually type
// a code they already know; then the name; then the description. Undefined means no match.
function scoreOf(entry: FrameworkEntry, q: string, words: readonly string[]): number | undefined {
  const codes = [entry.code, entry.id, ...(entry.aliases ?? [])].map((c) => c.toLowerCase());
  if (codes.includes(q)) return 0;
  if (codes.some((c) => c.startsWith(q))) return 1;
  if (codes.some((c) => c.includes(q))) return 2;
  const name = entry.name.toLowerCase();
  if (name.includes(q)) return 3;
  if (words.every((w) => name.includes(w))) return 4;
  const text = `${codes.join(' ')} ${name} ${entry.description.toLowerCase()}`;
  if (text.includes(q)) return 5;
  if (words.every((w) => text.includes(w))) return 6;
  return undefined;
}

/** Entries matching the query (case-insensitive, on code, name and description), code matches first; at most `limit`. */
export function searchFrameworks(query: string, limit = 50): FrameworkEntry[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (q === '' || limit <= 0) return [];
  const words = q.split(' ');
  const hits: { entry: FrameworkEntry; score: number }[] = [];
  for (const entry of FRAMEWORKS) {
    const score = scoreOf(entry, q, words);
    if (score !== undefined) hits.push({ entry, score });
  }
  hits.sort((a, b) => a.score - b.score || (position.get(a.entry.id) ?? 0) - (position.get(b.entry.id) ?? 0));
  return hits.slice(0, limit).map((h) => h.entry);
}
