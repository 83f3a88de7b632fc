// The bundled framework catalogues: well-formed, complete where the framework is closed, searchable, and the mapping
// hints only ever point at entries that exist and always say why.
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, FRAMEWORK_NAMES, FRAMEWORK_ORDER, frameworkEntry, searchFrameworks } from '../../../src/shared/frameworks';
import { ATLAS } from '../../../src/shared/frameworks/atlas';
import { ATTACK } from '../../../src/shared/frameworks/attack';
import { NIST_CSF } from '../../../src/shared/frameworks/nist-csf';
import { OWASP_NHI } from '../../../src/shared/frameworks/owasp-nhi';
import { SUGGESTABLE_IDS, suggestMappings } from '../../../src/shared/frameworks/suggest';
import type { FrameworkId } from '../../../src/shared/frameworks/types';

const CODE_STYLE: Record<FrameworkId, RegExp> = {
  'owasp-nhi': /^NHI([1-9]|10)$/,
  'nist-csf': /^(GV|ID|PR|DE|RS|RC)(\.[A-Z]{2})?$/,
  attack: /^T\d{4}(\.\d{3})?$/,
  atlas: /^AML\.T\d{4}(\.\d{3})?$/,
};

const CSF_CATEGORIES = [
  'GV.OC', 'GV.RM', 'GV.RR', 'GV.PO', 'GV.OV', 'GV.SC',
  'ID.AM', 'ID.RA', 'ID.IM',
  'PR.AA', 'PR.AT', 'PR.DS', 'PR.PS', 'PR.IR',
  'DE.CM', 'DE.AE',
  'RS.MA', 'RS.AN', 'RS.CO', 'RS.MI',
  'RC.RP', 'RC.CO',
];

describe('framework catalogues', () => {
  it('has unique, well-formed ids for every framework', () => {
    const ids = FRAMEWORKS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of FRAMEWORKS) {
      expect(e.id).toBe(`${e.framework}:${e.code}`);
      expect(e.code).toMatch(CODE_STYLE[e.framework]);
      expect(e.name.trim()).not.toBe('');
      expect(e.url).toMatch(/^https:\/\//);
      // One sentence: ends with a full stop and has no sentence break inside.
      expect(e.description).toMatch(/^[A-Z].*[.)]$/);
      expect(e.description).not.toMatch(/\. [A-Z]/);
    }
  });

  it('gives every parent an existing entry of the same framework, and only sub-items have one', () => {
    for (const e of FRAMEWORKS) {
      if (e.parent === undefined) {
        expect(e.code).not.toMatch(/\.\d{3}$|^(GV|ID|PR|DE|RS|RC)\./);
        continue;
      }
      const parent = frameworkEntry(`${e.framework}:${e.parent}`);
      expect(parent, `${e.id} has parent ${e.parent}`).toBeDefined();
      expect(parent?.parent).toBeUndefined();
      expect(e.code.startsWith(`${e.parent}.`)).toBe(true);
    }
  });

  it('names ATT&CK and ATLAS sub-techniques after their parent, as MITRE displays them', () => {
    for (const e of [...ATTACK, ...ATLAS].filter((x) => x.parent !== undefined)) {
      const parent = frameworkEntry(`${e.framework}:${e.parent}`);
      expect(e.name.startsWith(`${parent?.name}: `)).toBe(true);
    }
  });

  it('has exactly NHI1 to NHI10 for OWASP, with the official names', () => {
    expect(OWASP_NHI.map((e) => e.code)).toEqual(Array.from({ length: 10 }, (_, i) => `NHI${i + 1}`));
    expect(frameworkEntry('owasp-nhi:NHI1')?.name).toBe('Improper Offboarding');
    expect(frameworkEntry('owasp-nhi:NHI2')?.name).toBe('Secret Leakage');
    expect(frameworkEntry('owasp-nhi:NHI7')?.name).toBe('Long-Lived Secrets');
    expect(frameworkEntry('owasp-nhi:NHI10')?.name).toBe('Human Use of NHI');
  });

  it('has the six CSF 2.0 functions and all 22 categories', () => {
    const functions = NIST_CSF.filter((e) => e.parent === undefined).map((e) => e.code);
    const categories = NIST_CSF.filter((e) => e.parent !== undefined).map((e) => e.code);
    expect(functions).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect([...categories].sort()).toEqual([...CSF_CATEGORIES].sort());
    expect(frameworkEntry('nist-csf:PR.AA')?.name).toBe('Identity Management, Authentication, and Access Control');
  });

  it('ships at least 40 ATT&CK and 10 ATLAS entries with known anchors', () => {
    expect(ATTACK.length).toBeGreaterThanOrEqual(40);
    expect(ATLAS.length).toBeGreaterThanOrEqual(10);
    expect(frameworkEntry('attack:T1078.004')?.name).toBe('Valid Accounts: Cloud Accounts');
    expect(frameworkEntry('attack:T1098.001')?.name).toBe('Account Manipulation: Additional Cloud Credentials');
    expect(frameworkEntry('attack:T1555.006')?.name).toBe('Credentials from Password Stores: Cloud Secrets Management Stores');
    expect(frameworkEntry('atlas:AML.T0051.001')?.name).toBe('LLM Prompt Injection: Indirect');
  });

  it('resolves a retired ATT&CK code to its successor', () => {
    expect(frameworkEntry('attack:T1562.008')?.id).toBe('attack:T1685.002');
    expect(frameworkEntry('attack:T9999')).toBeUndefined();
    const aliases = FRAMEWORKS.flatMap((e) => (e.aliases ?? []).map((a) => `${e.framework}:${a}`));
    for (const a of aliases) expect(FRAMEWORKS.some((e) => e.id === a)).toBe(false);
  });

  it('has a display name for every framework in the list order', () => {
    expect(Object.keys(FRAMEWORK_NAMES).sort()).toEqual([...FRAMEWORK_ORDER].sort());
    expect([...new Set(FRAMEWORKS.map((e) => e.framework))]).toEqual(FRAMEWORK_ORDER);
  });
});

describe('searchFrameworks', () => {
  it('finds by code, case-insensitively, with the exact code first', () => {
    const hits = searchFrameworks('t1078');
    expect(hits[0]?.id).toBe('attack:T1078');
    expect(hits[1]?.id).toBe('attack:T1078.004');
    expect(searchFrameworks('pr.aa')[0]?.id).toBe('nist-csf:PR.AA');
    expect(searchFrameworks('nhi2')[0]?.id).toBe('owasp-nhi:NHI2');
    expect(searchFrameworks('attack:T1530')[0]?.id).toBe('attack:T1530');
    expect(searchFrameworks('T1562.008')[0]?.id).toBe('attack:T1685.002');
  });

  it('finds by words in the name and description', () => {
    expect(searchFrameworks('secret leakage').map((e) => e.id)).toContain('owasp-nhi:NHI2');
    expect(searchFrameworks('Cloud Secrets').map((e) => e.id)).toContain('attack:T1555.006');
    expect(searchFrameworks('prompt injection indirect').map((e) => e.id)).toContain('atlas:AML.T0051.001');
    // "plugin" only appears in the description, under ATLAS's former name for the technique.
    expect(searchFrameworks('plugin').map((e) => e.id)).toContain('atlas:AML.T0053');
  });

  it('ranks code matches before name and description matches', () => {
    const hits = searchFrameworks('ID');
    expect(hits[0]?.id).toBe('nist-csf:ID');
    const firstNonCode = hits.findIndex((e) => !`${e.code} ${e.id}`.toLowerCase().includes('id'));
    const lastCode = hits.map((e) => `${e.code} ${e.id}`.toLowerCase().includes('id')).lastIndexOf(true);
    expect(firstNonCode === -1 || firstNonCode > lastCode).toBe(true);
  });

  it('respects the limit and ignores empty queries', () => {
    expect(searchFrameworks('cloud', 3)).toHaveLength(3);
    expect(searchFrameworks('   ')).toEqual([]);
    expect(searchFrameworks('no such thing zzz')).toEqual([]);
  });
});

describe('suggestMappings', () => {
  const exists = (id: string): boolean => FRAMEWORKS.some((e) => e.id === id);

  it('can only ever suggest ids that exist', () => {
    for (const id of SUGGESTABLE_IDS) expect(exists(id), id).toBe(true);
  });

  it('maps the brief\'s examples with a reason each', () => {
    const s = suggestMappings(
      ['iam:CreateAccessKey', 'secretsmanager:GetSecretValue', 'cloudtrail:StopLogging', 'sts:AssumeRole', 'gitleaks:aws-access-token', 'agent:execute_tool:send_email'],
      ['ai-agent', 'github.token'],
    );
    const ids = s.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([
      'attack:T1098.001', 'owasp-nhi:NHI7', 'attack:T1555.006', 'attack:T1685.002', 'attack:T1078.004',
      'owasp-nhi:NHI2', 'attack:T1552.001', 'atlas:AML.T0053', 'atlas:AML.T0086', 'atlas:AML.T0051', 'attack:T1550.001',
    ]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const x of s) {
      expect(exists(x.id), x.id).toBe(true);
      expect(x.why.length).toBeGreaterThan(20);
    }
  });

  it('needs a burst before suggesting bulk reads, and says how many it saw', () => {
    expect(suggestMappings(['s3:GetObject', 's3:GetObject'], []).map((x) => x.id)).not.toContain('attack:T1530');
    const burst = suggestMappings(Array.from({ length: 30 }, () => 's3:GetObject'), []);
    const hit = burst.find((x) => x.id === 'attack:T1530');
    expect(hit?.why).toContain('30 times');
  });

  it('matches regardless of case and ignores unknown actions and kinds', () => {
    expect(suggestMappings(['CLOUDTRAIL:stoplogging'], []).map((x) => x.id)).toEqual(['attack:T1685.002']);
    expect(suggestMappings(['foo:Bar', ''], ['unknown'])).toEqual([]);
    expect(suggestMappings([], [])).toEqual([]);
  });

  it('classifies agent tools by whole words of the tool name', () => {
    const ids = (tool: string): string[] => suggestMappings([`agent:execute_tool:${tool}`], []).map((x) => x.id);
    expect(ids('deleteFile')).toContain('atlas:AML.T0101');
    expect(ids('read_env')).toContain('atlas:AML.T0098');
    expect(ids('run_shell')).toContain('attack:T1059');
    expect(ids('query_postgres')).toEqual(['atlas:AML.T0053']);
    expect(ids('dropbox_list')).toEqual(['atlas:AML.T0053']);
  });

  it('gives the same suggestions whatever order the actions come in', () => {
    const actions = ['sts:AssumeRoleWithWebIdentity', 'create pods/exec', 'iam:AttachRolePolicy', 'signin:ConsoleLogin'];
    expect(suggestMappings([...actions].reverse(), ['github.workflow'])).toEqual(suggestMappings(actions, ['github.workflow']));
  });
});
