import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium to drive: Playwright's own build where it is installed, else
 * CHROMIUM_PATH, else Debian's. `undefined` lets Playwright use its own.
 */
export function chromiumExecutable(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {
    // Playwright's browsers are not installed
  }
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Flags that keep Chromium from reaching for a network this machine does not have. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
