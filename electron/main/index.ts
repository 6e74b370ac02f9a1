// Electron glue only: lifecycle, the app protocol, the window, menus and IPC
// registration. Every decision is made by a pure function in electron/services
// (tested there); this file wires those decisions to Electron's events.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, nativeTheme, protocol, session, shell } from 'electron';
import { ConfigStore } from '../services/config/config-store';
import { createHandlers } from '../services/handlers';
import { createIpcRouter } from '../services/ipc/router';
import { buildCsp } from '../services/security/csp';
import { APP_ORIGIN, APP_SCHEME } from '../services/security/origins';
import { isTrustedSender } from '../services/security/sender';
import { createWindowOptions } from '../services/security/window-options';
import { registerAppProtocol } from './app-protocol';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { hardenSession, hardenWebContents } from './hardening';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const appOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];

// Must happen before ready: the app scheme behaves like https (secure context, fetch, IndexedDB).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const config = new ConfigStore(dataDir);
  await config.load();
  const csp = () => buildCsp({ syncServerUrl: config.get().syncServerUrl, devServerUrl });

  registerAppProtocol(protocol, path.join(here, '../renderer'), csp);
  hardenSession(session.defaultSession, appOrigins, csp, devServerUrl);
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, appOrigins, (url) => shell.openExternal(url)));

  const router = createIpcRouter({
    handlers: createHandlers({
      appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform, electron: process.versions.electron ?? null },
      dataDir,
      config,
      openExternal: (url) => shell.openExternal(url),
    }),
    isTrustedSender: (sender) => isTrustedSender(sender, appOrigins),
    onError: (channel, error) => console.error(`[ipc] ${channel}`, error),
  });
  registerIpc(router);

  mainWindow = new BrowserWindow(
    createWindowOptions({ preloadPath: path.join(here, '../preload/index.cjs'), darkBackground: nativeTheme.shouldUseDarkColors }),
  );
  installMenu(process.platform, (command) => mainWindow?.webContents.send('menu.command', command));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  await mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) void start();
});
app.whenReady().then(start, (error) => {
  console.error('FieldDesk could not start', error);
  app.exit(1);
});
