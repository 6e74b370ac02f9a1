import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutput } from '../../../../../electron/services/export/open-output';
import { tempDir } from './sample-rows';

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

describe('openOutput', () => {
  it('refuses a file that already exists, before any row is written', async () => {
    const path = join(t.dir, 'taken.csv');
    const first = await openOutput(path);
    first.end();
    await expect(openOutput(path)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('can be destroyed while a write is in flight (a cancelled export) without an uncaught error', async () => {
    const uncaught: unknown[] = [];
    const spy = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', spy);
    try {
      const stream = await openOutput(join(t.dir, 'cancelled.csv'));
      stream.write(Buffer.alloc(8 * 1024 * 1024));
      await new Promise((r) => setImmediate(r));
      stream.destroy();
      // Without a listener the error is thrown instead and 'close' never comes: wait at most 2 s for it.
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        setTimeout(resolve, 2000);
      });
      expect(stream.closed).toBe(true);
      // Node reports the interrupted write on 'error'; the export reads it from `errored` instead.
      expect(stream.errored).toMatchObject({ code: 'ERR_STREAM_DESTROYED' });
    } finally {
      process.off('uncaughtException', spy);
    }
    expect(uncaught).toEqual([]);
  });
});
