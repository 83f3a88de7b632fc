// Redaction as a property: whatever a record looks like around it, a secret in a secret-named field never reaches
// the redacted copy that goes into the database and every export, not even where another field quotes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactRecord } from '../../../src/main/engine/ingest/redact';
import { hostileJson, replaceSomewhere } from '../../fuzz/hostile';
import { TEST_SEED } from '../../fuzz/seeded';

const secret = fc.stringMatching(/^[A-Za-z0-9+/_-]{12,40}$/).filter((s) => !/redacted|secret|sha256/i.test(s));
const field = fc.constantFrom('password', 'client_secret', 'token', 'apiKey', 'api_key', 'privateKey', 'SecretAccessKey', 'credential', 'Secret', 'Match', 'passphrase', 'x-api-key', 'AccessToken', 'sessionToken', 'RawV2');

describe('redaction of hostile records', () => {
  it('a secret-named field never leaks, wherever it sits and wherever it is quoted', () => {
    fc.assert(
      fc.property(hostileJson(3), fc.nat(), secret, field, fc.constantFrom('', 'value was ', 'Bearer ', '"'), (doc, pick, value, name, before) => {
        // The secret-named field goes somewhere inside the hostile document; another field quotes its value.
        const record = { wrapper: replaceSomewhere({ doc }, pick, { [name]: value }), note: `${before}${value} here` };
        const out = JSON.stringify(redactRecord(record));
        expect(out).not.toContain(value);
      }),
      { seed: TEST_SEED, numRuns: 500 },
    );
  });

  it('a record with __proto__ keys is copied as data and pollutes nothing', () => {
    fc.assert(
      fc.property(hostileJson(4), (doc) => {
        const record: unknown = JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"doc":${JSON.stringify(doc) ?? 'null'}}`);
        const out = redactRecord(record) as Record<string, unknown>;
        expect(Object.hasOwn(out, '__proto__')).toBe(true);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      }),
      { seed: TEST_SEED, numRuns: 300 },
    );
  });
});
