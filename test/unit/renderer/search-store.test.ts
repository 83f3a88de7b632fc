// The workspace-search store against a fake engine client: what it asks for, what it keeps, when it shows.
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../../src/shared/contract';
import type { SearchHit } from '../../../src/shared/schemas';
import { SEARCH_PAGE_SIZE, useSearchStore } from '../../../src/renderer/src/stores/search-store';
import { rowAt } from '../../../src/renderer/src/stores/paging';
import { shortcutOf } from '../../../src/renderer/src/shortcuts';
import { installFakeApi, settle } from './fake-api';
import { signalRow } from './fixtures';

const initial = useSearchStore.getState();
beforeEach(() => useSearchStore.setState(initial, true));

const calls = (api: WorkbenchApi): unknown[] => (api.searchSignals as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((c) => c[0]);
const hit = (id: number): SearchHit => ({ ...signalRow(id), case: { id: 'C-1', title: 'Activity of role/x' } });

describe('workspace search store', () => {
  it('searches the trimmed text, pages the hits in and keeps the capped flag', async () => {
    const api = installFakeApi({ searchSignals: () => ({ total: 10_000, capped: true, items: [hit(1), hit(2)] }) });
    useSearchStore.getState().search('  203.0.113.77 ');
    expect(useSearchStore.getState()).toMatchObject({ query: '203.0.113.77', shown: true });
    useSearchStore.getState().ensureRange(0, 30);
    useSearchStore.getState().ensureRange(0, 30);
    await settle();
    expect(calls(api)).toEqual([{ query: '203.0.113.77', offset: 0, limit: SEARCH_PAGE_SIZE }]);
    const state = useSearchStore.getState();
    expect(state).toMatchObject({ capped: true, rows: { total: 10_000 } });
    expect(rowAt(state.rows, 1, SEARCH_PAGE_SIZE)?.id).toBe(2);
    useSearchStore.getState().ensureRange(SEARCH_PAGE_SIZE * 3, SEARCH_PAGE_SIZE * 3 + 10);
    await settle();
    expect(calls(api).at(-1)).toEqual({ query: '203.0.113.77', offset: SEARCH_PAGE_SIZE * 3, limit: SEARCH_PAGE_SIZE });
  });

  it('hides and shows the results without forgetting the text, asks nothing while hidden, and clears for another workspace', async () => {
    const api = installFakeApi({ searchSignals: () => ({ total: 1, capped: false, items: [hit(7)] }) });
    useSearchStore.getState().search('GetSecretValue');
    useSearchStore.getState().hide();
    useSearchStore.getState().ensureRange(0, 10);
    await settle();
    expect(calls(api)).toEqual([]);
    expect(useSearchStore.getState()).toMatchObject({ query: 'GetSecretValue', shown: false });
    useSearchStore.getState().show();
    useSearchStore.getState().ensureRange(0, 10);
    await settle();
    expect(calls(api)).toHaveLength(1);
    useSearchStore.getState().clear();
    expect(useSearchStore.getState()).toMatchObject({ query: '', shown: false, rows: { total: null } });
    useSearchStore.getState().show();
    expect(useSearchStore.getState().shown).toBe(false);
  });

  it('an empty search hides the results', () => {
    installFakeApi();
    useSearchStore.getState().search('x');
    useSearchStore.getState().search('   ');
    expect(useSearchStore.getState()).toMatchObject({ query: '', shown: false });
  });

  it('Ctrl/Cmd+Shift+F goes to the search box', () => {
    const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>>) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(shortcutOf(key('F', { ctrlKey: true, shiftKey: true }))).toBe('search');
    expect(shortcutOf(key('f', { metaKey: true, shiftKey: true }))).toBe('search');
    expect(shortcutOf(key('f', { ctrlKey: true }))).toBeNull();
  });
});
