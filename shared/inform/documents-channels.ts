import { z } from 'zod';
import { AUDIENCES, DOCUMENT_STATES, MATERIAL_KINDS, MAX_MARKDOWN_CHARS, MaterialImageSchema } from '../training/material';
import { PAPER_SIZES } from '../print/pageSetup';
import { channel, type ChannelSpec } from '../ipc/channel-spec';

/**
 * The knowledge base's documents on paper: any document printed to PDF on
 * Letter or A4. The renderer sends the document's data with names (the
 * owner's, not an id), never HTML; main builds the printout with the shared
 * template (shared/inform/print/document.ts) and the print pipeline.
 */
const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);

export const DocumentPrintSchema = z
  .object({
    kind: z.enum(MATERIAL_KINDS),
    title: text(200).min(1, 'The document needs a title'),
    system: text(100).default(''),
    version: z.number().int().min(0),
    state: z.enum(DOCUMENT_STATES),
    owner: text(200).default(''),
    audience: z.enum(AUDIENCES),
    systems: z.array(text(100)).max(20).default([]),
    tags: z.array(text(100)).max(30).default([]),
    reviewBy: z.iso.date({ message: 'Review-by must be a date such as 2026-07-01' }).nullable().default(null),
    body: z.string().max(MAX_MARKDOWN_CHARS, `The text may be at most ${MAX_MARKDOWN_CHARS} characters`),
    images: z.array(MaterialImageSchema).max(60).default([]),
    printedText: text(100).default(''),
  })
  .strict();
export type DocumentPrintRequestData = z.input<typeof DocumentPrintSchema>;

const Cancelled = z.object({ cancelled: z.literal(true) }).strict();

export const documentsChannels = {
  'documents.printPdf': channel({
    description: 'Build a knowledge-base document printout from its data, ask where to save it, and print it to PDF (Letter or A4).',
    request: z.object({ document: DocumentPrintSchema, paper: z.enum(PAPER_SIZES).default('Letter') }).strict(),
    response: z.union([
      z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative(), pages: z.number().int().positive().nullable(), warnings: z.array(z.string()) }).strict(),
      Cancelled,
    ]),
    // Up to 8 MB of images as base64 plus the text.
    maxBytes: 20_000_000,
  }),
} as const satisfies Record<string, ChannelSpec>;
