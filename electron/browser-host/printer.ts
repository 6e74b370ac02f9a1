import type { BrowserContext } from '@playwright/test';
import type { PdfOptions } from '../../shared/print/pdfOptions';
import type { Printer } from '../services/print/printer';

/**
 * The browser host's printer: Chromium's own PDF printing through Playwright,
 * in a page that may load nothing from the network. System-print requests are
 * recorded (there is no print dialog to show).
 */
export function createPlaywrightPrinter(getContext: () => BrowserContext | null, printed: string[]): Printer {
  const pdf = async (html: string, o: PdfOptions): Promise<Uint8Array> => {
    const context = getContext();
    if (!context) throw new Error('No browser to print with yet.');
    const page = await context.newPage();
    try {
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const bytes = await page.pdf({
        format: o.pageSize,
        landscape: o.landscape,
        margin: { top: `${o.margins.top}in`, right: `${o.margins.right}in`, bottom: `${o.margins.bottom}in`, left: `${o.margins.left}in` },
        printBackground: o.printBackground,
        displayHeaderFooter: o.displayHeaderFooter,
        headerTemplate: o.headerTemplate,
        footerTemplate: o.footerTemplate,
        preferCSSPageSize: o.preferCSSPageSize,
      });
      return new Uint8Array(bytes);
    } finally {
      await page.close();
    }
  };
  return {
    toPdf: pdf,
    async printWithDialog(html) {
      printed.push(html);
      return true;
    },
  };
}
