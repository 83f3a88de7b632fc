// `review`: a reviewer countersigns a case file they have checked, without changing any signed member.
import { existsSync, readFileSync } from 'node:fs';
import { REVIEW_VERDICTS, type ReviewVerdict } from '../../../shared/case-file';
import { WorkbenchError } from '../../../shared/errors';
import type { EngineClient } from '../../engine/engine-client';
import { loadKey } from '../../engine/report/export-case';
import { addReview } from '../../engine/report/review';
import { isProtectedKey } from '../../engine/report/ssh-key';
import { EXIT_OK } from '../exit-codes';
import { print, type CliOutput } from '../cli-common';
import { keyPassphrase } from './passphrase';
import type { ReportOptions } from './report';

const USAGE = 'review needs: nhi-workbench review <file.nhicase> --key <reviewer-key> --verdict <accepted|rejected|needs-work> [--comment <text>] [--allowed-signers <file>]';

/** Verifies a case file, then adds the reviewer's signed verdict to it. */
// It needs no workspace, so it runs on the engine's report functions directly rather than through an open engine.
export async function review(_engine: EngineClient, options: ReportOptions, io: CliOutput): Promise<number> {
  const path = options.positionals[0];
  if (!path || !options.key || !options.verdict) throw new WorkbenchError('USAGE', USAGE);
  if (!(REVIEW_VERDICTS as readonly string[]).includes(options.verdict)) throw new WorkbenchError('USAGE', `--verdict must be one of ${REVIEW_VERDICTS.join(', ')}.`);
  let allowedSignersText: string | undefined;
  if (options.allowedSigners !== undefined) {
    if (!existsSync(options.allowedSigners)) throw new WorkbenchError('NOT_FOUND', `No allowed_signers file at ${options.allowedSigners}.`, { file: options.allowedSigners });
    allowedSignersText = readFileSync(options.allowedSigners, 'utf8');
  }
  const keyPath = options.key;
  const passphrase = existsSync(keyPath) && isProtectedKey(readFileSync(keyPath, 'utf8')) ? await keyPassphrase(keyPath) : undefined;
  const key = loadKey(keyPath, passphrase);
  const added = addReview(path, key, { verdict: options.verdict as ReviewVerdict, comment: options.comment ?? '', allowedSignersText }, new Date());
  print(io, options, added, () => `Added ${added.member} to ${added.path}: ${added.verdict} by ${added.reviewer} (${added.fingerprint}) on case ${added.caseId}`);
  return EXIT_OK;
}
