import { z } from 'zod';
import { EXPORT_DATASET_NAMES } from '../../export/datasets';
import { ExportMetaSchema } from '../../export/export-meta';
import { channel, type ChannelSpec } from '../channel-spec';

const SessionId = z.object({ sessionId: z.string().uuid() }).strict();
/** Rows arrive in chunks; a chunk is bounded so one call never holds main for long. */
const Rows = z.array(z.record(z.string().max(64), z.unknown())).max(5000, 'Send at most 5,000 rows at a time');
const Progress = z.object({ rowsWritten: z.number().int(), childRowsWritten: z.number().int() });

/**
 * Spreadsheet export as a session: begin (main asks where to save), stream
 * rows in chunks (the renderer reads IndexedDB chunk by chunk), then finish or
 * abort. The file appears only on finish; an aborted or failed export leaves
 * nothing behind.
 */
export const exportChannels = {
  'export.begin': channel({
    description: 'Ask where to save, then open a streaming export of a dataset.',
    request: z
      .object({
        dataset: z.enum(EXPORT_DATASET_NAMES),
        format: z.enum(['xlsx', 'csv']),
        columns: z.array(z.string().max(64)).min(1, 'Choose at least one column').max(100),
        includeChildren: z.boolean().default(false),
        expectedRows: z.number().int().nonnegative().max(10_000_000),
        meta: ExportMetaSchema,
      })
      .strict(),
    response: z.union([z.object({ sessionId: z.string(), path: z.string() }), z.object({ cancelled: z.literal(true) })]),
  }),
  'export.rows': channel({
    description: 'Append a chunk of rows to an open export.',
    request: z.object({ sessionId: z.string().uuid(), rows: Rows }).strict(),
    response: Progress,
    maxBytes: 32_000_000,
  }),
  'export.childRows': channel({
    description: 'Append a chunk of child rows (work-log entries) after all the main rows.',
    request: z.object({ sessionId: z.string().uuid(), rows: Rows }).strict(),
    response: Progress,
    maxBytes: 32_000_000,
  }),
  'export.finish': channel({
    description: 'Complete an export: the file appears at its final path.',
    request: SessionId,
    response: z.object({ path: z.string(), childPath: z.string().nullable(), rows: z.number().int(), childRows: z.number().int(), bytes: z.number().int() }),
  }),
  'export.abort': channel({
    description: 'Cancel an export and remove its temporary file.',
    request: SessionId,
    response: z.object({ aborted: z.literal(true) }),
  }),
} as const satisfies Record<string, ChannelSpec>;
