// Notes: what the analyst wrote on the case, newest last, and a box to add one (each note is an audited action).
import { useState, type FormEvent, type ReactNode } from 'react';
import { formatTime } from '../format';
import { addNote } from '../stores/analyst-actions';
import { useActionsStore } from '../stores/actions-store';
import { useNotesStore } from '../stores/case-data-stores';
import { useLoaded } from './tab-state';

/** The Notes tab. */
export function NotesTab(): ReactNode {
  const state = useNotesStore();
  const line = useLoaded(state);
  const busy = useActionsStore((s) => s.busy);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') return;
    setError(null);
    const outcome = await addNote(text);
    if (outcome.ok) setText('');
    else setError(outcome.error.message);
  };

  return (
    <div className="list-tab">
      {line}
      {state.data.length === 0 && state.status === 'ready' && <p className="muted">No notes yet.</p>}
      <ol className="notes">
        {state.data.map((n) => (
          <li key={n.id} className="note" data-testid="note-item">
            <div className="note-meta muted">
              {n.author} · {formatTime(n.at)}
            </div>
            <div className="note-text">{n.text}</div>
          </li>
        ))}
      </ol>
      <form className="note-form" onSubmit={(e) => void submit(e)}>
        <textarea
          data-testid="note-input"
          aria-label="New note"
          placeholder="Write a note: what you found, what you decided and why"
          value={text}
          rows={3}
          maxLength={20_000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter saves, as in most note fields; Enter alone makes a new line.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
        />
        {error !== null && (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" data-testid="note-add" disabled={busy || text.trim() === ''}>
          Add note
        </button>
      </form>
    </div>
  );
}
