// `npm start`: run FieldDesk on its embedded local database.
//
// With the Electron binary present this is `electron-vite dev`. Electron
// downloads its binary on first use from a host some machines cannot reach
// (this project's CI among them); there the same renderer and main-process
// services run in a Chromium window through the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

const { createServer } = await import('vite');
// Vite loads the TypeScript host modules directly; no separate build step for them.
const vite = await createServer({ configFile: false, root, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
const { findElectronBinary } = await vite.ssrLoadModule('/electron/browser-host/electron-binary.ts');
const electron = findElectronBinary();

if ('path' in electron) {
  await vite.close();
  const child = spawn(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron is not available here: ${electron.missing}`);
  console.log('Starting FieldDesk in a Chromium window instead (same renderer, same main-process services).');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const headless = process.env.FIELDDESK_HEADLESS === '1' || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
  if (headless) console.log('No display found: running headless (set DISPLAY, or use xvfb-run, to see the window).');
  const { runBrowserHost } = await vite.ssrLoadModule('/electron/browser-host/run.ts');
  await vite.close();
  await runBrowserHost({ stateDir: process.env.FIELDDESK_STATE_DIR ?? path.join(root, '.fielddesk-dev'), headless });
  process.exit(0);
}
