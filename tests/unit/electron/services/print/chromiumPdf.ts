import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import type { PrintToPdf } from '../../../../../electron/services/print/printDocument';

/**
 * Test harness: Debian's Chromium driven by Playwright, standing in for
 * Electron's printToPDF. Every request other than data: is recorded and
 * refused, so a template that tries to load anything fails the test.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function playwrightPrinter(browser: Browser, blockedRequests: string[]): PrintToPdf {
  return async (html, o) => {
    const page = await browser.newPage();
    try {
      await page.route('**/*', (route) => {
        blockedRequests.push(route.request().url());
        return route.abort();
      });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({
        format: o.pageSize,
        landscape: o.landscape,
        margin: { top: `${o.margins.top}in`, right: `${o.margins.right}in`, bottom: `${o.margins.bottom}in`, left: `${o.margins.left}in` },
        printBackground: o.printBackground,
        displayHeaderFooter: o.displayHeaderFooter,
        headerTemplate: o.headerTemplate,
        footerTemplate: o.footerTemplate,
        preferCSSPageSize: o.preferCSSPageSize,
      });
      return new Uint8Array(pdf);
    } finally {
      await page.close();
    }
  };
}
