import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the Electron binary is, without triggering the download that
 * `require('electron')` attempts when it is missing (this machine and CI
 * cannot reach Electron's download host).
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pkgDir = path.resolve('node_modules/electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const candidate = override ? path.join(override, relative) : path.join(pkgDir, 'dist', relative);
  if (existsSync(candidate)) return { path: candidate };
  return {
    missing: `The Electron binary is not installed (looked for ${candidate}). npm installs Electron's binary lazily from its download host, which this machine cannot reach. Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run this test.`,
  };
}
