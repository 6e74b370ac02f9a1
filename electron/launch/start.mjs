// `npm start`: run FieldDesk on its embedded local database.
//
// With the Electron binary present this is `electron-vite dev`. Electron
// downloads its binary on first use from a host some machines cannot reach
// (this project's CI among them); there the same renderer and main-process
// services run in a Chromium window through the browser host instead. On a
// machine with neither, or without a display, it says exactly what to
// install or run and exits 1 (the decision: scripts/system/plan.mjs).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planStart } from '../../scripts/system/plan.mjs';
import { isDebianLike, onPath, probeSystem } from '../../scripts/system/probe.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

const { createServer } = await import('vite');
// Vite loads the TypeScript host modules directly; no separate build step for them.
const vite = await createServer({ configFile: false, root, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
const { findElectronBinary } = await vite.ssrLoadModule('/electron/browser-host/electron-binary.ts');
const electron = findElectronBinary();
const env = process.env;
const chromium = probeSystem(env).found.chromium;
const plan = planStart({
  electron: 'path' in electron,
  chromium: chromium !== undefined,
  display: process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY),
  headless: env.FIELDDESK_HEADLESS === '1',
  xvfbRun: onPath('xvfb-run', env) !== null,
  isDebian: isDebianLike(env),
  isRoot: process.getuid?.() === 0,
});

if (plan.action === 'stop') {
  await vite.close();
  for (const line of plan.lines) console.error(line);
  process.exit(1);
}

if (plan.action === 'electron') {
  await vite.close();
  const child = spawn(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron is not available here: ${electron.missing}`);
  console.log(`Starting FieldDesk in a Chromium window instead (${chromium}; same renderer, same main-process services).`);
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  if (plan.headless) console.log('Running headless (FIELDDESK_HEADLESS=1): no window is shown.');
  const { runBrowserHost } = await vite.ssrLoadModule('/electron/browser-host/run.ts');
  await vite.close();
  await runBrowserHost({ stateDir: env.FIELDDESK_STATE_DIR ?? path.join(root, '.fielddesk-dev'), headless: plan.headless });
  process.exit(0);
}
