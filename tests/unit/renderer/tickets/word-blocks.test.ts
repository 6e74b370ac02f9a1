import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { markRemote } from '../../../../renderer/src/data/changelog';
import type { TicketRow } from '../../../../renderer/src/data/repositories/tickets/derive';
import { packWordBlocks, patchBlocks, patchLast, startWordPacker, stepBlocks, WORD_BLOCKS, WORD_BLOCKS_UP_TO, wordBlocksUpTo, type WordBlock } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import { queueWordRefresh } from '../../../../renderer/src/data/repositories/tickets/word-refresh';
import { DEFAULT_NOW } from '../../../../shared/sample-data';
import type { FilterContext } from '../../../../shared/tickets/views';
import { searchHelpers } from './search-helpers';
import { closeAll, freshDesk } from './setup';
import { waitingCount } from '../../../../renderer/src/sync/pending';
import { FILL_KEY } from '../../../../renderer/src/sync/state-keys';

/**
 * Search-word blocks in the app's database: the packer, the patches each
 * kind of write adds for a packed ticket, and searches answered through
 * them, checked against every ticket's own words.
 */
let desk: Awaited<ReturnType<typeof freshDesk>>;
const ctx: FilterContext = { meId: 'x', now: DEFAULT_NOW, endOfToday: '2025-06-03T06:59:59.999Z' };
const noPause = async () => {};

beforeAll(async () => {
  desk = await freshDesk();
  const r = await desk.repos.sampleData.load({ tickets: 400, people: 80, workLogEntries: 800, history: false, validate: false });
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(closeAll);

const tickets = () => desk.repos.tables.tickets;
const { searchAll, brute, createTickets } = searchHelpers(() => desk, ctx);

describe('word blocks', () => {
  it('builds one block per word per step, and a patch for each word a ticket gains', () => {
    const rows = [
      { id: 'a1', words: ['jam', 'printer'] },
      { id: 'a2', words: ['printer'], deleted: 1 },
      { id: 'a3', words: ['printer', 'vpn', 'vpn'] },
    ];
    expect(stepBlocks(rows)).toEqual([
      { word: 'jam', last: 'a1', ids: 'a1' },
      { word: 'printer', last: 'a3', ids: 'a1\na3' },
      { word: 'vpn', last: 'a3', ids: 'a3' },
    ]);
    expect(patchBlocks([{ id: 'a1', words: ['jam'] }, undefined], [{ id: 'a1', words: ['jam', 'tray'] }, { id: 'a4', words: ['zoom'] }])).toEqual([
      { word: 'tray', last: patchLast('a1'), ids: 'a1' },
      { word: 'zoom', last: patchLast('a4'), ids: 'a4' },
    ]);
    expect(patchBlocks([{ id: 'a1', words: [] }], [{ id: 'a1', words: ['jam'], deleted: 1 }])).toEqual([]);
  });

  it('packs the tickets in steps, leaves a short tail to the index, and searches find exactly what the words say', async () => {
    const before = await Promise.all(['printer jam', 'court', 'vpn login'].map(searchAll));
    const packed = await packWordBlocks(desk.db, { step: 64, minStep: 16, pause: noPause });
    const ids = (await tickets().orderBy(':id').primaryKeys()) as string[];
    expect(packed).toBeGreaterThan(ids.length - 16);
    const mark = await wordBlocksUpTo(desk.db);
    expect(mark).toBe(ids[packed - 1]);
    expect(desk.db.wordBlockState.upTo).toBe(mark);
    expect(await desk.db.table(WORD_BLOCKS).count()).toBeGreaterThan(100);
    // Nothing more to pack until enough new tickets gather above the mark.
    expect(await packWordBlocks(desk.db, { step: 64, minStep: 16, pause: noPause })).toBe(0);
    for (const [i, text] of ['printer jam', 'court', 'vpn login'].entries()) {
      expect(await searchAll(text)).toEqual(await brute(text));
      expect(await searchAll(text)).toEqual(before[i]);
    }
  });

  it('a packed ticket is found by words it gains from an edit, a work-log entry or a sync, and not by words it lost', async () => {
    const mark = (await wordBlocksUpTo(desk.db))!;
    // Open tickets (closed ones are read-only), all packed.
    const [first, second, third] = ((await tickets().where(':id').belowOrEqual(mark).toArray()) as TicketRow[]).filter((t) => ['new', 'open', 'pending'].includes(t.status));
    expect(third).toBeDefined();

    const edited = await desk.repos.tickets.edit(first!.id, { title: 'Quokka badge reader refuses every card' });
    expect(edited.ok).toBe(true);
    expect(await searchAll('quokka badge')).toEqual([first!.id]);
    expect(await desk.db.table(WORD_BLOCKS).get(['quokka', patchLast(first!.id)])).toMatchObject({ ids: first!.id });
    // A word of the old title is gone from the ticket but still in its step's block: the check on the record turns it down.
    const now = (await tickets().get(first!.id)) as TicketRow;
    const lost = first!.words.find((w) => !now.words.includes(w))!;
    expect(lost).toBeDefined();
    const stale = ((await desk.db.table(WORD_BLOCKS).where('[word+last]').between([lost, ''], [lost, '\uffff']).toArray()) as WordBlock[]).filter((b) => b.ids.split('\n').includes(first!.id));
    expect(stale).toHaveLength(1);
    expect(await searchAll(lost)).toEqual(await brute(lost));
    expect(await searchAll(lost)).not.toContain(first!.id);

    const logged = await desk.repos.workLog.add(second!.id, { kind: 'internal_note', body: 'Swapped the wombat adapter', minutes: 5 });
    expect(logged.ok).toBe(true);
    expect(await searchAll('wombat')).toEqual([second!.id]);

    // A pulled change applies in a transaction marked remote (no change log): the blocks still hear of it.
    await desk.db.transaction('rw', tickets(), async (tx) => {
      markRemote(tx.idbtrans);
      await tickets().put({ ...third!, words: [...third!.words, 'narwhal'].sort() }); // words are kept sorted
    });
    expect(await searchAll('narwhal')).toEqual([third!.id]);
  });

  it('an edit whose word patches are refused as they are made saves nothing, not the ticket without its words', async () => {
    const mark = (await wordBlocksUpTo(desk.db))!;
    const target = ((await tickets().where(':id').belowOrEqual(mark).toArray()) as TicketRow[]).filter((t) => ['new', 'open', 'pending'].includes(t.status))[3]!;
    const outbox = await waitingCount(desk.db);
    const realPut = IDBObjectStore.prototype.put;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === WORD_BLOCKS) throw new DOMException('The blocks refused the patch', 'DataError');
      return realPut.apply(this, args);
    });
    try {
      await expect(desk.repos.tickets.edit(target.id, { title: 'Echidna scanner jams' })).rejects.toThrow(/refused the patch/);
    } finally {
      put.mockRestore();
    }
    expect(((await tickets().get(target.id)) as TicketRow).title).toBe(target.title);
    expect(await waitingCount(desk.db)).toBe(outbox);
    expect(await searchAll('echidna')).toEqual([]);
  });

  it('without the patches a packed ticket would not be found by its new word: the blocks answer below the mark', async () => {
    const mark = (await wordBlocksUpTo(desk.db))!;
    const target = (await tickets().where(':id').belowOrEqual(mark).last()) as TicketRow;
    // Written behind the write path's back (as if it did not know the mark): the index has the word, the blocks do not.
    const state = desk.db.wordBlockState;
    state.upTo = null;
    try {
      await tickets().put({ ...target, words: [...target.words, 'pangolin'].sort() });
    } finally {
      state.upTo = mark;
    }
    expect(await tickets().where('words').equals('pangolin').primaryKeys()).toEqual([target.id]);
    expect(await brute('pangolin')).toEqual([target.id]);
    expect(await searchAll('pangolin')).toEqual([]);
  });

  it('waits while synced tickets are queued for their words, and the write path follows the mark as meta changes', async () => {
    const created = await createTickets(20, (i) => `Kiosk ${i} frozen`);
    await desk.db.transaction('rw', desk.db.syncState, () => queueWordRefresh(desk.db, [created[0]!]));
    expect(await packWordBlocks(desk.db, { step: 64, minStep: 16, pause: noPause })).toBe(0);
    await desk.db.syncState.where('key').startsWith('words-queue:').delete();
    expect(await packWordBlocks(desk.db, { step: 64, minStep: 16, pause: noPause })).toBe(20);
    const found = await searchAll('kiosk frozen');
    expect(found).toEqual(await brute('kiosk frozen'));
    for (const id of created) expect(found).toContain(id);

    // A restore replaces meta (and the blocks) wholesale: the write path's copy of the mark follows.
    const saved = await desk.db.meta.get(WORD_BLOCKS_UP_TO);
    await desk.db.transaction('rw', desk.db.meta, async (tx) => {
      markRemote(tx.idbtrans);
      await desk.db.meta.delete(WORD_BLOCKS_UP_TO);
    });
    expect(desk.db.wordBlockState.upTo).toBeNull();
    await desk.db.meta.put(saved!);
    expect(desk.db.wordBlockState.upTo).toBe(saved!.value);
    const blocks = (await desk.db.table(WORD_BLOCKS).toArray()) as WordBlock[];
    for (const b of blocks.slice(0, 50)) expect(b.ids.split('\n').every((id) => id <= b.last)).toBe(true);
  });

  it('a ticket edited while a step is being packed is still found by its new words', async () => {
    const made = await createTickets(20, (i) => `Turnstile ${i} stuck`);
    // The step reads these tickets, the edit lands before the step writes: its new word is a patch.
    const packing = packWordBlocks(desk.db, { step: 64, minStep: 16, pause: noPause });
    const edited = await desk.repos.tickets.edit(made[7]!, { title: 'Turnstile okapi stuck' });
    expect(edited.ok).toBe(true);
    expect(await packing).toBe(20);
    expect(await wordBlocksUpTo(desk.db)).toBe(made[19]);
    expect(await searchAll('okapi')).toEqual([made[7]]);
  });

  it('the background packer packs soon after tickets are written, and stops when told', async () => {
    const stop = startWordPacker(desk.db, { firstMs: 60_000, settleMs: 20, pack: { step: 64, minStep: 16 } });
    try {
      const made = await createTickets(16, (i) => `Elevator ${i} alarm`);
      await vi.waitFor(async () => expect(await wordBlocksUpTo(desk.db)).toBe(made[15]), { timeout: 3000, interval: 20 });
      expect(await searchAll('elevator alarm')).toEqual(await brute('elevator alarm'));
    } finally {
      stop();
    }
    const mark = await wordBlocksUpTo(desk.db);
    await createTickets(16, (i) => `Escalator ${i} noise`);
    await new Promise((r) => setTimeout(r, 200));
    expect(await wordBlocksUpTo(desk.db)).toBe(mark);
  });

  it('neither the packer nor a pack runs while a first sync fills; the packer packs once the fill state is gone', async () => {
    // A fill in progress (renderer/src/sync/fill.ts): the open tickets are in, the older ones still to come.
    await desk.db.syncState.put({ key: FILL_KEY, value: { tier: 'open', counts: {}, received: {} } });
    const mark = await wordBlocksUpTo(desk.db);
    const stop = startWordPacker(desk.db, { firstMs: 10, settleMs: 20, intervalMs: 60_000, pack: { step: 64, minStep: 16 } });
    try {
      const made = await createTickets(20, (i) => `Scanner ${i} offline`);
      expect(await packWordBlocks(desk.db, { step: 64, minStep: 16, pause: noPause })).toBe(0);
      // Several of the packer's looks (every 20 ms while the fill runs) go by: the mark stays.
      await new Promise((r) => setTimeout(r, 300));
      expect(await wordBlocksUpTo(desk.db)).toBe(mark);
      // The fill ends with a write of syncState alone (its last page may hold no ticket): the packer still wakes.
      await desk.db.syncState.delete(FILL_KEY);
      await vi.waitFor(async () => expect(await wordBlocksUpTo(desk.db)).toBe(made[19]), { timeout: 3000, interval: 20 });
      expect(await searchAll('scanner offline')).toEqual(await brute('scanner offline'));
    } finally {
      stop();
    }
  });

  it('a restore brings its own blocks and mark: restored tickets add no patches, and searches still answer', async () => {
    const db = desk.db;
    const snapshot = new Map<string, unknown[]>();
    for (const table of db.tables) snapshot.set(table.name, await table.toArray());
    const blocks = await db.table(WORD_BLOCKS).count();
    const expected = await brute('printer');
    // The shape of backup-data.ts restore(): one transaction, marked remote, clearing and refilling every table;
    // here the blocks first, so that any patch a restored ticket wrote would remain and be counted.
    const order = [...db.tables].sort((a, b) => Number(b.name === WORD_BLOCKS) - Number(a.name === WORD_BLOCKS));
    await db.transaction('rw', db.tables, async (tx) => {
      markRemote(tx.idbtrans);
      for (const table of order) {
        await table.clear();
        const rows = snapshot.get(table.name);
        if (rows?.length) await table.bulkPut(rows);
      }
    });
    expect(await db.table(WORD_BLOCKS).count()).toBe(blocks);
    expect(db.wordBlockState.upTo).toBe(await wordBlocksUpTo(db));
    expect(await searchAll('printer')).toEqual(expected);
  });
});
