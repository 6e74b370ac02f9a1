import { z } from 'zod';
import { IMPORT_DATASET_NAMES } from '../../import/datasets';
import { channel, type ChannelSpec } from '../channel-spec';

const RowErrorSchema = z.object({
  row: z.number().int(),
  errors: z.array(z.object({ column: z.string(), field: z.string().optional(), message: z.string() })),
});

/**
 * Import from CSV or XLSX in three steps: pick a file (main keeps the path and
 * hands back a token, so the renderer never names a path), map its columns,
 * then a dry run that lists every bad row. The renderer commits the valid
 * records through its repositories only when there are no bad rows.
 */
export const importChannels = {
  'import.pick': channel({
    description: 'Let the user pick a CSV or XLSX file; return its columns, first rows and a suggested mapping.',
    request: z.object({ dataset: z.enum(IMPORT_DATASET_NAMES) }).strict(),
    response: z.union([
      z.object({
        fileToken: z.string(),
        fileName: z.string(),
        format: z.enum(['csv', 'xlsx']),
        headers: z.array(z.string()),
        sampleRows: z.array(z.array(z.string())),
        suggestedMapping: z.record(z.string(), z.number().int()),
        fields: z.array(z.object({ key: z.string(), header: z.string(), required: z.boolean() })),
      }),
      z.object({ cancelled: z.literal(true) }),
    ]),
  }),
  'import.dryRun': channel({
    description: 'Validate every row of a picked file against the dataset schema with the chosen mapping.',
    request: z
      .object({
        fileToken: z.string().uuid(),
        mapping: z.record(z.string().max(64), z.number().int().min(0).max(1000)),
        /** Keys already on this device (e.g. email addresses), for duplicate detection. */
        existingKeys: z.array(z.string().max(320)).max(500_000),
        dateOrder: z.enum(['mdy', 'dmy', 'ymd']).optional(),
      })
      .strict(),
    response: z.object({
      totalRows: z.number().int(),
      validRows: z.number().int(),
      errors: z.array(RowErrorSchema),
      errorRowCount: z.number().int(),
      errorsTruncated: z.boolean(),
      /** The validated records, only when no row has an error (the import is all-or-nothing). */
      records: z.array(z.record(z.string(), z.unknown())),
      /** Each record's row in the file (header = row 1), for messages about it later. */
      rowNumbers: z.array(z.number().int()).optional(),
    }),
    maxBytes: 40_000_000,
  }),
  'import.cancel': channel({
    description: 'Stop a running dry run of a picked file (it then answers `cancelled`).',
    request: z.object({ fileToken: z.string().uuid() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  }),
} as const satisfies Record<string, ChannelSpec>;
