// `keygen`, `export`, `verify`: signed case files and the other export formats.
import { existsSync, readFileSync } from 'node:fs';
import { EXPORT_FORMATS, ExportFormatSchema, type ExportFormat } from '../../../shared/case-file';
import type { EngineContract, InputOf } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/errors';
import type { VerifyResult } from '../../../shared/schemas';
import type { EngineClient } from '../../engine/engine-client';
import { isProtectedKey } from '../../engine/report/ssh-key';
import { EXIT_OK, EXIT_REFUSED } from '../exit-codes';
import { print, requireWorkspace, type CliOptions, type CliOutput } from '../cli-common';
import { keyPassphrase, newPassphrase } from './passphrase';

/** The options of these commands beyond the shared ones (parsed in cli/index.ts). */
export type ReportOptions = CliOptions & { noPassphrase?: boolean; verdict?: string; comment?: string };

/** Makes a signing key pair, protected by a passphrase unless --no-passphrase. */
export async function keygen(engine: EngineClient, options: ReportOptions, io: CliOutput): Promise<number> {
  const out = options.out;
  if (!out) throw new WorkbenchError('USAGE', 'keygen needs --out <path>');
  // Refuse before asking: typing a passphrase twice only to hear that the file exists is a poor exchange.
  for (const path of [out, `${out}.pub`]) {
    if (existsSync(path)) throw new WorkbenchError('REFUSED', `${path} already exists; keys are never overwritten.`, { file: path, hint: 'Choose another --out path.' });
  }
  const passphrase = options.noPassphrase ? undefined : await newPassphrase(out);
  const input = { outPath: out, name: options.name ?? 'nhi-workbench', ...(passphrase !== undefined ? { passphrase } : {}) };
  const info = await engine.call('keygen', input as InputOf<EngineContract, 'keygen'>);
  print(io, options, info, () => `Wrote ${out} (${passphrase !== undefined ? 'protected by your passphrase' : 'NOT protected by a passphrase'}) and ${out}.pub\n${info.publicKey}\n${info.fingerprint}`);
  return EXIT_OK;
}

/** Exports a case: a signed case file (the default), or html, pdf, md, json, stix or csv. */
export async function exportCommand(engine: EngineClient, options: ReportOptions, io: CliOutput): Promise<number> {
  const id = options.positionals[0];
  const format = parseFormat(options.format);
  if (!id || !options.out || (format === 'nhicase' && !options.key)) {
    throw new WorkbenchError('USAGE', 'export needs: nhi-workbench export <case-id> --workspace <dir> --out <file> [--format <format>] --key <private-key> (the key is required for nhicase)');
  }
  const workspace = requireWorkspace(options);
  const keyPath = options.key;
  const passphrase = keyPath !== undefined && existsSync(keyPath) && isProtectedKey(readFileSync(keyPath, 'utf8')) ? await keyPassphrase(keyPath) : undefined;
  await engine.call('open', { path: workspace, create: false });
  const input = {
    id,
    outPath: options.out,
    ...(keyPath !== undefined ? { keyPath } : {}),
    ...(format !== 'nhicase' ? { format } : {}),
    ...(passphrase !== undefined ? { passphrase } : {}),
  };
  const result = await engine.call('exportCase', input as InputOf<EngineContract, 'exportCase'>);
  print(io, options, { ...result, format }, () =>
    [`Exported ${id} as ${format} to ${result.path}`, format === 'nhicase' ? `signed by ${result.signer} (${result.fingerprint})` : 'not signed (only nhicase is)', `sha256 ${result.sha256}`].join('\n'),
  );
  return EXIT_OK;
}

/** Verifies a case file and the reviews it carries. */
export async function verify(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const path = options.positionals[0];
  if (!path) throw new WorkbenchError('USAGE', 'verify needs a case file: nhi-workbench verify <file.nhicase> [--allowed-signers <file>]');
  const result: VerifyResult = await engine.call('verifyCaseFile', { path, allowedSignersPath: options.allowedSigners });
  print(io, options, result, () => [...caseLines(path, result), ...reviewLines(result)].join('\n'));
  if (!result.valid && !options.json) io.err(`verification failed: ${result.problems.map((p) => p.member).join(', ')}`);
  return result.valid ? EXIT_OK : EXIT_REFUSED;
}

function caseLines(path: string, result: VerifyResult): string[] {
  if (!result.valid) return [`NOT VERIFIED: ${path}`, ...result.problems.map((p) => `  ${p.member}: ${p.check}: ${p.message}`)];
  return [
    `Verified: ${path}`,
    `signed by ${result.signer} (${result.fingerprint})${result.trusted === null ? '\nsigner not checked against a trust list (pass --allowed-signers)' : ''}`,
  ];
}

// Reviews are listed after the case file's own result: their state never changes the exit code.
function reviewLines(result: VerifyResult): string[] {
  return result.reviews.flatMap((r) => [
    `review ${r.member}: ${r.valid ? 'valid' : 'NOT VALID'}${r.trusted === null ? '' : r.trusted ? ', trusted' : ', not trusted'} — ${r.verdict || '?'} by ${r.reviewer || '?'} (${r.fingerprint || '?'}) at ${r.at || '?'}`,
    ...(r.comment ? [`  "${r.comment}"`] : []),
    ...r.problems.map((p) => `  ${p.member}: ${p.check}: ${p.message}`),
  ]);
}

function parseFormat(value: string | undefined): ExportFormat {
  const parsed = ExportFormatSchema.safeParse(value ?? 'nhicase');
  if (!parsed.success) throw new WorkbenchError('USAGE', `--format ${value ?? ''} is not one of ${EXPORT_FORMATS.join(', ')}.`);
  return parsed.data;
}
