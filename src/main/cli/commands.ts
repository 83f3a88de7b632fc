// The CLI's commands: each opens the workspace, calls the engine, and prints for people or for scripts.
import { WorkbenchError } from '../../shared/errors';
import type { CaseSummary, IngestResult, SignalRow, VerifyResult } from '../../shared/schemas';
import type { EngineClient } from '../engine/engine-client';
import { EXIT_OK, EXIT_REFUSED } from './exit-codes';

/** Parsed command-line options shared by all commands. */
export interface CliOptions {
  positionals: string[];
  workspace?: string;
  json: boolean;
  key?: string;
  out?: string;
  name?: string;
  format?: string;
  allowedSigners?: string;
}

/** Where a command writes: stdout for results, stderr for messages. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Command = (engine: EngineClient, options: CliOptions, io: CliOutput) => Promise<number>;

function requireWorkspace(options: CliOptions): string {
  if (!options.workspace) throw new WorkbenchError('USAGE', 'This command needs --workspace <dir>.');
  return options.workspace;
}

function print(io: CliOutput, options: CliOptions, value: unknown, human: () => string): void {
  io.out(options.json ? JSON.stringify(value) : human());
}

async function ingest(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
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
  const result: IngestResult = await engine.call('ingest', { paths: options.positionals });
  print(io, options, result, () =>
    [
      ...result.files.map((f) => `${f.duplicate ? 'already imported' : f.error ? 'skipped' : 'imported'}  ${f.path}  (${f.format}, ${f.signals} signals${f.error ? `: ${f.error}` : ''})`),
      `${result.signals} new signals; workspace has ${result.identities} identities and ${result.cases} cases.`,
    ].join('\n'),
  );
  return EXIT_OK;
}

async function cases(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const items: CaseSummary[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.call('listCases', { offset, limit: 1000 });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  print(io, options, items, () =>
    items.map((c) => `${c.id}  ${c.severity.padEnd(8)}  ${String(c.signals).padStart(6)} signals  ${c.anchor.label} (${c.anchor.kind})  ${c.firstSeen ?? ''} .. ${c.lastSeen ?? ''}`).join('\n') || 'No cases.',
  );
  return EXIT_OK;
}

async function show(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const id = options.positionals[0];
  if (!id) throw new WorkbenchError('USAGE', 'show needs a case id: nhi-workbench show <case-id> --workspace <dir>');
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const detail = await engine.call('getCase', { id });
  const signals: SignalRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.call('caseSignals', { id, offset, limit: 1000 });
    signals.push(...page.items);
    if (signals.length >= page.total || page.items.length === 0) break;
  }
  print(io, options, { ...detail, signals }, () =>
    [
      `${detail.id}  ${detail.title}  [${detail.severity}, ${detail.status}]`,
      `anchor: ${detail.anchor.label} (${detail.anchor.kind}) ${detail.anchor.id}`,
      ...detail.anchorIdentity.identifiers.map((i) => `  ${i.type}: ${i.value}`),
      `${signals.length} signals, ${detail.failures} failures, from ${detail.sourceIps.join(', ') || 'no IPs'}`,
      ...signals.map((s) => `${s.time}  ${s.action}  ${s.outcome}${s.errorCode ? ` (${s.errorCode})` : ''}  ${s.sourceIp ?? ''}  — ${s.reason}`),
    ].join('\n'),
  );
  return EXIT_OK;
}

async function identities(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const list = await engine.call('listIdentities', {});
  print(io, options, list, () => list.map((i) => `${i.id}  ${i.label} (${i.kind})\n${i.identifiers.map((x) => `  ${x.type}: ${x.value}`).join('\n')}`).join('\n'));
  return EXIT_OK;
}

async function keygen(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  if (!options.out) throw new WorkbenchError('USAGE', 'keygen needs --out <path>');
  const info = await engine.call('keygen', { outPath: options.out, name: options.name ?? 'nhi-workbench' });
  print(io, options, info, () => `Wrote ${options.out} and ${options.out}.pub\n${info.publicKey}\n${info.fingerprint}`);
  return EXIT_OK;
}

async function exportCommand(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const id = options.positionals[0];
  if (!id || !options.key || !options.out) throw new WorkbenchError('USAGE', 'export needs: nhi-workbench export <case-id> --workspace <dir> --key <private-key> --out <file>');
  if (options.format && options.format !== 'nhicase') throw new WorkbenchError('USAGE', `--format ${options.format} is not available yet; this version exports nhicase.`);
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const result = await engine.call('exportCase', { id, outPath: options.out, keyPath: options.key });
  print(io, options, result, () => `Exported ${id} to ${result.path}\nsigned by ${result.signer} (${result.fingerprint})\nsha256 ${result.sha256}`);
  return EXIT_OK;
}

async function verify(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const path = options.positionals[0];
  if (!path) throw new WorkbenchError('USAGE', 'verify needs a case file: nhi-workbench verify <file.nhicase> [--allowed-signers <file>]');
  const result: VerifyResult = await engine.call('verifyCaseFile', { path, allowedSignersPath: options.allowedSigners });
  print(io, options, result, () =>
    result.valid
      ? `Verified: ${path}\nsigned by ${result.signer} (${result.fingerprint})${result.trusted === null ? '\nsigner not checked against a trust list (pass --allowed-signers)' : ''}`
      : [`NOT VERIFIED: ${path}`, ...result.problems.map((p) => `  ${p.member}: ${p.check}: ${p.message}`)].join('\n'),
  );
  if (!result.valid && !options.json) io.err(`verification failed: ${result.problems.map((p) => p.member).join(', ')}`);
  return result.valid ? EXIT_OK : EXIT_REFUSED;
}

/** Every command by name. */
export const COMMANDS: Record<string, Command> = { ingest, cases, show, identities, keygen, export: exportCommand, verify };
