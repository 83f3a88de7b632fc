// Every action the analyst can take, as one list: the command palette shows it and the shortcuts run from it, so
// a new action is added in one place. Read from the stores at the moment the palette opens.
import { CaseStatusSchema, SeveritySchema } from '../../shared/schemas';
import { StepKindSchema } from '../../shared/case-actions';
import { focusWorkspaceSearch } from './components/workspace-search';
import { useActionsStore } from './stores/actions-store';
import { updateOpenCase, setStep } from './stores/analyst-actions';
import { useCaseViewStore, type CaseTab } from './stores/case-view-store';
import { useCasesStore } from './stores/cases-store';
import { useDialogStore } from './stores/dialog-store';
import { useExportStore } from './stores/export-store';
import { useIdentityStore } from './stores/identity-store';
import { useImportStore } from './stores/import-store';
import { useSignalsStore } from './stores/signals-store';
import { useStepsStore } from './stores/case-data-stores';
import { useWorkspaceStore } from './stores/workspace-store';

/** One command of the palette. */
export interface Command {
  id: string;
  label: string;
  /** The keys shown beside it (display only). */
  shortcut?: string;
  enabled: boolean;
  run: () => void;
}

/** The primary modifier's name on this platform, for shortcut labels. */
export const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

const TAB_LABELS: ReadonlyArray<{ tab: CaseTab; label: string }> = [
  { tab: 'signals', label: 'Signals' },
  { tab: 'timeline', label: 'Timeline' },
  { tab: 'graph', label: 'Graph' },
  { tab: 'notes', label: 'Notes' },
  { tab: 'steps', label: 'Response steps' },
  { tab: 'mappings', label: 'Framework mapping' },
  { tab: 'history', label: 'History' },
];

const STEP_LABELS: Record<string, string> = { rotate: 'Rotate', revoke: 'Revoke', contain: 'Contain', offboard: 'Offboard', 'privilege-review': 'Privilege review' };

/** The commands that make sense now, disabled ones included (the palette shows them greyed, so they can be found). */
export function currentCommands(): Command[] {
  const hasWorkspace = useWorkspaceStore.getState().info !== null;
  const { undoState, busy, undo, redo } = useActionsStore.getState();
  const caseView = useCaseViewStore.getState();
  const caseOpen = caseView.caseId !== null;
  const pickedCases = useCasesStore.getState().selection.keys.size;
  const pickedSignals = useSignalsStore.getState().selectedCount();
  const dialogs = useDialogStore.getState();
  const detail = caseView.detail;
  const steps = useStepsStore.getState().data;

  const commands: Command[] = [
    { id: 'undo', label: undoState?.undo ? `Undo ${undoState.undo.label}` : 'Undo', shortcut: `${MOD}Z`, enabled: !busy && !!undoState?.undo, run: () => void undo() },
    { id: 'redo', label: undoState?.redo ? `Redo ${undoState.redo.label}` : 'Redo', shortcut: `${MOD}Shift+Z`, enabled: !busy && !!undoState?.redo, run: () => void redo() },
    { id: 'merge', label: `Merge ${pickedCases} selected cases…`, enabled: !caseOpen && pickedCases >= 2, run: () => dialogs.open({ kind: 'merge' }) },
    { id: 'split', label: `Split ${pickedSignals} selected signals into a new case…`, enabled: caseOpen && pickedSignals > 0, run: () => dialogs.open({ kind: 'split' }) },
    { id: 'move', label: `Move ${pickedSignals} selected signals to case…`, enabled: caseOpen && pickedSignals > 0, run: () => dialogs.open({ kind: 'move' }) },
    { id: 'select-all', label: 'Select all signals', shortcut: `${MOD}A`, enabled: caseOpen && caseView.tab === 'signals', run: () => useSignalsStore.getState().selectAll() },
    { id: 'clear-selection', label: 'Clear selection', enabled: pickedSignals > 0 || pickedCases > 0, run: () => (caseOpen ? useSignalsStore.getState().clearSelection() : useCasesStore.getState().setSelected([])) },
    { id: 'queue', label: 'Go to the case queue', enabled: caseOpen, run: () => caseView.close() },
    ...TAB_LABELS.map((t) => ({ id: `tab-${t.tab}`, label: `Show ${t.label}`, enabled: caseOpen, run: () => caseView.setTab(t.tab) })),
    ...CaseStatusSchema.options.map((status) => ({
      id: `status-${status}`,
      label: `Set status: ${status}`,
      enabled: caseOpen && detail?.status !== status,
      run: () => void updateOpenCase({ status }),
    })),
    ...SeveritySchema.options.map((severity) => ({
      id: `severity-${severity}`,
      label: `Set severity: ${severity}`,
      enabled: caseOpen && detail?.severity !== severity,
      run: () => void updateOpenCase({ severity }),
    })),
    ...StepKindSchema.options.map((step) => {
      const done = steps.find((s) => s.step === step)?.done ?? false;
      return { id: `step-${step}`, label: `${done ? 'Reopen' : 'Mark done'} step: ${STEP_LABELS[step] ?? step}`, enabled: caseOpen, run: () => void setStep(step, !done) };
    }),
    { id: 'note', label: 'Add a note…', enabled: caseOpen, run: () => caseView.setTab('notes') },
    {
      id: 'identity',
      label: 'Show the anchor identity',
      enabled: detail !== null,
      run: () => detail !== null && useIdentityStore.getState().open(detail.anchor.id, true),
    },
    {
      id: 'export',
      label: 'Export signed case file',
      enabled: caseOpen && useExportStore.getState().status === 'idle',
      run: () => caseView.caseId !== null && void useExportStore.getState().exportCase(caseView.caseId),
    },
    { id: 'search', label: 'Search all signals…', shortcut: `${MOD}Shift+F`, enabled: hasWorkspace, run: () => setTimeout(focusWorkspaceSearch, 0) },
    { id: 'import', label: 'Import evidence…', enabled: hasWorkspace, run: () => void useImportStore.getState().chooseEvidence() },
    { id: 'open-workspace', label: 'Open workspace…', enabled: true, run: () => void useWorkspaceStore.getState().choose('open') },
    { id: 'create-workspace', label: 'Create workspace…', enabled: true, run: () => void useWorkspaceStore.getState().choose('create') },
  ];
  return hasWorkspace ? commands : commands.filter((c) => c.id === 'open-workspace' || c.id === 'create-workspace');
}
