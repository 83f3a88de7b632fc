// `merge`, `split`, `move`, `note`, `status`, `undo`, `redo`, `audit`: the analyst's actions from a shell.
import { WorkbenchError } from '../../../shared/errors';
import { CaseStatusSchema } from '../../../shared/schemas';
import type { ActionResult } from '../../../shared/case-actions';
import type { EngineClient } from '../../engine/engine-client';
import { EXIT_OK, EXIT_REFUSED } from '../exit-codes';
import { print, requireWorkspace, type CliOptions, type CliOutput } from '../cli-common';

async function openWorkspace(engine: EngineClient, options: CliOptions): Promise<void> {
  await engine.call('open', { path: requireWorkspace(options), create: false });
}

function report(io: CliOutput, options: CliOptions, result: ActionResult | null, nothing: string): number {
  if (!result) {
    print(io, options, { action: null, cases: [] }, () => nothing);
    return EXIT_OK;
  }
  print(io, options, result, () => `#${result.action.seq} ${result.action.type} — cases ${result.cases.join(', ')}\nchain ${result.action.hash}`);
  return EXIT_OK;
}

function signalIds(text: string | undefined, usage: string): number[] {
  const ids = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) throw new WorkbenchError('USAGE', `Signal ids are positive integers separated by commas: ${usage}`);
  return ids;
}

/** Merges cases; unrelated anchors need --reason. */
export async function merge(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  if (options.positionals.length < 2) throw new WorkbenchError('USAGE', 'merge needs two or more case ids: nhi-workbench merge <case-id> <case-id>... --workspace <dir> [--reason <text>]');
  await openWorkspace(engine, options);
  const result = await engine.call('mergeCases', { ids: options.positionals, into: options.positionals[0], reason: options.reason });
  return report(io, options, result, '');
}

/** Splits chosen signals of a case into a new case. */
export async function split(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const usage = 'nhi-workbench split <case-id> --signals <id,...> --workspace <dir> [--anchor <identity-id>] [--reason <text>]';
  const id = options.positionals[0];
  if (!id) throw new WorkbenchError('USAGE', `split needs a case id: ${usage}`);
  const ids = signalIds(options.signals, usage);
  await openWorkspace(engine, options);
  return report(io, options, await engine.call('splitCase', { id, signalIds: ids, anchor: options.anchor, reason: options.reason }), '');
}

/** Moves signals into another case. */
export async function move(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const usage = 'nhi-workbench move <signal-id,...> --to <case-id> --workspace <dir> [--reason <text>]';
  if (!options.to) throw new WorkbenchError('USAGE', `move needs --to <case-id>: ${usage}`);
  const ids = signalIds(options.positionals[0], usage);
  await openWorkspace(engine, options);
  return report(io, options, await engine.call('moveSignals', { signalIds: ids, to: options.to, reason: options.reason }), '');
}

/** Adds a note to a case. */
export async function note(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const [id, ...words] = options.positionals;
  if (!id || words.length === 0) throw new WorkbenchError('USAGE', 'note needs a case id and text: nhi-workbench note <case-id> <text...> --workspace <dir>');
  await openWorkspace(engine, options);
  return report(io, options, await engine.call('addNote', { id, text: words.join(' ') }), '');
}

/** Sets a case's status. */
export async function status(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const [id, value] = options.positionals;
  const parsed = CaseStatusSchema.safeParse(value);
  if (!id || !parsed.success) throw new WorkbenchError('USAGE', 'status needs a case id and one of new, triage, contained, closed: nhi-workbench status <case-id> <status> --workspace <dir>');
  await openWorkspace(engine, options);
  return report(io, options, await engine.call('updateCase', { id, status: parsed.data }), '');
}

/** Undoes the last action (as a new action in the audit chain). */
export async function undo(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await openWorkspace(engine, options);
  return report(io, options, await engine.call('undo', {}), 'Nothing to undo.');
}

/** Redoes the last undone action. */
export async function redo(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await openWorkspace(engine, options);
  return report(io, options, await engine.call('redo', {}), 'Nothing to redo.');
}

/** Shows the audit chain's length and head; with --verify, checks it and names the first broken entry. */
export async function audit(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await openWorkspace(engine, options);
  const result = await engine.call('auditVerify', {});
  print(io, options, result, () =>
    result.valid ? `${result.entries} entries, head ${result.head}${options.verify ? '\nThe audit chain verifies.' : ''}` : `BROKEN: the audit chain fails at entry ${result.firstBroken} (of ${result.entries}).`,
  );
  return options.verify && !result.valid ? EXIT_REFUSED : EXIT_OK;
}
