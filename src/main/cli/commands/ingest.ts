// `ingest`: import evidence into a workspace.
import { WorkbenchError } from '../../../shared/errors';
import type { IngestResult } from '../../../shared/schemas';
import { existsSync, readFileSync } from 'node:fs';
import { ColumnMappingSchema, type ColumnMapping } from '../../../shared/column-mapping';
import type { EngineClient } from '../../engine/engine-client';
import { EXIT_OK } from '../exit-codes';
import { print, requireWorkspace, safeText, type CliOptions, type CliOutput } from '../cli-common';

/** Imports files and folders, printing progress to stderr. */
export async function ingest(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  if (options.positionals.length === 0) throw new WorkbenchError('USAGE', 'ingest needs at least one file or folder: nhi-workbench ingest <path>... --workspace <dir>');
  await engine.call('open', { path: requireWorkspace(options), create: true });
  let last = 0;
  engine.onEvent((event, payload) => {
    if (event !== 'ingestProgress' || options.json) return;
    const p = payload as { records: number; phase: string };
    if (p.records - last >= 50_000) {
      last = p.records;
      io.err(`… ${p.records} records read`);
    }
  });
  const result: IngestResult = await engine.call('ingest', { paths: options.positionals, skipBadRecords: options.skipBadRecords ?? false, format: options.format, mapping: readMapping(options.mapping) });
  print(io, options, result, () =>
    [
      ...result.files.map((f) => `${f.duplicate ? 'already imported' : f.error ? 'skipped' : 'imported'}  ${safeText(f.path)}  (${f.format}, ${f.signals} signals${f.error ? `: ${safeText(f.error)}` : ''})`),
      `${result.signals} new signals; workspace has ${result.identities} identities and ${result.cases} cases.`,
    ].join('\n'),
  );
  return EXIT_OK;
}

/** `--mapping`: a JSON file with a column mapping (saved in the workspace under its name), or the name of a saved one. */
function readMapping(value: string | undefined): string | ColumnMapping | undefined {
  if (value === undefined || !value.endsWith('.json')) return value;
  if (!existsSync(value)) throw new WorkbenchError('BAD_INPUT', `No mapping file at ${value}.`, { file: value });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(value, 'utf8'));
  } catch (err) {
    throw new WorkbenchError('BAD_INPUT', `${value} is not JSON: ${(err as Error).message}`, { file: value, hint: 'See docs/cli.md for the mapping format.' });
  }
  const parsed = ColumnMappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new WorkbenchError('BAD_INPUT', `${value} is not a column mapping: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'top level'}: ${i.message}`).join('; ')}`, { file: value, hint: 'See docs/cli.md for the mapping format.' });
  }
  return parsed.data;
}
