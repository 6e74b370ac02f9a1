import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { guardFormula } from '../../../shared/export/formula-guard';
import { campaignSummaryHtml } from '../../../shared/access/print/campaignSummary';
import { distributionListHtml } from '../../../shared/access/print/distributionList';
import { accessRequestFormHtml } from '../../../shared/access/print/requestForm';
import type { ParsedAccessPrintRequest } from '../../../shared/access/channels';
import type { accessChannels } from '../../../shared/access/channels';
import { err, ok } from '../../../shared/result';
import { pageSetup } from '../../../shared/print/pageSetup';
import { pdfOptions } from '../../../shared/print/pdfOptions';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { readAccountFile } from './account-file';
import { savePdfWithDialog } from '../print/save-pdf';
import { loadPrintFonts } from '../print/printFonts';
import { fileNameFor } from '../print/file-name';

/** Handlers for the access channels: the request form (PDF or printer) and text exports. */
export function createAccessHandlers(deps: HandlerDeps): HandlersFor<typeof accessChannels> {
  const prepare = async (req: ParsedAccessPrintRequest) => {
    const fonts = await loadPrintFonts(deps.fontsDir);
    if (!fonts.ok) return fonts;
    const setup = pageSetup(req.paper);
    const d = req.document;
    if (d.kind === 'campaignSummary')
      return ok({
        html: campaignSummaryHtml(d, setup, fonts.value),
        options: pdfOptions(setup, { footer: `Access review — ${d.name}` }, fonts.value),
        defaultName: fileNameFor(`Access review ${d.name}`, '', 'pdf'),
      });
    if (d.kind === 'distributionList')
      return ok({
        html: distributionListHtml(d, setup, fonts.value),
        options: pdfOptions(setup, { footer: `Distribution list — ${d.name}` }, fonts.value),
        defaultName: fileNameFor(`Distribution list ${d.name}`, '', 'pdf'),
      });
    return ok({
      html: accessRequestFormHtml(d, setup, fonts.value),
      options: pdfOptions(setup, { footer: `Access request ${d.reference} — ${d.forPerson}, ${d.system}` }, fonts.value),
      defaultName: fileNameFor(`Access request ${d.forPerson}`, d.system, 'pdf'),
    });
  };
  return {
    'access.printPdf': async (req) => {
      const job = await prepare(req);
      if (!job.ok) return job;
      return savePdfWithDialog(deps, job.value);
    },
    'access.print': async (req) => {
      const job = await prepare(req);
      if (!job.ok) return job;
      try {
        return ok({ printed: await deps.printer.printWithDialog(job.value.html, job.value.options) });
      } catch (e) {
        return err('unavailable', `The printer could not be reached: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    'access.readAccounts': async () => {
      const [file] = await deps.dialogs.pickFiles({ title: 'The system’s user export', multiple: false, filters: [{ name: 'Spreadsheets', extensions: ['csv', 'xlsx'] }] });
      if (!file) return ok({ cancelled: true as const });
      const read = await readAccountFile(file);
      if (!read.ok) return read;
      return ok({ fileName: basename(file), format: read.value.format, headers: read.value.headers, rows: read.value.rows, mapping: read.value.mapping });
    },
    'access.saveText': async ({ defaultName, ext, text }) => {
      const name = fileNameFor(defaultName, '', ext);
      const path = await deps.dialogs.saveFile({ title: 'Export', defaultName: name, filters: [{ name: ext === 'csv' ? 'CSV file' : 'Text file', extensions: [ext] }] });
      if (!path) return ok({ cancelled: true as const });
      const written = await writeFileAtomic(new RegExp(`\\.${ext}$`, 'i').test(path) ? path : `${path}.${ext}`, ext === 'csv' ? `\uFEFF${text}` : text);
      if (!written.ok) return written;
      return ok({ cancelled: false as const, path: written.value.path, bytes: written.value.bytes });
    },
    'access.saveXlsx': async ({ defaultName, sheets }) => {
      const path = await deps.dialogs.saveFile({ title: 'Save report', defaultName: fileNameFor(defaultName, '', 'xlsx'), filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] });
      if (!path) return ok({ cancelled: true as const });
      const book = new ExcelJS.Workbook();
      book.creator = 'FieldDesk';
      for (const s of sheets) {
        const sheet = book.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, ' '));
        sheet.addRow(s.columns).font = { bold: true };
        // Text stays text: a cell a person typed is never read as a formula.
        for (const r of s.rows) sheet.addRow(r.map(guardFormula));
        sheet.views = [{ state: 'frozen', ySplit: 1 }];
        s.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = Math.min(60, Math.max(12, c.length + 2))));
      }
      const buffer = new Uint8Array(await book.xlsx.writeBuffer());
      const written = await writeFileAtomic(/\.xlsx$/i.test(path) ? path : `${path}.xlsx`, buffer);
      if (!written.ok) return written;
      return ok({ cancelled: false as const, path: written.value.path, bytes: written.value.bytes });
    },
  };
}
