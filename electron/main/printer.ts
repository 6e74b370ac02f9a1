import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import type { Printer } from '../services/print/printer';

/**
 * Print documents in a hidden window with JavaScript off: the templates are
 * static HTML with their own CSP, so nothing in them can run. The HTML goes
 * through a temp file because handouts with images exceed data: URL limits.
 */
async function withDocument<T>(html: string, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fielddesk-print-'));
  const file = path.join(dir, 'document.html');
  await writeFile(file, html, 'utf8');
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
  try {
    await win.loadFile(file);
    return await use(win);
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export function createElectronPrinter(): Printer {
  return {
    toPdf: (html, options) =>
      withDocument(html, async (win) => new Uint8Array(await win.webContents.printToPDF({ ...options, margins: { ...options.margins } }))),
    printWithDialog: (html, options) =>
      withDocument(
        html,
        (win) =>
          new Promise<boolean>((resolve) =>
            win.webContents.print({ silent: false, printBackground: options.printBackground, landscape: options.landscape, pageSize: options.pageSize }, (ok) => resolve(ok)),
          ),
      ),
  };
}
