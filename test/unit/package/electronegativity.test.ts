// `npm run lint:electron`'s judgement: HIGH and MEDIUM findings fail unless accepted with a reason; LOW passes.
// And the offline runner for real on a tiny app with a known MEDIUM finding.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { judge, parseAccepted, type Finding } from '../../../scripts/electronegativity-policy';
import { REPO, tempDir } from '../../helpers/workspace';

const finding = (over: Partial<Finding>): Finding => ({
  id: 'PRELOAD_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'main/app/window.ts',
  line: 30,
  column: 6,
  sample: "preload: join(__dirname, '../preload/index.cjs'),",
  description: 'Review the use of preload scripts',
  ...over,
});
const reason = 'Reviewed: the preload exposes only the contract methods, nothing of Node or Electron.';

describe('the Electronegativity policy', () => {
  it('fails a medium or high finding that is not accepted, naming the check and where it is', () => {
    const verdict = judge([{ scan: 'src', findings: [finding({}), finding({ id: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH', file: 'main/other.ts', line: 3 })], errors: [] }], []);
    expect(verdict.failures).toHaveLength(2);
    expect(verdict.failures[0]).toContain('PRELOAD_JS_CHECK (MEDIUM) at src/main/app/window.ts:30:6');
    expect(verdict.failures[1]).toContain('NODE_INTEGRATION_JS_CHECK (HIGH) at src/main/other.ts:3');
  });

  it('passes an accepted finding, only in the scan and file it was accepted for', () => {
    const accepted = [{ scan: 'src', id: 'PRELOAD_JS_CHECK', file: 'main/app/window.ts', reason }];
    const ok = judge([{ scan: 'src', findings: [finding({})], errors: [] }], accepted);
    expect(ok.failures).toEqual([]);
    expect(ok.accepted).toEqual([{ finding: finding({}), scan: 'src', reason }]);
    expect(judge([{ scan: 'out', findings: [finding({})], errors: [] }], accepted).failures).toHaveLength(1);
    expect(judge([{ scan: 'src', findings: [finding({ file: 'main/other.ts' })], errors: [] }], accepted).failures).toHaveLength(1);
    expect(judge([{ scan: 'src', findings: [], errors: [] }], accepted).unused).toEqual(accepted);
  });

  it('passes a low or informational finding without an entry', () => {
    const verdict = judge([{ scan: 'out', findings: [finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW' }), finding({ severity: 'INFORMATIONAL' })], errors: [] }], []);
    expect(verdict.failures).toEqual([]);
    expect(verdict.passed).toHaveLength(2);
  });

  it('fails a file Electronegativity could not parse (it went unchecked), not a tolerable warning', () => {
    const verdict = judge([{ scan: 'src', findings: [], errors: [{ file: 'a.ts', message: 'Unexpected token', tolerable: false }, { file: 'b.ts', message: 'minor', tolerable: true }] }], []);
    expect(verdict.failures).toEqual(['src/a.ts: Electronegativity could not check this file: Unexpected token']);
  });

  it('refuses accepted entries without a reason', () => {
    expect(() => parseAccepted({ accepted: [{ scan: 'src', id: 'X', file: 'f' }] })).toThrow(/"reason"/);
    expect(() => parseAccepted({ accepted: [{ scan: 'src', id: 'X', file: 'f', reason: 'ok' }] })).toThrow(/real reason/);
    expect(() => parseAccepted({})).toThrow(/accepted/);
    // The project's own list parses and every entry says why.
    const ours = parseAccepted(JSON.parse(readFileSync(join(REPO, 'docs/electronegativity-accepted.json'), 'utf8')));
    expect(ours.length).toBeGreaterThan(0);
  });
});

describe('the offline Electronegativity runner', () => {
  it('finds a window without isolation in a tiny app, with no network at all', () => {
    const app = tempDir('nhi-en-');
    mkdirSync(join(app, 'main'));
    writeFileSync(
      join(app, 'main/index.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    );
    const output = join(app, 'findings.json');
    const run = spawnSync(process.execPath, [join(REPO, 'scripts/electronegativity-run.cjs'), app, '45.6.1', output], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(readFileSync(output, 'utf8')) as { findings: Finding[]; blockedRequests: string[] };
    const ids = result.findings.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
    // Its translations fetch was tried and refused by the runner's offline stub; nothing else was attempted.
    expect(result.blockedRequests).toEqual([expect.stringMatching(/\.json$/)]);
    expect(judge([{ scan: 'app', findings: result.findings, errors: [] }], []).failures.length).toBeGreaterThan(0);
  }, 60_000);
});
