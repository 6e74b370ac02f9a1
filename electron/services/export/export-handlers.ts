import { randomUUID } from 'node:crypto';
import { pickColumns } from '../../../shared/export/columns';
import { EXPORT_DATASETS, type ExportDataset } from '../../../shared/export/datasets';
import type { exportChannels } from '../../../shared/ipc/channels/export';
import { err, ok, type Result } from '../../../shared/result';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { createExportSession } from './export-session';

type Session = Awaited<ReturnType<typeof createExportSession>> extends Result<infer S> ? S : never;

/** An export the renderer abandoned (a reload mid-export) is cleaned up after this long without a chunk. */
const IDLE_MS = 5 * 60 * 1000;

/**
 * Open exports by id. Ids are random and live only in this process, so a
 * renderer can only continue an export it began.
 */
export function createExportHandlers(deps: HandlerDeps): HandlersFor<typeof exportChannels> {
  const sessions = new Map<string, { session: Session; timer: NodeJS.Timeout }>();
  const touch = (id: string) => {
    const entry = sessions.get(id);
    if (!entry) return null;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void drop(id), IDLE_MS);
    entry.timer.unref();
    return entry.session;
  };
  const drop = async (id: string) => {
    const entry = sessions.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    sessions.delete(id);
    await entry.session.abort();
  };
  const missing = () => err('not_found', 'That export is no longer open (it finished, was cancelled, or timed out).');
  const progress = (p: { rowsWritten: number; workLogRowsWritten: number }) => ({ rowsWritten: p.rowsWritten, childRowsWritten: p.workLogRowsWritten });

  return {
    'export.begin': async ({ dataset, format, columns: keys, includeChildren, expectedRows, meta }) => {
      const spec: ExportDataset = EXPORT_DATASETS[dataset];
      const { columns, unknown } = pickColumns(spec.columns, keys);
      if (unknown.length > 0) return err('invalid_request', `Unknown column: ${unknown.join(', ')}`);
      const stamp = new Date().toISOString().slice(0, 10);
      const path = await deps.dialogs.saveFile({
        title: `Export ${spec.title.toLowerCase()}`,
        defaultName: `${spec.fileStem}-${stamp}.${format}`,
        filters: [format === 'xlsx' ? { name: 'Excel workbook', extensions: ['xlsx'] } : { name: 'CSV (UTF-8)', extensions: ['csv'] }],
      });
      if (!path) return ok({ cancelled: true as const });
      const opened = await createExportSession({
        format,
        path,
        columns,
        meta,
        expectedRows,
        ...(includeChildren && spec.childColumns ? { workLog: { columns: spec.childColumns } } : {}),
      });
      if (!opened.ok) return opened;
      const sessionId = randomUUID();
      sessions.set(sessionId, { session: opened.value, timer: setTimeout(() => void drop(sessionId), IDLE_MS) });
      return ok({ sessionId, path });
    },
    'export.rows': async ({ sessionId, rows }) => {
      const session = touch(sessionId);
      if (!session) return missing();
      const res = await session.writeRows(rows);
      if (!res.ok) await drop(sessionId);
      return res.ok ? ok(progress(res.value)) : res;
    },
    'export.childRows': async ({ sessionId, rows }) => {
      const session = touch(sessionId);
      if (!session) return missing();
      const res = await session.writeWorkLogRows(rows);
      if (!res.ok) await drop(sessionId);
      return res.ok ? ok(progress(res.value)) : res;
    },
    'export.finish': async ({ sessionId }) => {
      const session = touch(sessionId);
      if (!session) return missing();
      const entry = sessions.get(sessionId)!;
      clearTimeout(entry.timer);
      sessions.delete(sessionId);
      const res = await session.finish();
      if (!res.ok) {
        await session.abort();
        return res;
      }
      const s = res.value;
      return ok({ path: s.path, childPath: s.workLogPath, rows: s.rows, childRows: s.workLogRows ?? 0, bytes: s.bytes });
    },
    'export.abort': async ({ sessionId }) => {
      await drop(sessionId);
      return ok({ aborted: true as const });
    },
  };
}
