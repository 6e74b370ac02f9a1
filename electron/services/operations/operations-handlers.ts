import ExcelJS from 'exceljs';
import type { operationsChannels } from '../../../shared/operations/channels';
import { guardFormula } from '../../../shared/export/formula-guard';
import { reviewHtml } from '../../../shared/operations/print/review';
import { ok } from '../../../shared/result';
import { pageSetup } from '../../../shared/print/pageSetup';
import { pdfOptions } from '../../../shared/print/pdfOptions';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { savePdfWithDialog } from '../print/save-pdf';
import { loadPrintFonts } from '../print/printFonts';
import { fileNameFor } from '../print/file-name';

const XLSX_FILTER = [{ name: 'Excel workbook', extensions: ['xlsx'] }];

const REVIEW_COLUMNS: [string, string][] = [
  ['title', 'Review'],
  ['status', 'Status'],
  ['owner', 'Owner'],
  ['reviewDate', 'Review date'],
  ['incidents', 'Incidents'],
  ['attendees', 'Attendees'],
  ['summary', 'Summary'],
  ['impact', 'Impact'],
  ['trigger', 'Trigger'],
  ['rootCauses', 'Root causes'],
  ['contributing', 'Contributing factors'],
  ['detection', 'Detection'],
  ['resolution', 'Resolution'],
  ['wentWell', 'Went well'],
  ['wentWrong', 'Went wrong'],
  ['gotLucky', 'Got lucky'],
  ['openActions', 'Open actions'],
  ['updatedAt', 'Last updated'],
];
const ACTION_COLUMNS: [string, string][] = [
  ['review', 'Review'],
  ['title', 'Action'],
  ['owner', 'Owner'],
  ['due', 'Due'],
  ['type', 'Type'],
  ['status', 'Status'],
  ['overdue', 'Overdue'],
  ['link', 'Linked'],
];

/** A sheet of text and number cells; text that a spreadsheet would run as a formula is guarded. */
function addSheet(book: ExcelJS.Workbook, name: string, columns: [string, string][], rows: readonly Record<string, unknown>[]): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(([key, header]) => ({ key, header, width: Math.min(60, Math.max(12, header.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(Object.fromEntries(columns.map(([key]) => {
      const v = r[key];
      return [key, typeof v === 'string' ? guardFormula(v) : typeof v === 'number' ? v : ''];
    })));
  }
}

/** Handlers for printing a review and exporting reviews; the document is built here from data. */
export function createOperationsHandlers(deps: HandlerDeps): HandlersFor<typeof operationsChannels> {
  return {
    'operations.printReviewPdf': async ({ review, paper }) => {
      const fonts = await loadPrintFonts(deps.fontsDir);
      if (!fonts.ok) return fonts;
      const setup = pageSetup(paper);
      const html = reviewHtml(review, setup, fonts.value);
      return savePdfWithDialog(deps, {
        html,
        options: pdfOptions(setup, { footer: `Post-incident review — ${review.title}` }, fonts.value),
        defaultName: fileNameFor(`Review ${review.title}`, paper, 'pdf'),
      });
    },

    'operations.exportReviewsXlsx': async ({ reviews, actions, defaultName }) => {
      const path = await deps.dialogs.saveFile({ title: 'Export reviews', defaultName: fileNameFor(defaultName ?? 'Reviews and action items', '', 'xlsx'), filters: XLSX_FILTER });
      if (!path) return ok({ cancelled: true as const });
      const book = new ExcelJS.Workbook();
      book.creator = 'FieldDesk';
      addSheet(book, 'Reviews', REVIEW_COLUMNS, reviews);
      addSheet(book, 'Action items', ACTION_COLUMNS, actions);
      const buffer = new Uint8Array(await book.xlsx.writeBuffer());
      const written = await writeFileAtomic(/\.xlsx$/i.test(path) ? path : `${path}.xlsx`, buffer);
      if (!written.ok) return written;
      return ok({ cancelled: false as const, path: written.value.path, reviews: reviews.length, actions: actions.length });
    },
  };
}
