import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRemote } from '../../../../renderer/src/data/changelog';
import type { TicketRow } from '../../../../renderer/src/data/repositories/tickets/derive';
import { HOOK_PACKING } from '../../../../renderer/src/data/repositories/tickets/first-views';
import { packWordBlocks, stepBlocks, WORD_BLOCKS, wordBlocksUpTo, type WordBlock } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import { DEFAULT_NOW } from '../../../../shared/sample-data';
import type { FilterContext } from '../../../../shared/tickets/views';
import { searchHelpers } from './search-helpers';
import { closeAll, freshDesk } from './setup';

/**
 * A packing step cut into short read and write transactions (the first
 * sync's end packs this way while the app is in use): the same blocks as one
 * transaction, nothing a search sees when cut short, and every ticket written
 * between the step's transactions still found.
 */
let desk: Awaited<ReturnType<typeof freshDesk>>;
const ctx: FilterContext = { meId: 'x', now: DEFAULT_NOW, endOfToday: '2025-06-03T06:59:59.999Z' };
const noPause = async () => {};
const SPLIT = { step: 128, minStep: 16, readChunk: 20, writeChunk: 50 };

beforeAll(async () => {
  desk = await freshDesk();
  const r = await desk.repos.sampleData.load({ tickets: 300, people: 60, workLogEntries: 500, history: false, validate: false });
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(closeAll);

const tickets = () => desk.repos.tables.tickets;
const blocksStore = () => desk.db.table<WordBlock>(WORD_BLOCKS);
const { searchAll, brute, createTickets } = searchHelpers(() => desk, ctx);
const TEXTS = ['printer jam', 'court', 'vpn login', 'pri', 'e'];

describe('a packing step in short transactions', () => {
  it('writes the same blocks and mark as one transaction per step would, and searches find exactly what the words say', async () => {
    const rows = (await tickets().orderBy(':id').toArray()) as TicketRow[];
    const key = (b: WordBlock) => `${b.word} ${b.last}`;
    const expected = [0, 128, 256].flatMap((at) => stepBlocks(rows.slice(at, at + 128) as unknown as Parameters<typeof stepBlocks>[0])).sort((a, b) => key(a).localeCompare(key(b)));
    let pauses = 0;
    const packed = await packWordBlocks(desk.db, { ...SPLIT, pause: async () => void pauses++ });
    expect(packed).toBe(300);
    expect(await wordBlocksUpTo(desk.db)).toBe(rows[299]!.id);
    const stored = (await blocksStore().toArray()).sort((a, b) => key(a).localeCompare(key(b)));
    expect(stored).toEqual(expected);
    // Three steps, each in several reads and writes.
    expect(pauses).toBeGreaterThan(3 * 4);
    for (const text of TEXTS) expect(await searchAll(text)).toEqual(await brute(text));
  }, 30_000);

  it('cut short between its writes, it leaves the mark where it was and nothing a search reads; the next pack finishes it', async () => {
    const mark = await wordBlocksUpTo(desk.db);
    const made = await createTickets(40, (i) => `Kiosk ${i} frozen`);
    const before = await blocksStore().count();
    const stop = new AbortController();
    // Stopped at the first pause after some of the step's blocks are written.
    const packed = await packWordBlocks(desk.db, { ...SPLIT, signal: stop.signal, pause: async () => void ((await blocksStore().count()) > before && stop.abort()) });
    expect(stop.signal.aborted).toBe(true);
    expect(packed).toBe(0);
    expect(await wordBlocksUpTo(desk.db)).toBe(mark);
    const above = await blocksStore().filter((b) => b.last > mark!).count();
    expect(above).toBeGreaterThan(0);
    for (const text of ['kiosk frozen', 'kiosk', ...TEXTS]) expect(await searchAll(text)).toEqual(await brute(text));
    expect(await searchAll('kiosk')).toEqual(expect.arrayContaining(made));

    expect(await packWordBlocks(desk.db, { ...SPLIT, pause: noPause })).toBe(40);
    expect(await wordBlocksUpTo(desk.db)).toBe(made[39]);
    // The step's blocks written again under the same keys: one block for the word, not two.
    expect(await blocksStore().where('[word+last]').between(['kiosk', mark!], ['kiosk', '\uffff']).count()).toBe(1);
    for (const text of ['kiosk frozen', 'kiosk', ...TEXTS]) expect(await searchAll(text)).toEqual(await brute(text));
  }, 30_000);

  it("a ticket written between the step's transactions is found by its words: an edit to one read or not yet read, a pulled ticket among those read, a new one", async () => {
    const made = await createTickets(60, (i) => `Locker ${i} jammed`);
    let wrote: { pulled: string; created: string } | null = null;
    const during = async () => {
      if (wrote) return;
      // After the step's first read (its first 20 tickets): these land between its reads and its writes.
      expect((await desk.repos.tickets.edit(made[5]!, { title: 'Locker quokka jammed' })).ok).toBe(true);
      expect((await desk.repos.tickets.edit(made[30]!, { title: 'Locker ibex jammed' })).ok).toBe(true);
      const row = (await tickets().get(made[10]!)) as TicketRow;
      const pulled = `${made[10]!}a`;
      expect(pulled > made[10]! && pulled < made[11]!).toBe(true);
      await desk.db.transaction('rw', tickets(), async (tx) => {
        markRemote(tx.idbtrans);
        await tickets().put({ ...row, id: pulled, title: 'Narwhal cabinet', words: [...row.words, 'narwhal'].sort() });
      });
      const created = await createTickets(1, () => 'Gecko turnstile');
      wrote = { pulled, created: created[0]! };
    };
    const packed = await packWordBlocks(desk.db, { ...SPLIT, pause: during });
    expect(wrote).not.toBeNull();
    expect(packed).toBeGreaterThanOrEqual(61);
    const mark = (await wordBlocksUpTo(desk.db))!;
    expect(mark >= made[59]!).toBe(true);
    const { pulled, created } = wrote!;
    expect(await searchAll('quokka')).toEqual([made[5]]);
    expect(await searchAll('ibex')).toEqual([made[30]]);
    expect(await searchAll('narwhal')).toEqual([pulled]);
    expect(await searchAll('gecko')).toEqual([created]);
    for (const text of ['locker jammed', 'locker', ...TEXTS]) expect(await searchAll(text)).toEqual(await brute(text));
  }, 30_000);

  it('sizes its transactions by how long the last one took, when asked to, and still writes every block', async () => {
    const made = await createTickets(90, (i) => `Badge ${i} expired`);
    const seen: { size: number; ms: number }[] = [];
    // Asked for 3 tickets per read and 7 blocks per write at first, then one more each time.
    const packed = await packWordBlocks(desk.db, { step: 128, minStep: 16, readChunk: 3, writeChunk: 7, pause: noPause, resize: (size, ms) => (seen.push({ size, ms }), size + 1) });
    expect(packed).toBe(90);
    expect(await wordBlocksUpTo(desk.db)).toBe(made[89]);
    // Reads: 3, 4, 5, … tickets; the sizes asked grow as `resize` says.
    const reads = seen.filter((s, i) => i === 0 || s.size > seen[i - 1]!.size).map((s) => s.size);
    expect(reads.slice(0, 4)).toEqual([3, 4, 5, 6]);
    expect(seen.every((s) => s.ms >= 0)).toBe(true);
    for (const text of ['badge expired', 'badge', ...TEXTS]) expect(await searchAll(text)).toEqual(await brute(text));
  }, 30_000);

  it("the first sync's end packs with steps as large as the background packer's, in short transactions", () => {
    expect(HOOK_PACKING.step).toBe(1024);
    expect(HOOK_PACKING.readChunk).toBeLessThan(HOOK_PACKING.step);
    expect(HOOK_PACKING.writeChunk).toBeGreaterThan(0);
  });
});
