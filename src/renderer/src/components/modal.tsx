// A modal dialog on the native <dialog> element: the browser traps focus, Escape cancels, the page behind is inert.
import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog that is open while mounted; `onClose` runs on Escape or a click outside its box. */
export function Modal({ title, testId, onClose, children, wide }: { title: string; testId: string; onClose: () => void; children: ReactNode; wide?: boolean }): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      data-testid={testId}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        // A search field swallows the first Escape (it clears itself) before the dialog's cancel would fire.
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the <dialog> itself, never on its content.
        if (event.target === ref.current) onClose();
      }}
    >
      <h2 className="modal-title">{title}</h2>
      {children}
    </dialog>
  );
}

/** The error an action answered, shown inside the dialog that asked for it. */
export function DialogError({ message, testId }: { message: string | null; testId: string }): ReactNode {
  if (message === null) return null;
  return (
    <p className="dialog-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
