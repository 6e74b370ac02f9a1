import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppServices } from '../services/app-services';
import type { ConfigStore } from '../services/config/config-store';
import type { IpcRouter } from '../services/ipc/router';
import { buildCsp } from '../services/security/csp';
import { nodeTokenCrypto } from '../services/sync/node-token-crypto';
import type { BrowserContext } from '@playwright/test';
import { createPlaywrightPrinter } from './printer';
import { startStaticServer } from './static-server';

export interface BrowserHost {
  origin: string;
  dataDir: string;
  router: IpcRouter;
  config: ConfigStore;
  /** Links the app asked the OS to open (main would call shell.openExternal). */
  opened: string[];
  /** Files the app asked the OS to show (main would call shell.openPath). */
  openedFiles: string[];
  /** What the next file dialogs answer: tests queue the user's choices here. */
  dialogAnswers: { pick: string[][]; save: (string | null)[] };
  /** Documents sent to the system print dialog. */
  printed: string[];
  /** The browser whose Chromium prints PDFs (main uses a hidden window instead). */
  attachBrowser(context: BrowserContext): void;
  close(): Promise<void>;
}

/**
 * Main's services without Electron: the same handlers, router and security
 * decisions, with Node stand-ins for what Electron provides (dialogs answer
 * from a queue, the OS "opens" files into a list).
 */
export async function startBrowserHost({ dataDir: keptDir }: { dataDir?: string } = {}): Promise<BrowserHost> {
  // Tests get a throwaway data folder; `npm start` passes one that persists.
  const dataDir = keptDir ?? mkdtempSync(path.join(os.tmpdir(), 'fielddesk-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  const opened: string[] = [];
  const openedFiles: string[] = [];
  const dialogAnswers: BrowserHost['dialogAnswers'] = { pick: [], save: [] };
  const printed: string[] = [];
  let printContext: BrowserContext | null = null;
  let origin = '';
  const { config, router } = await createAppServices({
    appInfo: { name: 'FieldDesk', version: '0.1.0', platform: process.platform, electron: null },
    dataDir,
    viewDir: path.join(dataDir, 'view'),
    appOrigins: () => [origin],
    openExternal: async (url) => {
      opened.push(url);
    },
    openPath: async (file) => {
      openedFiles.push(file);
      return '';
    },
    dialogs: {
      pickFiles: async () => dialogAnswers.pick.shift() ?? [],
      saveFile: async () => dialogAnswers.save.shift() ?? null,
    },
    printer: createPlaywrightPrinter(() => printContext, printed),
    fontsDir: path.resolve('resources/fonts'),
    tokenCrypto: nodeTokenCrypto(path.join(dataDir, 'sync-token.key')),
  });
  const server = await startStaticServer(path.resolve('out/renderer'), () => buildCsp({ syncServerUrl: config.get().syncServerUrl }));
  origin = server.origin;
  return {
    origin,
    dataDir,
    router,
    config,
    opened,
    openedFiles,
    dialogAnswers,
    printed,
    attachBrowser(context) {
      printContext = context;
    },
    async close() {
      await server.close();
      if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
