// Wires the stores to the engine's events and to each other, so each store stays about one domain.
import { api } from '../api';
import { useActionsStore } from './actions-store';
import { reportError } from './error-store';
import { useCaseViewStore } from './case-view-store';
import { useCasesStore } from './cases-store';
import { useImportStore, type ImportStatus } from './import-store';
import { useRecordStore } from './record-store';
import { useSearchStore } from './search-store';
import { useWorkspaceStore } from './workspace-store';

/** Subscribes to engine events and cross-store changes, asks which workspace is open; returns the undo function. */
export function connectStores(): () => void {
  const offs: Array<() => void> = [];

  try {
    const bridge = api();
    offs.push(bridge.onEvent('ingestProgress', (progress) => useImportStore.getState().onProgress(progress)));
    offs.push(
      bridge.onEvent('workspaceChanged', (info) => {
        useWorkspaceStore.getState().setInfo(info);
        // An action that keeps the counts (a note, a status) changes what Undo names without changing the info.
        void useActionsStore.getState().refreshUndo();
      }),
    );
  } catch (err) {
    reportError(err);
  }

  offs.push(
    useWorkspaceStore.subscribe((state, prev) => {
      if (state.info === prev.info) return;
      if (state.info?.path !== prev.info?.path) {
        // Another workspace: nothing on screen belongs to it any more.
        useCaseViewStore.getState().close();
        useImportStore.getState().dismiss();
        useRecordStore.getState().clear();
        useSearchStore.getState().clear();
        useCasesStore.getState().setSelected([]);
        useActionsStore.getState().setNotice(null);
        void useActionsStore.getState().refreshUndo();
      } else {
        useCaseViewStore.getState().refresh();
        // New signals may match, and a merge or split changes which case a hit is in.
        useSearchStore.getState().reload();
      }
      useCasesStore.getState().reload();
    }),
  );

  // Opening or leaving a case (from a hit, the palette or a link) puts the search results away.
  offs.push(
    useCaseViewStore.subscribe((state, prev) => {
      if (state.caseId !== prev.caseId) useSearchStore.getState().hide();
    }),
  );

  offs.push(
    useImportStore.subscribe((state, prev) => {
      // The engine also pushes `workspaceChanged`; asking once more covers a host that does not. A failed import of
      // several files may still have kept the ones before the refused one, so ask then too.
      const finished = (status: ImportStatus): boolean => status === 'done' || status === 'failed';
      if (finished(state.status) && !finished(prev.status)) void useWorkspaceStore.getState().refresh();
    }),
  );

  // Failures outside any handler still reach the banner instead of vanishing into the console.
  const onError = (event: ErrorEvent): void => {
    // Chromium reports this benign layout notice as an error; it is not something the analyst can act on.
    if (typeof event.message === 'string' && event.message.includes('ResizeObserver loop')) return;
    reportError(event.error ?? event.message);
  };
  const onRejection = (event: PromiseRejectionEvent): void => reportError(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  offs.push(() => window.removeEventListener('error', onError));
  offs.push(() => window.removeEventListener('unhandledrejection', onRejection));

  void useWorkspaceStore.getState().refresh();

  return () => {
    for (const off of offs) off();
  };
}
