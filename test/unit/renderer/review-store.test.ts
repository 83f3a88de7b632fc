// Reviewer mode's store against a fake engine client: opening a case file from the dialog or a drop, cancelling,
// failures, stale answers, and leaving it without touching the workspace's stores.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseFileView } from '../../../src/shared/case-file-view';
import type { WorkbenchApi } from '../../../src/shared/contract';
import { useCaseViewStore } from '../../../src/renderer/src/stores/case-view-store';
import { useErrorStore } from '../../../src/renderer/src/stores/error-store';
import { isCaseFileName, useReviewStore } from '../../../src/renderer/src/stores/review-store';
import { useWorkspaceStore } from '../../../src/renderer/src/stores/workspace-store';
import { installFakeApi, settle } from './fake-api';
import { caseFileView } from './case-file-fixtures';

const stores = [useReviewStore, useErrorStore, useCaseViewStore, useWorkspaceStore] as const;
const initial = stores.map((s) => s.getState());

beforeEach(() => {
  stores.forEach((s, i) => (s as { setState: (v: unknown, replace: true) => void }).setState(initial[i], true));
  useReviewStore.getState().close();
});

const calls = (api: WorkbenchApi, method: keyof WorkbenchApi): unknown[] => (api[method] as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((c) => c[0]);

describe('reviewer store', () => {
  it('opens the case file main chose in its dialog, on the signals view', async () => {
    const view = caseFileView('/cases/C-1.nhicase');
    const api = installFakeApi({ chooseCaseFile: () => view });
    useReviewStore.getState().setTab('custody');
    const pending = useReviewStore.getState().chooseCaseFile();
    expect(useReviewStore.getState().status).toBe('choosing');
    await pending;
    expect(calls(api, 'chooseCaseFile')).toEqual([{}]);
    expect(useReviewStore.getState()).toMatchObject({ status: 'idle', view, tab: 'signals' });
  });

  it('a cancelled dialog leaves things as they were, including a case file already open', async () => {
    const open = caseFileView('/cases/open.nhicase');
    installFakeApi({ chooseCaseFile: () => null });
    useReviewStore.setState({ view: open, tab: 'audit' });
    await useReviewStore.getState().chooseCaseFile();
    expect(useReviewStore.getState()).toMatchObject({ status: 'idle', view: open, tab: 'audit' });
    expect(useErrorStore.getState().errors).toEqual([]);
  });

  it('a dropped case file is turned into a path, then opened read-only by that path', async () => {
    const view = caseFileView('/tmp/dropped/tampered.nhicase', [{ member: 'case.json', check: 'sums', message: 'SHA-256 does not match SHA256SUMS' }]);
    const api = installFakeApi({ openCaseFile: () => view });
    const pathsForFiles = vi.fn(async () => ['/tmp/dropped/tampered.nhicase']);
    api.pathsForFiles = pathsForFiles;
    const file = new File(['PK'], 'tampered.nhicase');
    await useReviewStore.getState().openDropped(file);
    expect(pathsForFiles).toHaveBeenCalledWith([file]);
    expect(calls(api, 'openCaseFile')).toEqual([{ path: '/tmp/dropped/tampered.nhicase' }]);
    expect(useReviewStore.getState().view?.verification.valid).toBe(false);
  });

  it('a drop that gives no path, or a file the engine refuses, says so and opens nothing', async () => {
    const api = installFakeApi({ openCaseFile: () => Promise.reject({ code: 'NOT_FOUND', message: 'No case file at /gone.nhicase.' }) });
    await useReviewStore.getState().openDropped(new File([''], 'odd.nhicase'));
    expect(calls(api, 'openCaseFile')).toEqual([]);
    expect(useErrorStore.getState().errors.at(-1)?.info.message).toContain('odd.nhicase');
    await useReviewStore.getState().openPath('/gone.nhicase');
    expect(useErrorStore.getState().errors.at(-1)?.info.message).toBe('No case file at /gone.nhicase.');
    expect(useReviewStore.getState()).toMatchObject({ status: 'idle', view: null });
  });

  it('an answer that arrives after Close does not bring the case file back', async () => {
    let answer: (view: CaseFileView) => void = () => undefined;
    installFakeApi({ openCaseFile: () => new Promise<CaseFileView>((resolve) => (answer = resolve)) });
    const pending = useReviewStore.getState().openPath('/slow.nhicase');
    await settle();
    expect(useReviewStore.getState().status).toBe('opening');
    useReviewStore.getState().close();
    answer(caseFileView('/slow.nhicase'));
    await pending;
    expect(useReviewStore.getState()).toMatchObject({ status: 'idle', view: null });
  });

  it('one open at a time: a second request while opening is ignored', async () => {
    let answer: (view: CaseFileView) => void = () => undefined;
    const api = installFakeApi({ openCaseFile: () => new Promise<CaseFileView>((resolve) => (answer = resolve)), chooseCaseFile: () => null });
    const first = useReviewStore.getState().openPath('/a.nhicase');
    await useReviewStore.getState().chooseCaseFile();
    await settle();
    answer(caseFileView('/a.nhicase'));
    await first;
    expect(calls(api, 'chooseCaseFile')).toEqual([]);
    expect(useReviewStore.getState().view?.path).toBe('/a.nhicase');
  });

  it('closing returns to where the analyst was: the workspace and the open case are untouched', async () => {
    installFakeApi({ chooseCaseFile: () => caseFileView('/cases/C-1.nhicase') });
    const info = { path: '/ws', name: 'ws', files: 1, signals: 13, identities: 3, cases: 3, warnings: [] };
    useWorkspaceStore.setState({ info, status: 'ready' });
    useCaseViewStore.setState({ caseId: 'C-7', tab: 'history' });
    await useReviewStore.getState().chooseCaseFile();
    useReviewStore.getState().close();
    expect(useReviewStore.getState().view).toBeNull();
    expect(useWorkspaceStore.getState().info).toEqual(info);
    expect(useCaseViewStore.getState()).toMatchObject({ caseId: 'C-7', tab: 'history' });
  });

  it('knows a case file by its name', () => {
    expect(isCaseFileName('C-1.nhicase')).toBe(true);
    expect(isCaseFileName('REPORT.NHICASE')).toBe(true);
    expect(isCaseFileName('trail.json')).toBe(false);
    expect(isCaseFileName('case.nhicase.zip')).toBe(false);
  });
});
