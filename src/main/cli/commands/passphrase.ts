// Passphrases for key files on the command line: from NHI_WORKBENCH_PASSPHRASE for scripts, else asked on the
// terminal without echo. Never taken from an option, where it would land in shell history and `ps` output.
import { WorkbenchError } from '../../../shared/errors';

/** The environment variable a script sets to give the passphrase. */
export const PASSPHRASE_ENV = 'NHI_WORKBENCH_PASSPHRASE';

/** Where passphrases come from; tests replace the terminal. */
export interface PassphraseSource {
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  ask(question: string): Promise<string>;
}

/** The process's own environment and terminal. */
export function processPassphraseSource(): PassphraseSource {
  return { env: process.env, isTTY: process.stdin.isTTY === true && process.stderr.isTTY === true, ask: askHidden };
}

/** A passphrase for a new key: the environment's, or typed twice on a terminal; `--no-passphrase` is the way to have none. */
export async function newPassphrase(keyPath: string, source: PassphraseSource = processPassphraseSource()): Promise<string> {
  const fromEnv = source.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined) {
    if (fromEnv === '') throw new WorkbenchError('USAGE', `${PASSPHRASE_ENV} is empty; pass --no-passphrase for a key without one.`);
    return fromEnv;
  }
  if (!source.isTTY) throw noSource(`keygen protects ${keyPath} with a passphrase`, 'or pass --no-passphrase for an unprotected key');
  const first = await source.ask(`Passphrase for ${keyPath}: `);
  if (first === '') throw new WorkbenchError('USAGE', 'An empty passphrase protects nothing; pass --no-passphrase for a key without one.');
  if ((await source.ask('Same passphrase again: ')) !== first) throw new WorkbenchError('USAGE', 'The two passphrases differ; nothing was written.');
  return first;
}

/** The passphrase of an existing protected key: the environment's, or typed once on a terminal. */
export async function keyPassphrase(keyPath: string, source: PassphraseSource = processPassphraseSource()): Promise<string> {
  const fromEnv = source.env[PASSPHRASE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!source.isTTY) throw noSource(`${keyPath} is protected by a passphrase`, '');
  return source.ask(`Passphrase for ${keyPath}: `);
}

function noSource(what: string, alternative: string): WorkbenchError {
  return new WorkbenchError('USAGE', `${what}, but there is no terminal to ask on.`, { hint: `set ${PASSPHRASE_ENV}${alternative ? `, ${alternative}` : ''}` });
}

// Raw mode turns echo off; the characters are collected by hand until Enter. Ctrl-C cancels, backspace edits.
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new WorkbenchError('USAGE', 'Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
