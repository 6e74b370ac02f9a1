import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium-path';
import { startBrowserHost } from './host';
import { mountBridge } from './mount-bridge';

/**
 * `npm start` where the Electron binary is missing: the same renderer and main
 * services, in a Chromium window, with a persistent profile so the local
 * database survives restarts. Resolves when the window is closed.
 */
export async function runBrowserHost({ stateDir, headless }: { stateDir: string; headless: boolean }): Promise<void> {
  const host = await startBrowserHost({ dataDir: path.join(stateDir, 'data') });
  const executablePath = chromiumExecutable();
  const context = await chromium.launchPersistentContext(path.join(stateDir, 'browser-profile'), {
    headless,
    executablePath,
    args: [...CHROMIUM_ARGS, '--app=about:blank'],
    viewport: null,
  });
  await mountBridge(context, host.router);
  host.attachBrowser(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${host.origin}/#/tickets`);
  console.log(`FieldDesk is running (browser host) at ${host.origin} — data in ${stateDir}. Close the window or press Ctrl+C to stop.`);
  const stop = async () => {
    await context.close().catch(() => undefined);
    await host.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise<void>((resolve) => context.once('close', () => resolve()));
  await host.close();
}
