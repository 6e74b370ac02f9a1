import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnDef } from '../../../../../shared/export/columns';
import { runExport } from '../../../../../electron/services/export/export-session';
import { tempDir } from './sample-rows';

const COLUMNS: ColumnDef[] = [
  { key: 'number', header: 'Number', type: 'text', width: 10 },
  { key: 'createdAt', header: 'Created', type: 'datetime', width: 17 },
  { key: 'text', header: 'Resolution', type: 'text', width: 60 },
  { key: 'minutes', header: 'Time spent (minutes)', type: 'duration_minutes', width: 8 },
];
const ROWS = 100_000;
const TEXT_CHARS = 1000; // 100,000 rows × 1 KB: about 100 MB of cell text in total

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

/** Rows made on demand, as the renderer's chunked reads deliver them: the test itself holds one chunk at a time. */
async function* rows() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789,.;"\n';
  let base = '';
  for (let i = 0; i < TEXT_CHARS; i++) base += alphabet[(i * 7919) % alphabet.length];
  for (let start = 0; start < ROWS; start += 1000) {
    const chunk = [];
    for (let i = start; i < start + 1000; i++) {
      const k = i % TEXT_CHARS;
      chunk.push({ number: `INC-${i}`, createdAt: 1_700_000_000_000 + i * 60_000, text: base.slice(k) + base.slice(0, k), minutes: i % 600 });
    }
    yield chunk;
  }
}

describe('export memory', () => {
  it.each(['xlsx', 'csv'] as const)('%s: 100,000 rows (~100 MB of text) stream to disk without the process growing by more than 150 MB', async (format) => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const result = await runExport({ format, path: join(t.dir, `big.${format}`), columns: COLUMNS, meta: { exportedBy: 'Bench', scope: 'All', timeZone: 'UTC' } }, rows());
      expect(result).toMatchObject({ ok: true, value: { rows: ROWS } });
    } finally {
      clearInterval(timer);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((peak - before) / 2 ** 20).toBeLessThan(150);
  }, 120_000);
});
