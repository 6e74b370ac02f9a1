import { z } from 'zod';
import { StatusReportDocSchema } from './report-output';
import { PAPER_SIZES } from '../print/pageSetup';
import { channel, type ChannelSpec } from '../ipc/channel-spec';

/**
 * Status reports: the renderer sends the report's data (names, not ids;
 * shared/inform/report-output.ts), never HTML; main builds the printout with
 * the shared template and prints it through the print pipeline, or writes
 * the workbook. For a mail draft, main prints the PDF into its own drafts
 * folder and answers the name a `mail.draft` request then attaches by.
 */
const Cancelled = z.object({ cancelled: z.literal(true) }).strict();
const Paper = z.enum(PAPER_SIZES).default('Letter');
const MAX = 30_000_000;

export const informChannels = {
  'inform.reportPdf': channel({
    description: 'Build a status report printout from its data, ask where to save it, and print it to PDF (Letter or A4).',
    request: z.object({ report: StatusReportDocSchema, paper: Paper }).strict(),
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative(), pages: z.number().int().positive().nullable() }).strict(), Cancelled]),
    maxBytes: MAX,
  }),
  'inform.reportXlsx': channel({
    description: 'Write a status report to an .xlsx workbook (one sheet per section, typed cells) chosen in the save dialog.',
    request: z.object({ report: StatusReportDocSchema }).strict(),
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), sheets: z.array(z.string()) }).strict(), Cancelled]),
    maxBytes: MAX,
  }),
  'inform.reportPdfForMail': channel({
    description: 'Print a status report to PDF in the drafts folder, to attach to a mail draft by the name answered.',
    request: z.object({ report: StatusReportDocSchema, paper: Paper }).strict(),
    response: z.object({ name: z.string(), filename: z.string(), bytes: z.number().int().nonnegative(), pages: z.number().int().positive().nullable() }).strict(),
    maxBytes: MAX,
  }),
} as const satisfies Record<string, ChannelSpec>;
