// The command palette (Ctrl/Cmd+K): every action by name, fuzzy-filtered, run with Enter.
import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { currentCommands, type Command } from '../commands';
import { fuzzyFilter } from '../lib/fuzzy';
import { Modal } from './modal';

/** The palette; closes itself before running the chosen command so the command can open its own dialog. */
export function CommandPalette({ onClose }: { onClose: () => void }): ReactNode {
  const [all] = useState<Command[]>(() => currentCommands());
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const shown = useMemo(() => {
    const matches = fuzzyFilter(all, query, (c) => c.label);
    // Enabled commands first: what can be done now is what is usually wanted.
    return [...matches.filter((c) => c.enabled), ...matches.filter((c) => !c.enabled)];
  }, [all, query]);
  const at = Math.min(cursor, Math.max(0, shown.length - 1));

  const runCommand = (command: Command | undefined): void => {
    if (command === undefined || !command.enabled) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') setCursor(Math.min(shown.length - 1, at + 1));
    else if (event.key === 'ArrowUp') setCursor(Math.max(0, at - 1));
    else if (event.key === 'Enter') runCommand(shown[at]);
    else return;
    event.preventDefault();
  };

  return (
    <Modal title="Commands" testId="command-palette" onClose={onClose}>
      <input
        type="search"
        className="text-input"
        data-testid="command-input"
        placeholder="Type a command"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCursor(0);
        }}
        onKeyDown={onKeyDown}
        aria-label="Command"
        aria-controls="command-list"
        aria-activedescendant={shown[at] ? `command-${shown[at].id}` : undefined}
        autoFocus
      />
      <ul className="command-list" id="command-list" role="listbox" aria-label="Commands">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`command-${c.id}`}
            role="option"
            aria-selected={i === at}
            aria-disabled={!c.enabled}
            className={`command${i === at ? ' is-cursor' : ''}${c.enabled ? '' : ' is-disabled'}`}
            data-testid="command-item"
            data-command-id={c.id}
            onMouseEnter={() => setCursor(i)}
            onClick={() => runCommand(c)}
          >
            <span>{c.label}</span>
            {c.shortcut && <kbd>{c.shortcut}</kbd>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No command matches.</li>}
      </ul>
    </Modal>
  );
}
