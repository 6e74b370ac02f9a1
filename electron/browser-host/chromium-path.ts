import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return null;
}

/**
 * Which Chromium to drive: Playwright's own build where it is installed, else
 * CHROMIUM_PATH, else Debian's (/usr/bin/chromium, or `chromium` on PATH).
 * `undefined` lets Playwright use its own. scripts/system/probe.mjs looks in
 * the same order.
 */
export function chromiumExecutable(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {
    // Playwright's browsers are not installed
  }
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const debian = '/usr/bin/chromium';
  return existsSync(debian) ? debian : (onPath('chromium') ?? debian);
}

/** Flags that keep Chromium from reaching for a network this machine does not have. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
