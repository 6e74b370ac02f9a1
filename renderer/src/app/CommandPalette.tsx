import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { onCloseUnlessReopened } from '../ui/late-close';
import { filterCommands, type Command } from './commands';

/**
 * Ctrl/Cmd+K: type to filter, arrows to move, Enter to run, Esc to close.
 * Built on <dialog> so focus is trapped and restored by the browser.
 */
export function CommandPalette({ open, commands, onClose }: { open: boolean; commands: Command[]; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);

  // Each opening starts from an empty query: what was typed last time is cleared when it closes and again when it opens.
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    setQuery('');
    setActive(0);
  }
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (inputRef.current) inputRef.current.value = '';
      dialog.showModal();
      inputRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  return (
    <dialog ref={dialogRef} className="palette" aria-label="Command palette" onClose={onCloseUnlessReopened(onClose)} onCancel={onClose}>
      <input
        ref={inputRef}
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${results[active].id}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
            // Ctrl+K again while it is open: start over (select what is there, so typing replaces it).
            e.currentTarget.select();
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((i) => Math.min(i + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(results[active]);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
        {results.length === 0 ? <li className="palette-empty">No command matches “{query}”.</li> : null}
        {results.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseMove={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span className="palette-group">{c.group}</span>
            <span className="palette-title">{c.title}</span>
            {c.shortcut ? <kbd>{c.shortcut.replace('Mod', navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl')}</kbd> : null}
          </li>
        ))}
      </ul>
    </dialog>
  );
}
