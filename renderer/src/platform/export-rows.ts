import type { ExportDatasetName } from '../../../shared/export/datasets';
import { ok, type Result } from '../../../shared/result';
import { platform } from './bridge';

/**
 * Export rows already in hand (a session's roster, say) through the same
 * streaming export session as the incident log: save dialog, chunks, finish.
 */
export async function exportRows(
  dataset: ExportDatasetName,
  format: 'xlsx' | 'csv',
  rows: Record<string, unknown>[],
  meta: { exportedBy: string; scope: string },
  columns: string[],
): Promise<Result<{ path: string; rows: number } | { cancelled: true }>> {
  const begun = await platform.export.begin({ dataset, format, columns, includeChildren: false, expectedRows: rows.length, meta });
  if (!begun.ok) return begun;
  if ('cancelled' in begun.value) return ok({ cancelled: true as const });
  const { sessionId } = begun.value;
  for (let i = 0; i < rows.length; i += 2000) {
    const res = await platform.export.rows({ sessionId, rows: rows.slice(i, i + 2000) });
    if (!res.ok) {
      await platform.export.abort({ sessionId });
      return res;
    }
  }
  const done = await platform.export.finish({ sessionId });
  return done.ok ? ok({ path: done.value.path, rows: done.value.rows }) : done;
}
