// Shows whichever dialog the dialog store says is open.
import type { ReactNode } from 'react';
import { assertNever } from '../../../shared/errors';
import { useDialogStore } from '../stores/dialog-store';
import { CommandPalette } from './command-palette';
import { MergeDialog } from './merge-dialog';
import { MoveDialog } from './move-dialog';
import { SplitDialog } from './split-dialog';

/** The one open dialog, or nothing. */
export function DialogHost(): ReactNode {
  const dialog = useDialogStore((s) => s.dialog);
  const close = useDialogStore((s) => s.close);
  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'merge':
      return <MergeDialog onClose={close} />;
    case 'split':
      return <SplitDialog onClose={close} />;
    case 'move':
      return <MoveDialog onClose={close} to={dialog.to} error={dialog.error} />;
    case 'palette':
      return <CommandPalette onClose={close} />;
    default:
      return assertNever(dialog);
  }
}
