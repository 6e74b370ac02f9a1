import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../../renderer/src/data/db';

/** What main received, per session: the bridge is replaced by a recorder (main's side has its own tests). */
const sent = vi.hoisted(() => ({ records: [] as { table: string; records: Record<string, unknown>[] }[], total: Infinity }));

vi.mock('../../../../../renderer/src/platform/bridge', () => ({
  hasDesktopBridge: true,
  platform: {
    backup: {
      begin: async () => ({ ok: true, value: { sessionId: 'session-1' } }),
      records: async ({ table, records }: { table: string; records: Record<string, unknown>[] }) => {
        sent.records.push({ table, records });
        // A backup that sends more records than the database holds is repeating itself: stop it here, not by timeout.
        if (sent.records.reduce((n, c) => n + c.records.length, 0) > sent.total) throw new Error('more records sent than the database holds');
        return { ok: true, value: {} };
      },
      finish: async () => ({ ok: true, value: { path: '/backups/fielddesk.fdbackup', records: sent.records.reduce((n, c) => n + c.records.length, 0) } }),
      abort: async () => ({ ok: true, value: {} }),
    },
  },
}));

const { backUp } = await import('../../../../../renderer/src/features/settings/backup/backup-data');

let db: FieldDeskDb | null = null;
afterEach(async () => {
  db?.close();
  await db?.delete();
  db = null;
  sent.records.length = 0;
});

describe('backing up the local database', () => {
  it('sends every record of a store with a compound key once, in chunks, and the progress never passes the total', async () => {
    db = await openDatabase(`backup-data-${Math.random().toString(36).slice(2)}`);
    // More search-word blocks ([word+last]) than one chunk holds.
    const blocks = Array.from({ length: 4500 }, (_, i) => ({ word: `w${String(i % 900).padStart(3, '0')}`, last: `t${String(Math.floor(i / 900)).padStart(2, '0')}`, ids: 'a\nb' }));
    await db.table('wordBlocks').bulkPut(blocks);
    sent.total = (await Promise.all(db.tables.map((t) => t.count()))).reduce((a, b) => a + b, 0);
    const progress: { done: number; total: number | null }[] = [];
    const r = await backUp(db, 'auto', { onProgress: (p) => progress.push({ done: p.done, total: p.total }) });
    expect(r.ok).toBe(true);
    const sentBlocks = sent.records.filter((c) => c.table === 'wordBlocks').flatMap((c) => c.records);
    expect(sentBlocks).toHaveLength(4500);
    expect(new Set(sentBlocks.map((b) => `${b.word as string}|${b.last as string}`)).size).toBe(4500);
    expect(progress.at(-1)).toEqual({ done: sent.total, total: sent.total });
    expect(progress.every((p) => p.total !== null && p.done <= p.total)).toBe(true);
  });
});
