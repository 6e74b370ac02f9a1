// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildCommands, filterCommands, matchesShortcut } from '../../../../renderer/src/app/commands';
import { registerScreenFeatures } from '../../../../renderer/src/app/registry';
import { routeFromHash } from '../../../../renderer/src/app/routes';
import { useUi } from '../../../../renderer/src/app/ui-store';
import { UI_FEATURES } from '../../../../renderer/src/features';

// As main.tsx does: the routes and their shortcuts come from the registered features.
registerScreenFeatures(UI_FEATURES);

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('commands', () => {
  it('matches Mod to Ctrl elsewhere and Cmd on macOS, with exact modifiers', () => {
    expect(matchesShortcut(key('k', { ctrlKey: true }), 'Mod+K', false)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), 'Mod+K', true)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), 'Mod+K', false)).toBe(false);
    expect(matchesShortcut(key('L', { ctrlKey: true, shiftKey: true }), 'Mod+Shift+L', false)).toBe(true);
    expect(matchesShortcut(key('l', { ctrlKey: true }), 'Mod+Shift+L', false)).toBe(false);
  });
  it('filters by every word, best match first', () => {
    const cmds = buildCommands();
    expect(filterCommands(cmds, 'go peo').map((c) => c.id)).toEqual(['nav.people']);
    expect(filterCommands(cmds, 'dark').map((c) => c.id)).toEqual(['theme.cycle']);
    expect(filterCommands(cmds, '')).toHaveLength(cmds.length);
    expect(filterCommands(cmds, 'nothing like this')).toEqual([]);
  });
  it('lists the registered screens in navigation order with their shortcuts', () => {
    const nav = buildCommands().filter((c) => c.group === 'Go to');
    expect(nav.map((c) => [c.id, c.shortcut])).toEqual([
      ['nav.tickets', 'Mod+1'],
      ['nav.training', 'Mod+2'],
      ['nav.schedule', undefined],
      ['nav.knowledge', undefined],
      ['nav.access', 'Mod+3'],
      ['nav.people', 'Mod+4'],
      ['nav.reports', 'Mod+5'],
      ['nav.settings', 'Mod+,'],
    ]);
    expect(nav.map((c) => c.title)).toContain('Go to Knowledge');
  });
  it('gives every command a unique id and every shortcut to one command', () => {
    const cmds = buildCommands();
    expect(new Set(cmds.map((c) => c.id)).size).toBe(cmds.length);
    const shortcuts = cmds.flatMap((c) => (c.shortcut ? [c.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
  it('navigates and cycles the theme through the UI store', () => {
    const cmds = buildCommands();
    cmds.find((c) => c.id === 'nav.reports')!.run();
    expect(useUi.getState().route).toBe('reports');
    expect(location.hash).toBe('#/reports');
    const before = useUi.getState().theme;
    cmds.find((c) => c.id === 'theme.cycle')!.run();
    expect(useUi.getState().theme).not.toBe(before);
    expect(localStorage.getItem('fielddesk.theme')).toBe(useUi.getState().theme);
  });
  it('reads unknown hashes as the tickets screen', () => {
    expect(routeFromHash('#/people')).toBe('people');
    expect(routeFromHash('#/nope')).toBe('tickets');
    expect(routeFromHash('')).toBe('tickets');
  });
});
