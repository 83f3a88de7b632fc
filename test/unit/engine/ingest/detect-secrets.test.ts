import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { detectSecrets } from '../../../../src/main/engine/ingest/formats/detect-secrets';
import { at, expectActorsLinked, fixture, foreignFiles, realFiles, records, signals, thrown } from './parser-kit';

const F = 'detect-secrets';
const sha1 = (s: string) => ({ type: 'secret.sha1', value: createHash('sha1').update(s).digest('hex') });

describe('detect-secrets: detection', () => {
  it('detects a baseline by its content', () => {
    expect(detectSecrets.detect(fixture(F, 'secrets.baseline.json'), '.secrets.baseline')).toBe(true);
  });

  it('does not claim JSON without plugins_used', () => {
    expect(detectSecrets.detect(fixture(F, 'not-baseline.json'), '.secrets.baseline')).toBe(false);
  });

  it('does not claim CloudTrail, the other formats, or their real files', () => {
    for (const { name, text } of foreignFiles(F, ['detect-secrets'])) expect(detectSecrets.detect(text, name), name).toBe(false);
  });
});

describe('detect-secrets: results', () => {
  const text = fixture(F, 'secrets.baseline.json');
  const all = signals(detectSecrets, text, '.secrets.baseline');

  it('yields every result of every file, in order, with the line its object starts on', () => {
    const raw = records(detectSecrets, text, '.secrets.baseline');
    expect(raw.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(raw.map((r) => r.line)).toEqual([26, 33, 42]);
    // The third result's file name holds braces; its record still starts on the line of its own brace.
    expect(text.split('\n')[41]?.trim()).toBe('{');
  });

  it('names each finding by the SHA-1 the baseline holds, dated by generated_at', () => {
    expect(at(all, 0)).toMatchObject({
      time: '2026-01-05T10:15:00.000Z',
      source: 'detect-secrets',
      action: 'detect-secrets:AWS Access Key',
      target: 'deploy/.env.production',
      severity: 'medium',
      actor: { kind: 'secret', primary: sha1('AKIAQX4FAKE7ZK2PW3NM'), identifiers: [sha1('AKIAQX4FAKE7ZK2PW3NM')] },
      links: [],
      dedupeKey: `detect-secrets:deploy/.env.production:3:AWS Access Key:${sha1('AKIAQX4FAKE7ZK2PW3NM').value}`,
    });
    expect(at(all, 0).summary).toBe(`detect-secrets AWS Access Key sha1:${sha1('AKIAQX4FAKE7ZK2PW3NM').value.slice(0, 12)}… in deploy/.env.production:3`);
    expectActorsLinked(all);
  });

  it('maps verified to critical and an audited false positive to low', () => {
    expect(all.map((s) => s.severity)).toEqual(['medium', 'critical', 'low']);
    expect(at(all, 2).summary).toContain('(marked not a secret)');
    expect(at(all, 2).target).toBe('tests/fixtures/{weird} "name".json');
  });
});

describe('detect-secrets: refusing what it cannot read', () => {
  it('refuses broken JSON by naming the file and place', () => {
    const err = thrown(() => records(detectSecrets, fixture(F, 'secrets.baseline.json').slice(0, 500), 'cut.baseline'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.record).toMatch(/^line \d+, column \d+$/);
  });

  it('refuses JSON that is not a baseline', () => {
    const err = thrown(() => records(detectSecrets, '[1,2]', 'x.json'));
    expect(err.message).toBe('x.json is not a detect-secrets baseline: it has no "results" object');
  });

  it('rejects a result whose hashed_secret is not a SHA-1, and survives hostile values', () => {
    const err = thrown(() => detectSecrets.toSignal({ index: 2, line: 30, value: { type: 'x', hashed_secret: 'zz' } }, 'b.json'));
    expect(err.record).toBe('record 3 (line 30)');
    const hostile = JSON.parse('{"__proto__":{"x":1},"type":["t"],"filename":7,"hashed_secret":"ABCDEF0123456789ABCDEF0123456789ABCDEF01","line_number":{}}');
    expect(detectSecrets.toSignal({ index: 0, line: 1, value: hostile }, 'b.json')).toMatchObject({ target: null, actor: { primary: { value: 'abcdef0123456789abcdef0123456789abcdef01' } } });
  });
});

const real = realFiles('detect-secrets', 'detect-secrets');

describe.skipIf(real.length === 0)('detect-secrets: Yelp\'s own baseline', () => {
  it('detects it and normalizes every result, joining the two findings of one secret', () => {
    for (const { name, text } of real) {
      expect(detectSecrets.detect(text.slice(0, 65536), name)).toBe(true);
      const all = signals(detectSecrets, text, name);
      expect(all).toHaveLength(16);
      expect(records(detectSecrets, text, name).every((r) => r.line !== null)).toBe(true);
      const same = all.filter((s) => s.actor.primary?.value === '63e1b8ad9e948f948bc19035801e8529c4c94b13');
      expect(same.map((s) => s.action)).toEqual(['detect-secrets:Hex High Entropy String', 'detect-secrets:Secret Keyword']);
    }
  });
});
