import type { MenuCommand } from '../../../shared/ipc/contract';
import { ROUTE_LABELS, ROUTES, screenRoute } from './routes';
import { useUi } from './ui-store';

/**
 * Every action the app offers by keyboard: the command palette lists these,
 * the global shortcut handler and the native menu run them. One list, so a
 * command is never reachable by mouse only.
 */
export interface Command {
  id: string;
  title: string;
  group: 'This ticket' | 'Go to' | 'Create' | 'View' | 'Help';
  /** Shown as a hint; matched by the shortcut handler. `Mod` is Ctrl, or Cmd on macOS. */
  shortcut?: string;
  keywords?: string;
  run(): void;
}

/** The "Go to" commands of the registered screens (with each route's shortcut), then `extra` (the features' commands). */
export function buildCommands(extra: readonly Command[] = []): Command[] {
  const ui = useUi.getState();
  const nav: Command[] = ROUTES.map((route) => ({
    id: `nav.${route}`,
    title: `Go to ${ROUTE_LABELS[route]}`,
    group: 'Go to',
    shortcut: screenRoute(route).shortcut,
    run: () => ui.navigate(route),
  }));
  return [
    ...nav,
    ...extra,
    { id: 'theme.cycle', title: 'Switch theme (system, light, dark)', group: 'View', shortcut: 'Mod+Shift+L', keywords: 'dark mode light', run: () => ui.cycleTheme() },
    { id: 'palette.open', title: 'Command palette', group: 'View', shortcut: 'Mod+K', run: () => ui.setPaletteOpen(true) },
    { id: 'help.about', title: 'About FieldDesk', group: 'Help', run: () => ui.setAboutOpen(true) },
  ];
}

/** Does a keyboard event match a shortcut such as `Mod+Shift+L`? */
export function matchesShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, shortcut: string, isMac: boolean): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  const wantMod = parts.includes('Mod');
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (wantMod !== mod || parts.includes('Shift') !== e.shiftKey || parts.includes('Alt') !== e.altKey) return false;
  return e.key.toLowerCase() === key.toLowerCase();
}

export const menuCommandIds: Record<MenuCommand, string> = {
  'palette.open': 'palette.open',
  'nav.tickets': 'nav.tickets',
  'nav.training': 'nav.training',
  'nav.access': 'nav.access',
  'nav.people': 'nav.people',
  'nav.reports': 'nav.reports',
  'nav.settings': 'nav.settings',
  'theme.cycle': 'theme.cycle',
  'help.about': 'help.about',
};

/** Rank commands for a palette query: every word must appear; earlier matches first. */
export function filterCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands;
  return commands
    .map((c) => {
      const hay = `${c.title} ${c.group} ${c.keywords ?? ''}`.toLowerCase();
      const positions = words.map((w) => hay.indexOf(w));
      return { c, score: positions.every((p) => p >= 0) ? positions.reduce((a, b) => a + b, 0) : -1 };
    })
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score)
    .map((x) => x.c);
}
