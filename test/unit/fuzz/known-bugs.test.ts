// Minimal reproducers of bugs the fuzzer found in src/, kept as regression tests now that they are fixed. A new bug
// found by the fuzzer gets its reproducer here as `it.fails` (and an entry in test/fuzz/known-bugs.ts) until fixed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trufflehog } from '../../../src/main/engine/ingest/formats/trufflehog';
import { azureActivity } from '../../../src/main/engine/ingest/formats/azure-activity';
import { textSource } from '../../../src/main/engine/ingest/evidence-source';
import { redactRecord, redactText } from '../../../src/main/engine/ingest/redact';
import { WorkbenchError } from '../../../src/shared/errors';
import { newWorkspace } from '../../fixtures/bundles/bundles';
import { FIXTURES, tempDir } from '../../helpers/workspace';
import { KNOWN_BUGS } from '../../fuzz/known-bugs';

/** The first line of a fixture with one more field whose value is the JSON number 1e999 (valid JSON; Infinity once parsed). */
function withHugeNumber(fixture: string): string {
  const first = readFileSync(join(FIXTURES, fixture), 'utf8').split('\n')[0]!;
  return `${first.slice(0, -1)},"extra":1e999}\n`;
}

describe('fixed bug non-finite-number: a valid JSON number beyond double range breaks parsers that hash the record', () => {
  it('is no longer listed as open in test/fuzz/known-bugs.ts', () => {
    expect(KNOWN_BUGS.map((b) => b.id)).not.toContain('non-finite-number');
  });

  // formats/trufflehog.ts (and azure-activity.ts, and any parser whose dedupe key is json-records.ts contentKey):
  // canonicalJson (shared/canonical-json.ts) throws TypeError "non-finite number" on Infinity. The parser contract
  // (ingest/types.ts) allows only BAD_INPUT, and the record is well-formed JSON, so it should simply import.
  for (const [parser, fixture] of [
    [trufflehog, 'trufflehog/results.ndjson'],
    [azureActivity, 'azure-activity/records.ndjson'],
  ] as const) {
    it(`${parser.id}: toSignal on a record holding 1e999 returns a signal instead of throwing TypeError`, () => {
      const [record] = [...parser.records(textSource('x.ndjson', withHugeNumber(fixture)))];
      let thrown: unknown = null;
      try {
        parser.toSignal(record!, 'x.ndjson');
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeNull();
    });
  }

  it('the user sees it as a refused import with an internal message: the file should import', async () => {
    const { engine } = await newWorkspace();
    const path = join(tempDir(), 'results.ndjson');
    writeFileSync(path, withHugeNumber('trufflehog/results.ndjson'));
    // Today: BAD_INPUT "results.ndjson: record 1 (line 1) cannot be read: canonicalJson: non-finite number".
    const result = await engine.call('ingest', { paths: [path] }).catch((err: WorkbenchError) => err);
    await engine.dispose();
    expect(result).not.toBeInstanceOf(WorkbenchError);
  });
});

const TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

describe('fixed bug: redaction misses token shapes that touch a word character', () => {
  it('delimited tokens are redacted (the behaviour the cases below should share)', () => {
    for (const text of [`x=${TOKEN}`, `Authorization: token ${TOKEN}`, `https://x-access-token:${TOKEN}@github.com`]) {
      expect(redactText(text)).not.toContain(TOKEN);
    }
  });

  // ingest/redact.ts SECRET_PATTERNS start with \b, so a GitHub token right after a letter or digit is not found:
  // URL-encoded query strings ("token%3Dghp_…"), escaped newlines inside quoted JSON ("\\nghp_…"), "token_ghp_…".
  // redactRecord then copies it raw into case.json/evidence of every export.
  for (const text of [`GET /x?access_token%3D${TOKEN}`, `{"env":"A=1\\n${TOKEN}"}`, `token_${TOKEN}`]) {
    it(`a token in ${JSON.stringify(text.replace(TOKEN, 'ghp_…'))} is redacted`, () => {
      expect(JSON.stringify(redactRecord({ requestParameters: { url: text } }))).not.toContain(TOKEN);
    });
  }

  // redactRecord redacts values, never keys: a secret used as an object key (an env map keyed by value, a cache
  // dump) is exported as is.
  it('a token used as an object key is redacted', () => {
    expect(JSON.stringify(redactRecord({ requestParameters: { cache: { [TOKEN]: 'hit' } } }))).not.toContain(TOKEN);
  });
});
