// The one place the renderer reads the framework catalogues (OWASP NHI Top 10, NIST CSF 2.0, MITRE ATT&CK, ATLAS),
// so the mapping tab depends on this small surface and not on how the catalogues are organised.
import { FRAMEWORK_NAMES, FRAMEWORKS, frameworkEntry, searchFrameworks, type FrameworkEntry } from '../../shared/frameworks';
import { suggestMappings, type MappingSuggestion } from '../../shared/frameworks/suggest';

export type { FrameworkEntry, MappingSuggestion };

/** True when a catalogue is available to search. */
export const hasCatalogue = FRAMEWORKS.length > 0;

/** Entries matching a query, best first, at most `limit`; an empty query lists the catalogue from the start. */
export function searchCatalogue(query: string, limit = 100): FrameworkEntry[] {
  return query.trim() === '' ? FRAMEWORKS.slice(0, limit) : searchFrameworks(query, limit);
}

/** The entry with this id (or its successor, for a retired code); undefined for ids the catalogue does not know. */
export function entryFor(id: string): FrameworkEntry | undefined {
  return frameworkEntry(id);
}

/** The display name of an entry's framework. */
export function frameworkName(entry: FrameworkEntry): string {
  return FRAMEWORK_NAMES[entry.framework];
}

/** Explainable hints from the case's actions (one per signal) and identity kinds. */
export function suggestFor(actions: readonly string[], kinds: readonly string[]): MappingSuggestion[] {
  return suggestMappings(actions, kinds);
}

/** True for text shaped like an entry id (`framework:code`), so an id can be mapped even when the catalogue lacks it. */
export function looksLikeEntryId(text: string): boolean {
  return /^[a-z0-9][a-z0-9.-]*:[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text.trim()) && text.trim().length <= 100;
}
