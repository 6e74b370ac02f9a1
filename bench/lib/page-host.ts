import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'vite';

/**
 * Node side of a benchmark page (bench/<suite>/page): built with Vite from
 * the real data layer, opened in Chromium, ready when it says so.
 */

/** Build bench/<suite>/page into `outDir`, served under `base`. */
export async function buildBenchPage(root: string, outDir: string, base: string, minify = true): Promise<void> {
  await build({ configFile: false, root: path.resolve(root), logLevel: 'warn', base, build: { outDir, emptyOutDir: true, minify } });
}

/** A new tab at `url`, waited on until the page reports `ready`; page errors are logged, calls never time out (runs take minutes). */
export async function openReadyPage(browser: BrowserContext, url: string, log: (s: string) => void): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  // What the page reports for the bench's log (console lines that begin "[bench]").
  page.on('console', (m) => {
    if (m.text().startsWith('[bench]')) log(m.text());
  });
  page.setDefaultTimeout(0);
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('ready')?.textContent === 'ready');
  return page;
}
