import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactRecord } from '../../../../src/main/engine/ingest/redact';
import { textSource } from '../../../../src/main/engine/ingest/evidence-source';
import { gitleaks } from '../../../../src/main/engine/ingest/formats/gitleaks';
import { trufflehog } from '../../../../src/main/engine/ingest/formats/trufflehog';
import { githubSecretScanning } from '../../../../src/main/engine/ingest/formats/github-secret-scanning';
import type { FormatParser } from '../../../../src/main/engine/ingest/types';
import { FIXTURES } from '../../../helpers/workspace';

/** The raw secrets a scanner record carries, read straight from the fields scanners use. */
function secretsIn(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string' && /^(Secret|offender|RawV2|secret)$/.test(key) && v.length >= 8) out.push(key === 'RawV2' && v.startsWith('AKIA') ? v.slice(20) : v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  walk(value, '');
  return out;
}

describe('record redaction', () => {
  const cases: [string, FormatParser][] = [
    ['gitleaks', gitleaks],
    ['trufflehog', trufflehog],
    ['github-secret-scanning', githubSecretScanning],
  ];
  for (const [folder, parser] of cases) {
    it(`leaves no secret of the ${folder} fixtures anywhere in the redacted record (not even inside Match or line)`, () => {
      let checked = 0;
      for (const name of readdirSync(join(FIXTURES, folder))) {
        const text = readFileSync(join(FIXTURES, folder, name), 'utf8');
        if (!parser.detect(text.slice(0, 65536), name)) continue;
        for (const record of parser.records(textSource(name, text))) {
          const secrets = secretsIn(record.value);
          const redacted = JSON.stringify(redactRecord(record.value));
          for (const secret of secrets) {
            expect(redacted, `${name} record ${record.index}`).not.toContain(secret);
            expect(redacted).toContain('[redacted secret.sha256:');
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('keeps a __proto__ key as data and pollutes nothing', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes"}, "password": "hunter2hunter2"}') as unknown;
    const out = redactRecord(hostile) as Record<string, unknown>;
    expect(Object.keys(out)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(out)).not.toContain('hunter2hunter2');
  });
});
