// Electron glue only: lifecycle, the app protocol, the window, menus and IPC
// registration. Every decision is made by a pure function in electron/services
// (tested there); this file wires those decisions to Electron's events.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, nativeTheme, protocol, safeStorage, session, shell } from 'electron';
import { createAppServices } from '../services/app-services';
import type { Dialogs } from '../services/handlers';
import { buildCsp } from '../services/security/csp';
import { APP_ORIGIN, APP_SCHEME } from '../services/security/origins';
import { createWindowOptions } from '../services/security/window-options';
import { registerAppProtocol } from './app-protocol';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createElectronPrinter } from './printer';
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
  const dialogs: Dialogs = {
    async pickFiles({ title, multiple, filters }) {
      const res = await dialog.showOpenDialog(mainWindow!, { title, filters, properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'] });
      return res.canceled ? [] : res.filePaths;
    },
    async saveFile({ title, defaultName, filters }) {
      const res = await dialog.showSaveDialog(mainWindow!, { title, defaultPath: path.join(app.getPath('documents'), defaultName), filters });
      return res.canceled || !res.filePath ? null : res.filePath;
    },
  };
  const { config, router } = await createAppServices({
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform, electron: process.versions.electron ?? null },
    dataDir,
    viewDir: path.join(app.getPath('temp'), 'fielddesk-view'),
    appOrigins: () => appOrigins,
    openExternal: (url) => shell.openExternal(url),
    openPath: (file) => shell.openPath(file),
    dialogs,
    printer: createElectronPrinter(),
    fontsDir: app.isPackaged ? path.join(process.resourcesPath, 'fonts') : path.join(here, '../../resources/fonts'),
    tokenCrypto: { isAvailable: () => safeStorage.isEncryptionAvailable(), encrypt: (s) => safeStorage.encryptString(s), decrypt: (b) => safeStorage.decryptString(b) },
    onError: (channel, error) => console.error(`[ipc] ${channel}`, error),
  });
  const csp = () => buildCsp({ syncServerUrl: config.get().syncServerUrl, devServerUrl });

  registerAppProtocol(protocol, path.join(here, '../renderer'), csp);
  hardenSession(session.defaultSession, appOrigins, csp, devServerUrl);
  app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, appOrigins, (url) => shell.openExternal(url)));

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
