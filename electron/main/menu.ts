import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';
import { buildMenuSpec, type MenuItemSpec } from '../services/menu/menu-spec';

function toItem(spec: MenuItemSpec, send: (command: MenuCommand) => void): MenuItemConstructorOptions {
  switch (spec.type) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: spec.role as MenuItemConstructorOptions['role'], ...(spec.label ? { label: spec.label } : {}) };
    case 'command':
      // The renderer owns the shortcut (it works in the test host too); the menu only shows it.
      return { label: spec.label, accelerator: spec.accelerator, registerAccelerator: false, click: () => send(spec.command) };
  }
}

export function installMenu(platform: string, send: (command: MenuCommand) => void): void {
  const template = buildMenuSpec(platform).map((menu) => ({ label: menu.label, submenu: menu.items.map((i) => toItem(i, send)) }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
