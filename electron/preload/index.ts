// The bridge between the sandboxed renderer and main. It exposes one named
// method per contract channel and a menu-command subscription; never
// ipcRenderer itself, and never the IPC event object (which carries `sender`).
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridgeMethods } from '../../shared/ipc/bridge-types';
import { CHANNEL_NAMES, MENU_COMMANDS, MENU_EVENT_CHANNEL, type MenuCommand } from '../../shared/ipc/contract';

const methods = buildBridgeMethods(CHANNEL_NAMES, (channel, request) => ipcRenderer.invoke(channel, request));

const bridge = {
  ...methods,
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    const handler = (_event: unknown, command: unknown) => {
      if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(MENU_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('fielddesk', bridge);
