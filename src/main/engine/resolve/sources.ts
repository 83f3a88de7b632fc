// Which signals are an identity's own activity, and which only report on it or give context.
import { INVENTORY_SOURCE } from '../ingest/formats/inventory';

/** The source id of signals the engine derives (first-seen). */
export const DERIVED_SOURCE = 'nhi-workbench';
/** Sources whose signals are findings that a secret leaked: they report on an identity, they are not its activity. */
export const FINDING_SOURCES = ['github.secret-scanning', 'gitleaks', 'trufflehog', 'detect-secrets'];
/** Sources that give context only (owners, teams): never put in a case. */
export const CONTEXT_SOURCES = [INVENTORY_SOURCE];

const quoted = (ids: string[]): string => ids.map((id) => `'${id}'`).join(', ');

const NOT_ACTIVITY = [DERIVED_SOURCE, ...FINDING_SOURCES, ...CONTEXT_SOURCES];
/** SQL over `s` (signals) that keeps only an identity's own activity. */
export const ACTIVITY_SQL = `s.source NOT IN (${quoted(NOT_ACTIVITY)})`;
/** The same test as ACTIVITY_SQL, on a signal's source in code. */
export function isActivity(source: string): boolean {
  return !NOT_ACTIVITY.includes(source);
}
/** SQL over `s` (signals) that keeps what belongs in cases: everything but context. */
export const CASE_MATERIAL_SQL = `s.source NOT IN (${quoted(CONTEXT_SOURCES)})`;
