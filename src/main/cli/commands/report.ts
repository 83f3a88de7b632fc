// `keygen`, `export`, `verify`: signed case files.
import { WorkbenchError } from '../../../shared/errors';
import type { VerifyResult } from '../../../shared/schemas';
import type { EngineClient } from '../../engine/engine-client';
import { EXIT_OK, EXIT_REFUSED } from '../exit-codes';
import { print, requireWorkspace, type CliOptions, type CliOutput } from '../cli-common';

/** Makes a signing key pair. */
export async function keygen(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  if (!options.out) throw new WorkbenchError('USAGE', 'keygen needs --out <path>');
  const info = await engine.call('keygen', { outPath: options.out, name: options.name ?? 'nhi-workbench' });
  print(io, options, info, () => `Wrote ${options.out} and ${options.out}.pub\n${info.publicKey}\n${info.fingerprint}`);
  return EXIT_OK;
}

/** Exports a signed case file. */
export async function exportCommand(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
  const id = options.positionals[0];
  if (!id || !options.key || !options.out) throw new WorkbenchError('USAGE', 'export needs: nhi-workbench export <case-id> --workspace <dir> --key <private-key> --out <file>');
  if (options.format && options.format !== 'nhicase') throw new WorkbenchError('USAGE', `--format ${options.format} is not available yet; this version exports nhicase.`);
  await engine.call('open', { path: requireWorkspace(options), create: false });
  const result = await engine.call('exportCase', { id, outPath: options.out, keyPath: options.key });
  print(io, options, result, () => `Exported ${id} to ${result.path}\nsigned by ${result.signer} (${result.fingerprint})\nsha256 ${result.sha256}`);
  return EXIT_OK;
}

/** Verifies a case file. */
export async function verify(engine: EngineClient, options: CliOptions, io: CliOutput): Promise<number> {
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
