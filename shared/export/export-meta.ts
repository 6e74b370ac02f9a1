import { z } from 'zod';
import type { ColumnDef } from './columns';

/**
 * Who exported what, when and with which filters: written to the "About this
 * export" sheet so that a spreadsheet forwarded to a review team explains itself.
 * Validated because it arrives from the renderer.
 */
export const ExportMetaSchema = z.object({
  exportedBy: z.string().trim().min(1, 'Who is exporting is required').max(200),
  /** ISO instant; the service fills in "now" when absent. */
  exportedAt: z.string().optional(),
  /** What was exported, in words: "Whole incident log", "Current view: Open P1 incidents". */
  scope: z.string().trim().min(1).max(500),
  filters: z.array(z.object({ label: z.string().max(200), value: z.string().max(2000) })).max(100).default([]),
  dateRange: z
    .object({ field: z.string().max(100).optional(), from: z.string().max(40).optional(), to: z.string().max(40).optional() })
    .optional(),
  /** IANA zone the times are written in; defaults to the machine's zone. */
  timeZone: z.string().max(100).optional(),
  appVersion: z.string().max(50).optional(),
});
export type ExportMeta = z.input<typeof ExportMetaSchema>;

export interface ExportCounts {
  rows: number;
  workLogRows: number | null;
}

/** Label/value lines of the About sheet; a `Date` value is written as a date cell. */
export function aboutLines(
  meta: z.output<typeof ExportMetaSchema>,
  ctx: { exportedAt: Date; timeZone: string; columns: readonly ColumnDef[]; counts: ExportCounts; workLogSheet: string | null },
): Array<[string, string | number | Date]> {
  const lines: Array<[string, string | number | Date]> = [
    ['Exported by', meta.exportedBy],
    ['Exported at', ctx.exportedAt],
    ['Time zone of all times', ctx.timeZone],
    ['What', meta.scope],
  ];
  if (meta.dateRange && (meta.dateRange.from || meta.dateRange.to)) {
    const field = meta.dateRange.field ? ` (${meta.dateRange.field})` : '';
    lines.push([`Date range${field}`, `${meta.dateRange.from ?? '…'} to ${meta.dateRange.to ?? '…'}`]);
  }
  if (meta.filters.length === 0) lines.push(['Filters', 'None']);
  for (const f of meta.filters) lines.push([`Filter: ${f.label}`, f.value]);
  lines.push(['Incidents', ctx.counts.rows]);
  if (ctx.counts.workLogRows !== null) lines.push([`Work-log entries (sheet "${ctx.workLogSheet ?? ''}")`, ctx.counts.workLogRows]);
  lines.push(['Columns', ctx.columns.map((c) => c.header).join(', ')]);
  if (meta.appVersion) lines.push(['FieldDesk version', meta.appVersion]);
  return lines;
}
