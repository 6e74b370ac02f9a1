import { z } from 'zod';
import { PAPER_SIZES } from '../print/pageSetup';
import { channel, type ChannelSpec } from '../ipc/channel-spec';

/**
 * Scheduled work and reviews: printing a post-incident review and exporting
 * reviews with their action items to a spreadsheet. The renderer sends data
 * (names resolved, no ids), never HTML; main builds the document.
 */
const text = (max: number) => z.string().max(max, `Must be at most ${max} characters`);
const line = text(500);
const long = text(20_000);

export const ReviewPrintSchema = z
  .object({
    title: text(200).min(1, 'The review needs a title'),
    status: line,
    owner: line,
    reviewDate: line,
    attendees: z.array(line).max(100),
    incidents: z.array(line).max(20),
    sections: z.array(z.object({ label: line, text: long }).strict()).max(20),
    timeline: z.array(z.object({ when: line, text: text(5000) }).strict()).max(1000),
    actions: z.array(z.object({ title: line, owner: line, due: line, type: line, status: line, link: line }).strict()).max(500),
    printedAt: line,
  })
  .strict();
export type ReviewPrintRequestData = z.input<typeof ReviewPrintSchema>;

const cell = z.union([z.string().max(20_000), z.number(), z.null()]);
export const ReviewExportSchema = z
  .object({
    reviews: z.array(z.record(z.string().max(64), cell)).max(10_000),
    actions: z.array(z.record(z.string().max(64), cell)).max(50_000),
    defaultName: text(120).optional(),
  })
  .strict();
export type ReviewExportRequest = z.input<typeof ReviewExportSchema>;

const Cancelled = z.object({ cancelled: z.literal(true) }).strict();

export const operationsChannels = {
  'operations.printReviewPdf': channel({
    description: 'Build a post-incident review printout from its data, ask where to save it, and print it to PDF.',
    request: z.object({ review: ReviewPrintSchema, paper: z.enum(PAPER_SIZES).default('Letter') }).strict(),
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative(), pages: z.number().int().positive().nullable() }).strict(), Cancelled]),
    maxBytes: 8_000_000,
  }),
  'operations.exportReviewsXlsx': channel({
    description: 'Write reviews and their action items to an .xlsx workbook (two sheets) chosen in the save dialog.',
    request: ReviewExportSchema,
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), reviews: z.number().int(), actions: z.number().int() }).strict(), Cancelled]),
    maxBytes: 30_000_000,
  }),
} as const satisfies Record<string, ChannelSpec>;
