import { escapeHtml } from './escapeHtml';
import { inches, type Margins, type PageSetup, type PaperSize } from './pageSetup';
import { fontFaceCss, FONT_FAMILY, type PrintFont } from './printHtml';

/**
 * Options for Chromium's PDF printing, in the shape Electron's
 * `webContents.printToPDF` takes (tests adapt them to Playwright's page.pdf).
 * Page numbers can only come from Chromium's header/footer templates: it
 * fills the `pageNumber` and `totalPages` spans as it paginates.
 */
export interface PdfOptions {
  pageSize: PaperSize;
  landscape: boolean;
  /** Inches. */
  margins: Margins;
  printBackground: boolean;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  preferCSSPageSize: boolean;
}

export interface HeaderFooterText {
  /** Left side of the header, e.g. the handout title. */
  header?: string;
  /** Left side of the footer, e.g. "Version 3 · Printed March 10, 2026". */
  footer?: string;
  /** Page numbers on the right of the footer (default true). */
  pageNumbers?: boolean;
}

function band(setup: PageSetup, fonts: readonly PrintFont[], left: string, right: string): string {
  // The template is its own tiny document: it needs its own font and size (Chromium's default is unreadably small).
  const face = fontFaceCss(fonts.filter((f) => f.weight === 400 && f.src.startsWith('data:')));
  const style = `font-family:'${FONT_FAMILY}',Arial,sans-serif;font-size:8pt;color:#444;box-sizing:border-box;width:100%;padding:0 ${inches(setup.margins.right)} 0 ${inches(setup.margins.left)};display:flex;justify-content:space-between;gap:12px;`;
  return `${face ? `<style>${face}</style>` : ''}<div style="${style}"><span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;">${left}</span><span style="white-space:nowrap;">${right}</span></div>`;
}

export function pdfOptions(setup: PageSetup, text: HeaderFooterText = {}, fonts: readonly PrintFont[] = []): PdfOptions {
  const pageNumbers = text.pageNumbers ?? true;
  const show = Boolean(text.header || text.footer || pageNumbers);
  return {
    pageSize: setup.size,
    landscape: Boolean(setup.landscape),
    margins: { ...setup.margins },
    printBackground: true,
    displayHeaderFooter: show,
    // An empty template would print Chromium's default (date and URL), so always give one.
    headerTemplate: band(setup, fonts, escapeHtml(text.header ?? ''), ''),
    footerTemplate: band(
      setup,
      fonts,
      escapeHtml(text.footer ?? ''),
      pageNumbers ? 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>' : '',
    ),
    preferCSSPageSize: false,
  };
}
