// Saved column mappings: kept in the workspace so a later import (and every re-read of a mapped file, for a
// record view or an export) reads the file the same way.
import { WorkbenchError } from '../../../shared/errors';
import { ColumnMappingSchema, type ColumnMapping } from '../../../shared/column-mapping';
import type { Db } from '../db/database';
import { GENERIC_PREFIX, mappedParser } from './formats/generic';
import { parserById } from './registry';
import type { FormatParser } from './types';

/** A mapping given in full, or the name of one saved before. */
export function resolveMapping(db: Db, mapping: string | ColumnMapping): ColumnMapping {
  if (typeof mapping !== 'string') return mapping;
  const row = db.get<{ json: string }>('SELECT json FROM mappings WHERE name = ?', [mapping]);
  if (!row) {
    const known = db.all<{ name: string }>('SELECT name FROM mappings ORDER BY name').map((r) => r.name);
    throw new WorkbenchError('USAGE', `No column mapping named "${mapping}" in this workspace.`, { hint: known.length ? `Saved mappings: ${known.join(', ')}.` : 'Give the mapping as a JSON file the first time; it is saved under its name.' });
  }
  return ColumnMappingSchema.parse(JSON.parse(row.json));
}

/** Saves (or replaces) a mapping under its name. */
export function saveMapping(db: Db, mapping: ColumnMapping): void {
  db.run('INSERT INTO mappings (name, json) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET json = excluded.json', [mapping.name, JSON.stringify(mapping)]);
}

/** Finds the parser of a stored file's format, including mapped formats saved in this workspace. */
export function parserResolver(db: Db): (id: string) => FormatParser | undefined {
  return (id) => (id.startsWith(GENERIC_PREFIX) ? mappedParser(resolveMapping(db, id.slice(GENERIC_PREFIX.length))) : parserById(id));
}
