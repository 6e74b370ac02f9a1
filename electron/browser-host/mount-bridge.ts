import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type { IpcRouter } from '../services/ipc/router';

const PRELOAD = path.resolve('out/preload/index.cjs');

/**
 * Runs the very preload bundle Electron would load, in every page of the
 * context, with `require('electron')` answered by a shim: contextBridge puts
 * the API on window, ipcRenderer.invoke crosses to Node through a Playwright
 * binding into the same IPC router main mounts. The binding reports the
 * calling frame, so the router's sender check is exercised for real.
 */
export async function mountBridge(context: BrowserContext, router: IpcRouter): Promise<void> {
  await context.exposeBinding('__fielddeskIpc', ({ frame }, channel: unknown, payload: unknown) =>
    router.handle(channel, { url: frame.url(), isTopFrame: frame.parentFrame() === null }, payload),
  );
  const preloadSource = readFileSync(PRELOAD, 'utf8');
  await context.addInitScript(
    ({ source }) => {
      // Electron runs the preload in the top frame only (nodeIntegrationInSubFrames is off).
      if (window !== window.top) return;
      const w = window as unknown as Record<string, unknown>;
      const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
      const invoke = w.__fielddeskIpc as (channel: string, payload: unknown) => Promise<unknown>;
      const electron = {
        contextBridge: {
          exposeInMainWorld(key: string, api: unknown) {
            Object.defineProperty(window, key, { value: Object.freeze(api), writable: false, configurable: false });
          },
        },
        ipcRenderer: {
          // Structured clone in Electron; a JSON round trip here drops functions and such the same way.
          invoke: (channel: string, payload: unknown) => invoke(channel, payload === undefined ? undefined : JSON.parse(JSON.stringify(payload))),
          on(channel: string, handler: (event: unknown, ...args: unknown[]) => void) {
            if (!listeners.has(channel)) listeners.set(channel, new Set());
            listeners.get(channel)!.add(handler);
          },
          removeListener(channel: string, handler: (event: unknown, ...args: unknown[]) => void) {
            listeners.get(channel)?.delete(handler);
          },
        },
      };
      // How tests play main's part in sending events (a menu click).
      w.__fielddeskEmit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((h) => h({}, ...args));
      const module = { exports: {} };
      const require = (name: string) => {
        if (name === 'electron') return electron;
        throw new Error(`The sandboxed preload cannot require ${name}`);
      };
      new Function('require', 'module', 'exports', source)(require, module, module.exports);
    },
    { source: preloadSource },
  );
}
