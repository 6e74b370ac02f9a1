import type { MenuCommand } from '../../../shared/ipc/contract';

/**
 * The native menus as data. Main turns this into Electron menu items; the
 * shortcuts are shown in the menu but handled by the renderer (so the same
 * keys work in the browser test host), which is why items that send a
 * command do not register their accelerator with the OS.
 */
export type MenuItemSpec =
  | { type: 'separator' }
  | { type: 'role'; role: string; label?: string }
  | { type: 'command'; label: string; command: MenuCommand; accelerator?: string };

export interface MenuSpec {
  label: string;
  items: MenuItemSpec[];
}

export function buildMenuSpec(platform: string): MenuSpec[] {
  const isMac = platform === 'darwin';
  const menus: MenuSpec[] = [];
  if (isMac) {
    menus.push({
      label: 'FieldDesk',
      items: [
        { type: 'command', label: 'About FieldDesk', command: 'help.about' },
        { type: 'separator' },
        { type: 'command', label: 'Settings…', command: 'nav.settings', accelerator: 'CmdOrCtrl+,' },
        { type: 'separator' },
        { type: 'role', role: 'hide' },
        { type: 'role', role: 'hideOthers' },
        { type: 'role', role: 'unhide' },
        { type: 'separator' },
        { type: 'role', role: 'quit' },
      ],
    });
  }
  menus.push({
    label: 'File',
    items: [
      { type: 'command', label: 'Command Palette…', command: 'palette.open', accelerator: 'CmdOrCtrl+K' },
      ...(isMac ? [] : [{ type: 'command', label: 'Settings', command: 'nav.settings', accelerator: 'CmdOrCtrl+,' } as const]),
      { type: 'separator' },
      isMac ? { type: 'role', role: 'close' } : { type: 'role', role: 'quit', label: 'Exit' },
    ],
  });
  menus.push({
    label: 'Edit',
    items: [
      { type: 'role', role: 'undo' },
      { type: 'role', role: 'redo' },
      { type: 'separator' },
      { type: 'role', role: 'cut' },
      { type: 'role', role: 'copy' },
      { type: 'role', role: 'paste' },
      { type: 'role', role: 'selectAll' },
    ],
  });
  menus.push({
    label: 'View',
    items: [
      { type: 'command', label: 'Tickets', command: 'nav.tickets', accelerator: 'CmdOrCtrl+1' },
      { type: 'command', label: 'Training', command: 'nav.training', accelerator: 'CmdOrCtrl+2' },
      { type: 'command', label: 'Access', command: 'nav.access', accelerator: 'CmdOrCtrl+3' },
      { type: 'command', label: 'People', command: 'nav.people', accelerator: 'CmdOrCtrl+4' },
      { type: 'command', label: 'Reports', command: 'nav.reports', accelerator: 'CmdOrCtrl+5' },
      { type: 'separator' },
      { type: 'command', label: 'Switch Theme', command: 'theme.cycle', accelerator: 'CmdOrCtrl+Shift+L' },
      { type: 'separator' },
      { type: 'role', role: 'resetZoom' },
      { type: 'role', role: 'zoomIn' },
      { type: 'role', role: 'zoomOut' },
      { type: 'separator' },
      { type: 'role', role: 'togglefullscreen' },
    ],
  });
  menus.push({
    label: 'Help',
    items: [{ type: 'command', label: 'About FieldDesk', command: 'help.about' }],
  });
  return menus;
}
