import { z } from 'zod';
import { CampaignSummarySchema } from './print/campaignSummary';
import { DistributionListPrintSchema } from './print/distributionList';
import { AccessRequestFormSchema } from './print/requestForm';
import { PAPER_SIZES } from '../print/pageSetup';
import { channel, type ChannelSpec } from '../ipc/channel-spec';

/**
 * Access: the printable request form, and saving an export (distribution
 * list members for a mail platform). The renderer sends data, never HTML.
 */
const Cancelled = z.object({ cancelled: z.literal(true) }).strict();

export const AccessPrintRequestSchema = z.object({ document: z.discriminatedUnion('kind', [AccessRequestFormSchema, CampaignSummarySchema, DistributionListPrintSchema]), paper: z.enum(PAPER_SIZES).default('Letter') }).strict();
export type AccessPrintRequest = z.input<typeof AccessPrintRequestSchema>;
export type ParsedAccessPrintRequest = z.output<typeof AccessPrintRequestSchema>;

export const accessChannels = {
  'access.printPdf': channel({
    description: 'Build the access request form or a campaign summary from its data, ask where to save it, and print it to PDF.',
    request: AccessPrintRequestSchema,
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative(), pages: z.number().int().positive().nullable() }).strict(), Cancelled]),
  }),
  'access.print': channel({
    description: 'Build the access request form and send it to a printer through the system print dialog.',
    request: AccessPrintRequestSchema,
    response: z.object({ printed: z.boolean() }).strict(),
  }),
  'access.readAccounts': channel({
    description: 'Let the user pick a system’s user export (CSV or XLSX) and return its columns, rows and a suggested mapping, for reconciliation.',
    request: z.object({}).strict(),
    response: z.union([
      z
        .object({
          fileName: z.string().max(260),
          format: z.enum(['csv', 'xlsx']),
          headers: z.array(z.string().max(1000)).max(1000),
          rows: z.array(z.array(z.string().max(10_000)).max(1000)).max(50_000),
          mapping: z.record(z.string().max(64), z.number().int().min(0).max(1000)),
        })
        .strict(),
      Cancelled,
    ]),
    maxBytes: 60_000_000,
  }),
  'access.saveText': channel({
    description: 'Save a text export (CSV or plain text) where the user chooses.',
    request: z
      .object({
        defaultName: z.string().trim().min(1).max(120),
        ext: z.enum(['csv', 'txt']),
        text: z.string().max(4_000_000),
      })
      .strict(),
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative() }).strict(), Cancelled]),
    maxBytes: 5_000_000,
  }),
  'access.saveXlsx': channel({
    description: 'Save a report (a campaign with every item, decision, reviewer, time and reason) as an XLSX workbook.',
    request: z
      .object({
        defaultName: z.string().trim().min(1).max(120),
        sheets: z
          .array(
            z
              .object({
                name: z.string().trim().min(1).max(31),
                columns: z.array(z.string().max(100)).min(1).max(40),
                rows: z.array(z.array(z.string().max(2000)).max(40)).max(50_000),
              })
              .strict(),
          )
          .min(1)
          .max(5),
      })
      .strict(),
    response: z.union([z.object({ cancelled: z.literal(false), path: z.string(), bytes: z.number().int().nonnegative() }).strict(), Cancelled]),
    maxBytes: 20_000_000,
  }),
} as const satisfies Record<string, ChannelSpec>;
