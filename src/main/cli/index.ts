#!/usr/bin/env node
// The `nhi-workbench` command: the same engine as the app, headless.
import { parseArgs } from 'node:util';
import { describeError, toErrorInfo, WorkbenchError } from '../../shared/errors';
import { inProcessEngine } from '../engine/engine-client';
import { COMMANDS } from './commands/index';
import type { CliOptions, CliOutput } from './cli-common';
import { EXIT_USAGE, exitCodeOf } from './exit-codes';

const USAGE = `Usage: nhi-workbench <command> [options]   (add --json for machine-readable output)

  ingest <path>... --workspace <dir> [--skip-bad-records] [--format <parser-id>] [--mapping <file.json|name>]
                                             import evidence files, folders or .zip bundles
  cases --workspace <dir>                    list cases
  show <case-id> --workspace <dir>           one case with its signals and reasons
  identities --workspace <dir>               identities with their identifiers
  keygen --out <path> [--name <signer>] [--no-passphrase]
                                             make an Ed25519 signing key pair (passphrase from
                                             NHI_WORKBENCH_PASSPHRASE, or asked on the terminal)
  export <case-id> --workspace <dir> --out <file> [--format nhicase|html|pdf|md|json|stix|csv] [--key <private-key>]
  verify <file.nhicase> [--allowed-signers <file>]
  review <file.nhicase> --key <reviewer-key> --verdict <accepted|rejected|needs-work> [--comment <text>] [--allowed-signers <file>]
  merge <case-id> <case-id>... --workspace <dir> [--reason <text>]
  split <case-id> --signals <id,...> --workspace <dir> [--anchor <identity-id>] [--reason <text>]
  move <signal-id,...> --to <case-id> --workspace <dir> [--reason <text>]
  note <case-id> <text...> --workspace <dir>
  status <case-id> <new|triage|contained|closed> --workspace <dir>
  undo | redo --workspace <dir>
  audit --workspace <dir> [--verify]

Exit codes: 0 done, 1 refused or verification failed, 2 usage error, 3 bad input (nothing was changed).`;

/** Runs the CLI with the given arguments and returns the exit code. */
export async function runCli(argv: string[], io: CliOutput): Promise<number> {
  let options: CliOptions;
  let command: string | undefined;
  const wantsJson = argv.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        json: { type: 'boolean', default: false },
        key: { type: 'string' },
        out: { type: 'string' },
        name: { type: 'string' },
        format: { type: 'string' },
        'allowed-signers': { type: 'string' },
        'no-passphrase': { type: 'boolean', default: false },
        'skip-bad-records': { type: 'boolean', default: false },
        mapping: { type: 'string' },
        verdict: { type: 'string' },
        comment: { type: 'string' },
        reason: { type: 'string' },
        signals: { type: 'string' },
        anchor: { type: 'string' },
        to: { type: 'string' },
        verify: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    command = positionals[0];
    if (values.help || !command) {
      io.err(USAGE);
      return values.help ? 0 : EXIT_USAGE;
    }
    options = {
      positionals: positionals.slice(1),
      workspace: values.workspace,
      json: values.json ?? false,
      key: values.key,
      out: values.out,
      name: values.name,
      format: values.format,
      allowedSigners: values['allowed-signers'],
      noPassphrase: values['no-passphrase'] ?? false,
      skipBadRecords: values['skip-bad-records'] ?? false,
      mapping: values.mapping,
      verdict: values.verdict,
      comment: values.comment,
      reason: values.reason,
      signals: values.signals,
      anchor: values.anchor,
      to: values.to,
      verify: values.verify ?? false,
    };
  } catch (err) {
    return fail(new WorkbenchError('USAGE', (err as Error).message), wantsJson, io);
  }
  const run = COMMANDS[command];
  if (!run) return fail(new WorkbenchError('USAGE', `Unknown command: ${command}`), options.json, io);
  const engine = inProcessEngine();
  try {
    return await run(engine, options, io);
  } catch (err) {
    return fail(err, options.json, io);
  } finally {
    await engine.dispose();
  }
}

function fail(err: unknown, json: boolean, io: CliOutput): number {
  const info = toErrorInfo(err);
  if (json) io.out(JSON.stringify({ error: info }));
  io.err(`error: ${describeError(info)}`);
  if (info.code === 'USAGE') io.err(`\n${USAGE}`);
  return info.code === 'USAGE' ? EXIT_USAGE : exitCodeOf(info.code);
}

// Run when executed directly (tsx in a clone, or the built out/main/cli.js), not when imported by tests.
const entry = process.argv[1] ?? '';
if (/cli[\\/]index\.ts$|cli\.js$|nhi-workbench(\.mjs)?$/.test(entry)) {
  runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
