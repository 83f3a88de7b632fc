// The renderer's zustand stores against a fake engine client: what they ask the engine for, and what they keep.
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../../src/shared/contract';
import { useActionsStore } from '../../../src/renderer/src/stores/actions-store';
import { mergePicked, splitPicked } from '../../../src/renderer/src/stores/analyst-actions';
import { useNotesStore } from '../../../src/renderer/src/stores/case-data-stores';
import { useCaseViewStore } from '../../../src/renderer/src/stores/case-view-store';
import { useCasesStore } from '../../../src/renderer/src/stores/cases-store';
import { useErrorStore } from '../../../src/renderer/src/stores/error-store';
import { useSignalsStore } from '../../../src/renderer/src/stores/signals-store';
import { useTimelineStore } from '../../../src/renderer/src/stores/timeline-store';
import { currentCommands } from '../../../src/renderer/src/commands';
import { useWorkspaceStore } from '../../../src/renderer/src/stores/workspace-store';
import { installFakeApi, settle } from './fake-api';
import { caseRow, signalRow } from './fixtures';

const stores = [useActionsStore, useCasesStore, useCaseViewStore, useErrorStore, useSignalsStore, useTimelineStore, useNotesStore, useWorkspaceStore] as const;
const initial = stores.map((s) => s.getState());

beforeEach(() => {
  stores.forEach((s, i) => (s as { setState: (v: unknown, replace: true) => void }).setState(initial[i], true));
});

const calls = (api: WorkbenchApi, method: keyof WorkbenchApi): unknown[] => (api[method] as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((c) => c[0]);

describe('case queue store', () => {
  it('asks the engine for the order, direction, search and filters, and flips direction on the same column', async () => {
    const api = installFakeApi({ listCases: () => ({ total: 2, items: [caseRow('C-1'), caseRow('C-2')] }) });
    const cases = useCasesStore.getState();
    cases.setSort('signals');
    useCasesStore.getState().setFilters({ query: ' steal ', status: 'triage', severity: 'high' });
    useCasesStore.getState().ensureRange(0, 10);
    await settle();
    expect(calls(api, 'listCases').at(-1)).toEqual({ offset: 0, limit: 200, sort: 'signals', descending: true, query: 'steal', status: 'triage', severity: 'high' });
    useCasesStore.getState().setSort('signals');
    expect(useCasesStore.getState().descending).toBe(false);
    useCasesStore.getState().setSort('anchor');
    expect(useCasesStore.getState().descending).toBe(false);
  });

  it('keeps the picked cases (and their summaries for the Merge dialog) when the list reloads', async () => {
    installFakeApi({ listCases: () => ({ total: 3, items: [caseRow('C-1'), caseRow('C-2'), caseRow('C-3')] }) });
    useCasesStore.getState().ensureRange(0, 3);
    await settle();
    useCasesStore.getState().clickRow(0, 'toggle');
    useCasesStore.getState().clickRow(2, 'range');
    expect([...useCasesStore.getState().selection.keys]).toEqual(['C-1', 'C-2', 'C-3']);
    useCasesStore.getState().reload();
    expect(useCasesStore.getState().selectedSummaries().map((c) => c.id)).toEqual(['C-1', 'C-2', 'C-3']);
  });
});

describe('signals store', () => {
  it('sorts and searches through the engine and drops the picked rows on a new search', async () => {
    const api = installFakeApi({ caseSignals: () => ({ total: 2, items: [signalRow(1), signalRow(2)] }) });
    useSignalsStore.getState().reset('C-1');
    useSignalsStore.getState().setSort('sourceIp');
    useSignalsStore.getState().ensureRange(0, 5);
    await settle();
    useSignalsStore.getState().clickRow(0, 'replace');
    useSignalsStore.getState().clickRow(1, 'toggle');
    expect(useSignalsStore.getState().selectedCount()).toBe(2);
    useSignalsStore.getState().setQuery('192.0.2.1');
    expect(useSignalsStore.getState().selectedCount()).toBe(0);
    useSignalsStore.getState().ensureRange(0, 5);
    await settle();
    expect(calls(api, 'caseSignals').at(-1)).toEqual({ id: 'C-1', offset: 0, limit: 500, sort: 'sourceIp', descending: false, query: '192.0.2.1' });
  });

  it('Select all covers every matching signal, fetched page by page when acted on', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => signalRow(i + 1));
    installFakeApi({ caseSignals: (input) => ({ total: all.length, items: all.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 100)) }) });
    useSignalsStore.getState().reset('C-1');
    useSignalsStore.getState().ensureRange(0, 10);
    await settle();
    useSignalsStore.getState().selectAll();
    expect(useSignalsStore.getState().selectedCount()).toBe(2500);
    const ids = await useSignalsStore.getState().selectedIds();
    expect(ids).toHaveLength(2500);
    expect(ids.at(-1)).toBe(2500);
  });
});

describe('actions', () => {
  const result = (type: 'case.merged' | 'case.split', cases: string[]) => ({ action: { seq: 9, type, hash: 'h' }, cases });

  it('a refused merge comes back with the engine message for the dialog, not on the banner', async () => {
    const api = installFakeApi({
      listCases: () => ({ total: 2, items: [caseRow('C-1', 'A'), caseRow('C-2', 'B')] }),
      mergeCases: (input) => {
        if (!input.reason) throw { code: 'REFUSED', message: 'These cases are anchored on different identities: say why they belong together.' };
        return result('case.merged', [input.into ?? '']);
      },
      undoState: () => ({ undo: { seq: 9, type: 'case.merged', label: 'Merge C-2 into C-1' }, redo: null }),
      workspaceInfo: () => null,
    });
    useCasesStore.getState().ensureRange(0, 2);
    await settle();
    useCasesStore.getState().clickRow(0, 'toggle');
    useCasesStore.getState().clickRow(1, 'toggle');
    const refused = await mergePicked('C-1', '  ');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/say why/);
    expect(useErrorStore.getState().errors).toHaveLength(0);
    const done = await mergePicked('C-1', 'same attacker');
    expect(done.ok).toBe(true);
    expect(calls(api, 'mergeCases').at(-1)).toEqual({ ids: ['C-1', 'C-2'], into: 'C-1', reason: 'same attacker' });
    await settle();
    // After the action: the queue reloads, Undo names the action, and only the survivor stays picked.
    expect(useActionsStore.getState().undoState?.undo?.label).toBe('Merge C-2 into C-1');
    expect([...useCasesStore.getState().selection.keys]).toEqual(['C-1']);
    expect(useActionsStore.getState().notice?.caseId).toBe('C-1');
    useWorkspaceStore.setState({ info: { path: '/w', name: 'w', files: 1, signals: 3, identities: 1, cases: 1, warnings: [] } });
    expect(currentCommands().find((c) => c.id === 'undo')).toMatchObject({ label: 'Undo Merge C-2 into C-1', enabled: true });
    // Merge needs two picked cases; only the survivor is left.
    expect(currentCommands().find((c) => c.id === 'merge')?.enabled).toBe(false);
  });

  it('a split sends the picked signal ids and offers the new case', async () => {
    const api = installFakeApi({
      getCase: () => ({ ...caseRow('C-1'), anchorIdentity: { id: 'ID-C-1', kind: 'aws.role', label: 'role/x', owner: null, identifiers: [] }, failures: 0, sourceIps: [], regions: [] }),
      caseSignals: () => ({ total: 3, items: [signalRow(11), signalRow(12), signalRow(13)] }),
      splitCase: (input) => result('case.split', [input.id, 'C-9']),
      undoState: () => ({ undo: null, redo: null }),
      workspaceInfo: () => null,
    });
    useCaseViewStore.getState().open('C-1');
    useSignalsStore.getState().ensureRange(0, 3);
    await settle();
    useSignalsStore.getState().clickRow(1, 'replace');
    useSignalsStore.getState().clickRow(2, 'range');
    const outcome = await splitPicked('ID-C-1', 'other session');
    expect(outcome.ok).toBe(true);
    expect(calls(api, 'splitCase').at(-1)).toEqual({ id: 'C-1', signalIds: [12, 13], anchor: 'ID-C-1', reason: 'other session' });
    expect(useActionsStore.getState().notice).toEqual({ message: 'Split 2 signals into C-9.', caseId: 'C-9' });
    expect(useSignalsStore.getState().selectedCount()).toBe(0);
  });

  it('Undo is disabled, quietly, against an engine without undoState', async () => {
    installFakeApi({});
    await useActionsStore.getState().refreshUndo();
    expect(useActionsStore.getState().undoState).toBeNull();
    expect(useErrorStore.getState().errors).toHaveLength(0);
    expect(currentCommands().find((c) => c.id === 'undo')?.enabled ?? false).toBe(false);
  });
});

describe('per-case reads', () => {
  it('load once, keep their failure in the tab, and keep showing old data while the same case reloads', async () => {
    let fail = true;
    installFakeApi({
      caseNotes: () => {
        if (fail) throw { code: 'INTERNAL', message: 'caseNotes is not implemented yet' };
        return [{ id: 1, at: '2023-07-10T12:00:00Z', author: 'a', text: 'first' }];
      },
    });
    useNotesStore.getState().reset('C-1');
    await useNotesStore.getState().load();
    expect(useNotesStore.getState().status).toBe('failed');
    expect(useNotesStore.getState().error?.message).toMatch(/not implemented/);
    expect(useErrorStore.getState().errors).toHaveLength(0);
    fail = false;
    useNotesStore.getState().reset('C-1');
    await useNotesStore.getState().load();
    expect(useNotesStore.getState().data.map((n) => n.text)).toEqual(['first']);
    useNotesStore.getState().reset('C-1');
    expect(useNotesStore.getState().data).toHaveLength(1);
    useNotesStore.getState().reset('C-2');
    expect(useNotesStore.getState().data).toHaveLength(0);
  });

  it('the timeline reads the case in time order, page by page, up to its limit', async () => {
    const all = Array.from({ length: 1500 }, (_, i) => signalRow(i + 1, i % 60));
    const api = installFakeApi({ caseSignals: (input) => ({ total: all.length, items: all.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 100)) }) });
    useTimelineStore.getState().reset('C-1');
    await useTimelineStore.getState().load();
    expect(useTimelineStore.getState().points).toHaveLength(1500);
    expect(calls(api, 'caseSignals')).toEqual([
      { id: 'C-1', offset: 0, limit: 1000, sort: 'time' },
      { id: 'C-1', offset: 1000, limit: 1000, sort: 'time' },
    ]);
  });
});
