import path from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract';
import { createAttachmentStore } from './attachments/attachment-store';
import { ConfigStore } from './config/config-store';
import { createHandlers, type Dialogs } from './handlers';
import type { Printer } from './print/printer';
import type { TokenCrypto } from './sync/token-store';
import { createIpcRouter, type IpcRouter } from './ipc/router';
import { isTrustedSender } from './security/sender';

export interface AppServicesOptions {
  appInfo: Omit<AppInfo, 'dataDir'>;
  dataDir: string;
  viewDir: string;
  appOrigins: () => readonly string[];
  openExternal: (url: string) => Promise<void>;
  openPath: (file: string) => Promise<string>;
  dialogs: Dialogs;
  printer: Printer;
  fontsDir: string;
  tokenCrypto?: TokenCrypto;
  onError?: (channel: string, error: unknown) => void;
}

/**
 * Everything main mounts behind IPC, assembled in one place so that Electron's
 * main process and the browser host run exactly the same services.
 */
export async function createAppServices(options: AppServicesOptions): Promise<{ config: ConfigStore; router: IpcRouter }> {
  const config = new ConfigStore(options.dataDir);
  await config.load();
  const attachments = createAttachmentStore({ dir: path.join(options.dataDir, 'attachments') });
  const router = createIpcRouter({
    handlers: createHandlers({
      appInfo: options.appInfo,
      dataDir: options.dataDir,
      config,
      attachments,
      viewDir: options.viewDir,
      dialogs: options.dialogs,
      openExternal: options.openExternal,
      openPath: options.openPath,
      printer: options.printer,
      fontsDir: options.fontsDir,
      tokenCrypto: options.tokenCrypto,
      tokenFile: path.join(options.dataDir, 'sync-session.bin'),
    }),
    isTrustedSender: (sender) => isTrustedSender(sender, options.appOrigins()),
    onError: options.onError,
  });
  return { config, router };
}
