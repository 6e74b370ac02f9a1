import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../../../shared/ipc/contract';
import { buildMenuSpec } from '../../../../../electron/services/menu/menu-spec';

describe('native menus', () => {
  it.each(['win32', 'linux', 'darwin'])('%s has File, Edit, View and Help with the usual roles', (platform) => {
    const menus = buildMenuSpec(platform);
    const labels = menus.map((m) => m.label);
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
    const roles = menus.flatMap((m) => m.items).flatMap((i) => (i.type === 'role' ? [i.role] : []));
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']));
  });
  it('puts app items in the app menu on macOS only', () => {
    expect(buildMenuSpec('darwin')[0]?.label).toBe('FieldDesk');
    expect(buildMenuSpec('win32')[0]?.label).toBe('File');
  });
  it('sends only known commands, each shortcut once', () => {
    const items = buildMenuSpec('linux').flatMap((m) => m.items).filter((i) => i.type === 'command');
    for (const i of items) expect(MENU_COMMANDS).toContain(i.command);
    const accelerators = items.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
