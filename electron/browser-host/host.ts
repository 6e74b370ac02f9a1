import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigStore } from '../services/config/config-store';
import { createHandlers } from '../services/handlers';
import { createIpcRouter, type IpcRouter } from '../services/ipc/router';
import { buildCsp } from '../services/security/csp';
import { isTrustedSender } from '../services/security/sender';
import { startStaticServer } from './static-server';

export interface BrowserHost {
  origin: string;
  dataDir: string;
  router: IpcRouter;
  config: ConfigStore;
  /** Links the app asked the OS to open (main would call shell.openExternal). */
  opened: string[];
  close(): Promise<void>;
}

/**
 * Main's services without Electron: the same handlers, router and security
 * decisions, with Node stand-ins for what Electron provides.
 */
export async function startBrowserHost({ dataDir: keptDir }: { dataDir?: string } = {}): Promise<BrowserHost> {
  // Tests get a throwaway data folder; `npm start` passes one that persists.
  const dataDir = keptDir ?? mkdtempSync(path.join(os.tmpdir(), 'fielddesk-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  const config = new ConfigStore(dataDir);
  await config.load();
  const opened: string[] = [];
  const server = await startStaticServer(path.resolve('out/renderer'), () => buildCsp({ syncServerUrl: config.get().syncServerUrl }));
  const router = createIpcRouter({
    handlers: createHandlers({
      appInfo: { name: 'FieldDesk', version: '0.1.0', platform: process.platform, electron: null },
      dataDir,
      config,
      openExternal: async (url) => {
        opened.push(url);
      },
    }),
    isTrustedSender: (sender) => isTrustedSender(sender, [server.origin]),
  });
  return {
    origin: server.origin,
    dataDir,
    router,
    config,
    opened,
    async close() {
      await server.close();
      if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
