// `ingest`: import evidence into a workspace.
import { WorkbenchError } from '../../../shared/errors';
import type { IngestResult } from '../../../shared/schemas';
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
  const result: IngestResult = await engine.call('ingest', { paths: options.positionals, skipBadRecords: options.skipBadRecords ?? false, format: options.format });
  print(io, options, result, () =>
    [
      ...result.files.map((f) => `${f.duplicate ? 'already imported' : f.error ? 'skipped' : 'imported'}  ${safeText(f.path)}  (${f.format}, ${f.signals} signals${f.error ? `: ${safeText(f.error)}` : ''})`),
      `${result.signals} new signals; workspace has ${result.identities} identities and ${result.cases} cases.`,
    ].join('\n'),
  );
  return EXIT_OK;
}
