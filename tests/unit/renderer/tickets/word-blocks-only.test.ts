import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRemote } from '../../../../renderer/src/data/changelog';
import type { TicketRow } from '../../../../renderer/src/data/repositories/tickets/derive';
import { planWindow, ticketQueries, type TicketQuery } from '../../../../renderer/src/data/repositories/tickets/query';
import { packWordBlocks, startWordPacker, WORDS_INDEX_PARTIAL, WORDS_TO_PACK, wordBlocksUpTo, withIndexedWords } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import { queueWordRefresh, refreshQueuedWords } from '../../../../renderer/src/data/repositories/tickets/word-refresh';
import { DEFAULT_NOW } from '../../../../shared/sample-data';
import { matchesFilter, type FilterContext } from '../../../../shared/tickets/views';
import { closeAll, freshDesk } from './setup';

/**
 * Tickets whose words are kept out of the `words` index (`blockWords`: what
 * the last tier of a first sync stores, word-blocks.ts): the packer puts every
 * one of them in the blocks, short step included; searches then find exactly
 * what each ticket's words say, a broad prefix too; an edit or a work-log entry
 * keeps the ticket found. Checked against every ticket's words, read as the
 * screens read them.
 */
let desk: Awaited<ReturnType<typeof freshDesk>>;
const ctx: FilterContext = { meId: 'x', now: DEFAULT_NOW, endOfToday: '2025-06-03T06:59:59.999Z' };
const noPause = async () => {};
const TEXTS = ['printer jam', 'court', 'vpn login', 'pri', 'a', 'jam', 'e', 'reset password'];

let outOfIndex: string[] = [];

beforeAll(async () => {
  desk = await freshDesk();
  const r = await desk.repos.sampleData.load({ tickets: 300, people: 60, workLogEntries: 600, history: false, validate: false });
  if (!r.ok) throw new Error(r.error.message);
  // Every closed or resolved ticket as the last tier of a first sync stores it (derive.ts): its words as `blockWords`.
  const all = (await tickets().toArray()) as TicketRow[];
  const kept = all.filter((t) => !['new', 'open', 'pending'].includes(t.status));
  outOfIndex = kept.map((t) => t.id);
  await desk.db.transaction('rw', [tickets(), desk.db.meta], async (tx) => {
    markRemote(tx.idbtrans);
    await tickets().bulkPut(kept.map(({ words, ...row }) => ({ ...row, blockWords: words })) as unknown as TicketRow[]);
    await desk.db.meta.bulkPut([
      { key: WORDS_TO_PACK, value: true },
      { key: WORDS_INDEX_PARTIAL, value: true },
    ]);
  });
  desk.db.wordBlockState.partial = true;
});
afterAll(closeAll);

const tickets = () => desk.repos.tables.tickets;
const search = (text: string, statuses?: TicketQuery['filter']['statuses']): TicketQuery => ({ filter: { text, ...(statuses ? { statuses } : {}) }, sort: [{ key: 'updatedAt', dir: 'desc' }] });

async function searchAll(q: TicketQuery): Promise<string[]> {
  const queries = ticketQueries(desk.repos.tables);
  const plan = await queries.plan(q, ctx);
  const ids: string[] = [];
  for (let start = 0; ; start += 100) {
    const w = await planWindow(queries, plan, q, ctx, start, start + 100);
    ids.push(...w.rows.map((r) => r.id));
    if (!w.hasMore) break;
  }
  return ids.sort();
}

const brute = async (q: TicketQuery) =>
  ((await tickets().toArray()) as TicketRow[])
    .filter((t) => matchesFilter(t, q.filter, ctx))
    .map((t) => t.id)
    .sort();

/** The row as stored, without Dexie's reading hook. */
const rawRow = (id: string): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const r = desk.db.backendDB().transaction('tickets', 'readonly').objectStore('tickets').get(id);
    r.onsuccess = () => resolve(r.result as Record<string, unknown>);
    r.onerror = () => reject(r.error ?? new Error('read failed'));
  });

/** The ids the `words` index holds for one word, read directly. */
const indexedIds = (word: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const r = desk.db.backendDB().transaction('tickets', 'readonly').objectStore('tickets').index('words').getAllKeys(word);
    r.onsuccess = () => resolve((r.result as string[]).sort());
    r.onerror = () => reject(r.error ?? new Error('read failed'));
  });

describe('tickets whose words only the blocks hold', () => {
  it('read as any other ticket: `words` from `blockWords`, and the index holds none of their words', async () => {
    expect(outOfIndex.length).toBeGreaterThan(100);
    const id = outOfIndex[0]!;
    const raw = await rawRow(id);
    expect(raw.words).toBeUndefined();
    expect(Array.isArray(raw.blockWords)).toBe(true);
    const read = (await tickets().get(id)) as TicketRow;
    expect(read.words).toEqual(raw.blockWords);
    expect(withIndexedWords({ id: 'x', words: ['a'], blockWords: ['b'] })).toEqual({ id: 'x', words: ['a'], blockWords: ['b'] });
    const word = read.words.find((w) => w.length > 3)!;
    expect(await indexedIds(word)).not.toContain(id);
  });

  it('are all packed, a short last step too, and the pack then clears what it had to do', async () => {
    const packed = await packWordBlocks(desk.db, { step: 64, minStep: 64, pause: noPause });
    const ids = (await tickets().orderBy(':id').primaryKeys()) as string[];
    // Without `wordsToPack` a step below 64 tickets would wait above the mark; with it every ticket is packed.
    expect(ids.length % 64).not.toBe(0);
    expect(packed).toBe(ids.length);
    expect(await wordBlocksUpTo(desk.db)).toBe(ids[ids.length - 1]);
    expect(await desk.db.meta.get(WORDS_TO_PACK)).toBeUndefined();
    expect(await desk.db.meta.get(WORDS_INDEX_PARTIAL)).toBeDefined();
    expect(await packWordBlocks(desk.db, { step: 64, minStep: 64, pause: noPause })).toBe(0);
  });

  it('are found by every search exactly as their words say: words, prefixes, broad prefixes, two words, with a status filter', async () => {
    let findsKept = 0;
    for (const text of TEXTS) {
      const expected = await brute(search(text));
      expect(await searchAll(search(text)), text).toEqual(expected);
      if (expected.some((id) => outOfIndex.includes(id))) findsKept++;
      expect(await searchAll(search(text, ['closed', 'resolved'])), `${text}, closed`).toEqual(await brute(search(text, ['closed', 'resolved'])));
    }
    // The searches reach tickets kept out of the index (a search that missed them would differ from the check above).
    expect(findsKept).toBeGreaterThanOrEqual(TEXTS.length - 2);
  });

  it('an edit writes the words back to the index, and the ticket is found by its new and its kept words', async () => {
    const open = (await tickets().where(':id').anyOf(outOfIndex).toArray()) as TicketRow[];
    // Closed tickets are read-only to edits; reopen one the way a technician would, then edit it.
    const target = open.find((t) => t.status === 'resolved') ?? open[0]!;
    const reopened = await desk.repos.tickets.edit(target.id, { title: 'Capybara kiosk frozen at login' });
    if (!reopened.ok) {
      // A closed ticket refuses edits: a pulled change stands in for one (the same write path below the mark).
      await desk.db.transaction('rw', tickets(), async (tx) => {
        markRemote(tx.idbtrans);
        const row = (await tickets().get(target.id)) as TicketRow;
        await tickets().put({ ...row, words: [...row.words, 'capybara'].sort() });
      });
    }
    expect(await searchAll(search('capybara'))).toEqual([target.id]);
    const raw = await rawRow(target.id);
    expect(Array.isArray(raw.words)).toBe(true);
    expect(await indexedIds('capybara')).toEqual([target.id]);
    const kept = (raw.words as string[]).find((w) => w.length > 4 && w !== 'capybara')!;
    expect(await searchAll(search(kept))).toContain(target.id);
  });

  it('a work-log entry that arrives later keeps the ticket out of the index, and the blocks find it by the entry', async () => {
    let id = '';
    for (const x of outOfIndex) if ((await rawRow(x)).words === undefined) id ||= x;
    const ticket = (await tickets().get(id)) as TicketRow;
    await desk.db.transaction('rw', [desk.db.table('workLog'), desk.db.syncState], async (tx) => {
      markRemote(tx.idbtrans);
      await desk.db.table('workLog').put({ id: '01900000-0000-7000-8000-00000000beef', ticketId: id, kind: 'internal_note', body: 'Replaced the pangolin cable', minutes: 5, authorId: ticket.createdBy, at: ticket.updatedAt, createdAt: ticket.updatedAt, updatedAt: ticket.updatedAt, stamps: {}, deleted: 0 });
      await queueWordRefresh(desk.db, [id]);
    });
    const done = await refreshQueuedWords(desk.db, { pause: noPause });
    expect(done.changed).toBe(1);
    const raw = await rawRow(id);
    expect(raw.words).toBeUndefined();
    expect(raw.blockWords).toContain('pangolin');
    expect(await searchAll(search('pangolin'))).toEqual([id]);
  });

  it('interrupted before it packed them (the app closed after the first sync), the background packer packs them at the next start', async () => {
    // As the last tier leaves it: new tickets above the mark with their words kept out of the index.
    const newest = ((await tickets().orderBy(':id').last()) as TicketRow).id;
    const late = ((await tickets().where(':id').anyOf(outOfIndex).limit(3).toArray()) as TicketRow[]).map((t, i) => ({
      ...t,
      id: `${newest.slice(0, -2)}f${i}`,
      number: `${t.number}-late${i}`,
      title: `Axolotl scanner ${i}`,
      words: undefined,
      blockWords: [...t.words, 'axolotl'].sort(),
    }));
    expect(late.every((t) => t.id > newest)).toBe(true);
    await desk.db.transaction('rw', [tickets(), desk.db.meta], async (tx) => {
      markRemote(tx.idbtrans);
      await tickets().bulkPut(late as unknown as TicketRow[]);
      await desk.db.meta.put({ key: WORDS_TO_PACK, value: true });
    });
    // Above the mark and out of the index: nothing finds them yet.
    expect(await searchAll(search('axolotl'))).toEqual([]);
    const stop = startWordPacker(desk.db, { firstMs: 0, intervalMs: 60_000 });
    try {
      await expect.poll(async () => (await desk.db.meta.get(WORDS_TO_PACK)) === undefined, { timeout: 5000 }).toBe(true);
    } finally {
      stop();
    }
    expect(await wordBlocksUpTo(desk.db)).toBe(late[2]!.id);
    expect(await searchAll(search('axolotl'))).toEqual(late.map((t) => t.id).sort());
  });
});
