// Reviewer mode's pure helpers: notes, steps and mappings replayed from a case file's audit entries, and the
// in-memory sorting and searching of its signals, and what the banner makes of a verification.
import { describe, expect, it } from 'vitest';
import { caseFileActivity } from '../../../src/renderer/src/lib/case-file-activity';
import { reviewSignals } from '../../../src/renderer/src/lib/review-signals';
import { reviewVerdict } from '../../../src/renderer/src/lib/review-verdict';
import { caseJson, entry, verification } from './case-file-fixtures';

describe('case file activity', () => {
  it('replays notes, steps and mappings, undo and redo included, with who and when from the entries', () => {
    const activity = caseFileActivity(
      caseJson([
        entry(1, 'case.proposed', { id: 'C-1' }),
        entry(2, 'case.note-added', { id: 'C-1', noteId: 1, text: 'Key used from a new ASN' }),
        entry(3, 'case.note-added', { id: 'C-1', noteId: 2, text: 'typo' }),
        entry(4, 'undo', { of: 3, type: 'case.note-added', label: 'Note on C-1' }),
        entry(5, 'case.step-set', { id: 'C-1', step: 'rotate', before: null, done: true, note: 'new key issued' }, 'bob'),
        entry(6, 'case.step-set', { id: 'C-1', step: 'revoke', before: null, done: true, note: null }),
        entry(7, 'undo', { of: 6, type: 'case.step-set', label: 'Tick revoke on C-1' }),
        entry(8, 'redo', { of: 6, type: 'case.step-set', label: 'Tick revoke on C-1' }),
        entry(9, 'case.mappings-set', { id: 'C-1', before: [], after: ['owasp-nhi:NHI2', 'attack:T1078.004'] }),
        entry(10, 'case.mappings-set', { id: 'C-1', before: ['attack:T1078.004', 'owasp-nhi:NHI2'], after: ['attack:T1078.004'] }),
        entry(11, 'undo', { of: 10, type: 'case.mappings-set', label: 'Change framework mappings of C-1' }),
      ]),
    );
    expect(activity.notes).toEqual([{ seq: 2, at: '2024-05-01T10:00:02.000Z', author: 'analyst@host', text: 'Key used from a new ASN' }]);
    expect(activity.steps).toEqual([
      { step: 'rotate', done: true, by: 'bob', at: '2024-05-01T10:00:05.000Z', note: 'new key issued' },
      { step: 'revoke', done: true, by: 'analyst@host', at: '2024-05-01T10:00:08.000Z', note: null },
    ]);
    expect(activity.mappings).toEqual(['attack:T1078.004', 'owasp-nhi:NHI2']);
  });

  it('ignores payloads of the wrong shape and actions on other cases', () => {
    const activity = caseFileActivity(
      caseJson([
        entry(1, 'case.note-added', { id: 'C-2', noteId: 1, text: 'other case' }),
        entry(2, 'case.step-set', { id: 'C-1', step: 42, done: true }),
        entry(3, 'case.mappings-set', { id: 'C-1', after: 'not-a-list' }),
        entry(4, 'undo', { of: 'x' }),
      ]),
    );
    expect(activity).toEqual({ notes: [], steps: [], mappings: [] });
  });
});

describe('reviewer signals', () => {
  const signals = caseJson().signals;

  it('sorts by a column either way, ties in time order', () => {
    expect(reviewSignals(signals, '', 'time', false).map((s) => s.id)).toEqual([2, 3, 1]);
    expect(reviewSignals(signals, '', 'action', true).map((s) => s.action)).toEqual(['sts:GetCallerIdentity', 's3:GetObject', 'iam:ListUsers']);
    expect(reviewSignals(signals, '', 'region', false).map((s) => s.id)).toEqual([2, 3, 1]);
  });

  it('searches the shown text fields, case-insensitively, without changing the input', () => {
    expect(reviewSignals(signals, '  S3:get ', 'time', false).map((s) => s.id)).toEqual([2]);
    expect(reviewSignals(signals, 'nothing like it', 'time', false)).toEqual([]);
    expect(signals.map((s) => s.id)).toEqual([1, 2, 3]);
  });
});

describe('reviewer verdict', () => {
  const untrusted = { member: 'signer.pub', check: 'signer' as const, message: 'the signing key is not listed for "a" in the allowed signers you gave' };

  it('an intact file whose only problem is an unknown signer is verified but untrusted; anything more is a failure', () => {
    expect(reviewVerdict({ ...verification(), valid: true, trusted: true })).toBe('verified');
    expect(reviewVerdict({ ...verification(), valid: true, trusted: null })).toBe('verified');
    expect(reviewVerdict(verification([untrusted]))).toBe('untrusted');
    expect(reviewVerdict(verification([untrusted, { member: 'case.json', check: 'sums', message: 'SHA-256 does not match' }]))).toBe('failed');
    expect(reviewVerdict(verification([{ ...untrusted, message: 'not an ssh-ed25519 key' }, untrusted]))).toBe('failed');
    expect(reviewVerdict({ ...verification([untrusted]), trusted: null })).toBe('failed');
    expect(reviewVerdict({ ...verification([untrusted]), signer: '' })).toBe('failed');
  });
});
