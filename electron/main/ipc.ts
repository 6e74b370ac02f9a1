import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcRouter, SenderInfo } from '../services/ipc/router';

function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url ?? '', isTopFrame: !!frame && frame.parent === null };
}

/** One ipcMain.handle per contract channel, all through the router's gate. */
export function registerIpc(router: IpcRouter): void {
  for (const channel of router.channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => router.handle(channel, senderOf(event), payload));
  }
}
