import { useEffect } from 'react';
import { platform } from '../platform/bridge';
import { matchesShortcut, menuCommandIds, type Command } from './commands';
import { letterShortcutAllowed } from './key-guard';

const isMac = navigator.platform.startsWith('Mac');

/**
 * Global shortcuts and native-menu clicks run the same commands. Shortcuts
 * with a modifier work even while typing in a field; the menu only shows them.
 * A shortcut without one (a letter) is a command only where the key guard
 * allows it: never in a form, nor right after focus fell to the page from one.
 */
export function useShortcuts(commands: Command[]): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) && !letterShortcutAllowed(e)) return;
      const command = commands.find((c) => c.shortcut && matchesShortcut(e, c.shortcut, isMac));
      if (command) {
        e.preventDefault();
        command.run();
      }
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = platform.onMenuCommand((id) => commands.find((c) => c.id === menuCommandIds[id])?.run());
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [commands]);
}
