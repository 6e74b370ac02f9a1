import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import { registerTicketDerivation } from '../../../../renderer/src/data/repositories/tickets/derive';
import { refreshQueuedWords } from '../../../../renderer/src/data/repositories/tickets/word-refresh';
import Dexie from 'dexie';
import { APPLY_BUDGET_MS, APPLY_CHUNK_MAX, APPLY_CHUNK_MIN, APPLY_IDLE_AFTER_MS, APPLY_IDLE_BUDGET_MS, applyPage, chunkBudget, nextChunkSize } from '../../../../renderer/src/sync/apply';
import { waitingOps } from '../../../../renderer/src/sync/pending';
import { CURSOR_KEY, FILL_KEY, quarantineKey, shadowKey } from '../../../../renderer/src/sync/state-keys';
import type { SyncRecord } from '../../../../shared/sync/protocol';
import { localFieldsOf } from '../../../../shared/sync/tables';
import { closeAll, freshDesk } from '../tickets/setup';

/**
 * A pulled page is applied in small write transactions (apply.ts), its
 * cursor and the fill's state in the last: a page cut after some chunks is
 * pulled again from the old cursor and applied again, and must end exactly as
 * one applied whole; a user's write waits for one chunk, not the page.
 */

afterEach(closeAll);
registerTicketDerivation();

let seq = 0;
function asRecord(table: string, row: Record<string, unknown>): SyncRecord {
  const local = new Set(localFieldsOf(table));
  const fields = Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'stamps' && !local.has(k)));
  return { table, id: row.id as string, fields, stamps: row.stamps as Record<string, string>, seq: ++seq };
}

/**
 * Device A's tickets, work log and requester as one page, in an order that
 * spreads them over chunks of 3: tickets first (their work log arrives in a
 * later chunk and queues them for words), then the requester, then the
 * entries, and one record that fails its schema (held back in quarantine).
 */
async function sourcePage(): Promise<{ page: SyncRecord[]; ticketIds: string[] }> {
  const a = await freshDesk();
  const ticketIds: string[] = [];
  for (let i = 0; i < 8; i++) {
    const made = await a.repos.tickets.create({ type: 'incident', title: `Jury kiosk ${i} frozen`, description: 'Touch screen stops answering', requesterId: a.requester.id, impact: 'low', urgency: 'low', channel: 'phone' });
    if (!made.ok) throw new Error(made.error.message);
    ticketIds.push(made.value.ticket.id);
    const logged = await a.repos.workLog.add(made.value.ticket.id, { kind: 'internal_note', body: `Reseated cable number ${i}`, minutes: 5 });
    if (!logged.ok) throw new Error(logged.error.message);
  }
  const rows = async (table: string) => (await a.db.table(table).toArray()) as Record<string, unknown>[];
  const tickets = (await rows('tickets')).map((r) => asRecord('tickets', r));
  const bad = { ...tickets[0]!, id: 'bad-ticket', fields: { ...tickets[0]!.fields, id: 'bad-ticket', title: 42 } };
  const page = [...tickets, bad, ...(await rows('people')).map((r) => asRecord('people', r)), ...(await rows('workLog')).map((r) => asRecord('workLog', r))];
  return { page, ticketIds };
}

type Row = Record<string, unknown> & { id: string };

/** The page's records, words sorted, with each ticket's stamps of `ignoreStamps` left out (a local edit's stamp is the device's own). */
async function contents(db: FieldDeskDb, page: readonly SyncRecord[], ignoreStamps: readonly string[] = []): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of ['tickets', 'people', 'workLog']) {
    // The page's records (each desk has a requester of its own besides).
    const rows = ((await db.table(table).bulkGet(page.filter((r) => r.table === table).map((r) => r.id))) as (Row | undefined)[]).filter((r): r is Row => r !== undefined);
    out[table] = rows
      .map((r) => {
        const stamps = { ...(r.stamps as Record<string, string>) };
        for (const f of ignoreStamps) delete stamps[f];
        return { ...r, stamps, ...(Array.isArray(r.words) ? { words: [...(r.words as string[])].sort() } : {}) };
      })
      .sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  out.quarantined = (await db.syncState.get(quarantineKey('tickets', 'bad-ticket')))?.value !== undefined;
  return out;
}

const noPause = async () => {};
const fillState = { put: [{ key: FILL_KEY, value: { tier: 'rest', counts: {}, received: {} } }] };

describe('a pulled page in chunks', () => {
  it('cut after its 2nd chunk and applied again from the old cursor, ends with the same records, words and quarantine as uncut, also with a local edit in between', async () => {
    const { page, ticketIds } = await sourcePage();
    expect(page.length).toBeGreaterThan(12);

    const uncut = await freshDesk();
    await applyPage(uncut.db, page, 'c1', undefined, fillState, { chunk: 3, pause: noPause });
    await refreshQueuedWords(uncut.db, { pause: noPause });

    const cut = await freshDesk();
    await cut.db.syncState.put({ key: CURSOR_KEY, value: 'c0' });
    const stop = new AbortController();
    let chunks = 0;
    const cutAfterSecond = async () => {
      if (++chunks === 2) stop.abort();
    };
    await expect(applyPage(cut.db, page, 'c1', undefined, fillState, { chunk: 3, pause: cutAfterSecond, signal: stop.signal })).rejects.toThrow('Sync stopped');
    // Two chunks are in, without the page's cursor or fill state: the next pull asks for the page again.
    expect((await cut.db.syncState.get(CURSOR_KEY))?.value).toBe('c0');
    expect(await cut.db.syncState.get(FILL_KEY)).toBeUndefined();
    expect(await cut.db.table('tickets').count()).toBe(6);
    await applyPage(cut.db, page, 'c1', undefined, fillState, { chunk: 3, pause: noPause });
    expect((await cut.db.syncState.get(CURSOR_KEY))?.value).toBe('c1');
    expect(await cut.db.syncState.get(FILL_KEY)).toBeDefined();
    await refreshQueuedWords(cut.db, { pause: noPause });
    expect(await contents(cut.db, page)).toEqual(await contents(uncut.db, page));

    // The same with a local edit of a ticket from the first chunk, made before the page is applied again: it is kept
    // (pending, the server's value shadowed) and the device ends as one that applied the page whole and then edited.
    const edited = await freshDesk();
    const stop2 = new AbortController();
    let chunks2 = 0;
    await expect(applyPage(edited.db, page, 'c1', undefined, fillState, { chunk: 3, pause: async () => void (++chunks2 === 2 && stop2.abort()), signal: stop2.signal })).rejects.toThrow();
    const edit = await edited.repos.tickets.edit(ticketIds[0]!, { title: 'Jury kiosk okapi frozen' });
    expect(edit.ok).toBe(true);
    await applyPage(edited.db, page, 'c1', undefined, fillState, { chunk: 3, pause: noPause });
    await refreshQueuedWords(edited.db, { pause: noPause });
    const editedAfter = await uncut.repos.tickets.edit(ticketIds[0]!, { title: 'Jury kiosk okapi frozen' });
    expect(editedAfter.ok).toBe(true);
    const local = await edited.db.table('tickets').get(ticketIds[0]!);
    expect(local.title).toBe('Jury kiosk okapi frozen');
    expect(local.words).toContain('okapi');
    // The edit's stamp sorts after the server's: its push wins there, and settling keeps it.
    const server = page.find((r) => r.id === ticketIds[0])!;
    expect(local.stamps.title > server.stamps.title!).toBe(true);
    expect((await edited.db.syncState.get(shadowKey('tickets', ticketIds[0]!)))?.value).toMatchObject({ title: { value: server.fields.title, stamp: server.stamps.title } });
    expect((await waitingOps(edited.db)).some((op) => op.id === ticketIds[0] && 'title' in op.fields)).toBe(true);
    // Everything but the edit's own stamps (and the history the edit wrote, which is the device's) is alike.
    const editStamps = Object.keys((await waitingOps(edited.db)).find((op) => op.id === ticketIds[0])!.fields);
    expect(await contents(edited.db, page, editStamps)).toEqual(await contents(uncut.db, page, editStamps));
  });

  it("a user's write submitted while a page applies commits before the page's last chunk", async () => {
    const { page } = await sourcePage();
    const desk = await freshDesk();
    const chunkCount = Math.ceil(page.length / 2);
    let chunksDone = 0;
    let committedAfter = -1;
    let write: Promise<unknown> | undefined;
    const pause = async () => {
      chunksDone++;
      // Submitted as the first chunk commits, while the page still has many to go.
      write ??= (async () => {
        const made = await desk.repos.tickets.create({ type: 'incident', title: 'Courtroom printer jam', description: 'Tray two', requesterId: desk.requester.id, impact: 'low', urgency: 'low', channel: 'phone' });
        if (!made.ok) throw new Error(made.error.message);
        committedAfter = chunksDone;
      })();
      await new Promise((r) => setTimeout(r, 0));
    };
    await applyPage(desk.db, page, 'c1', undefined, fillState, { chunk: 2, pause });
    await write;
    expect(chunkCount).toBeGreaterThan(5);
    expect(committedAfter).toBeGreaterThan(0);
    expect(committedAfter).toBeLessThan(chunkCount - 1);
  });

  it('sizes its chunks to the time budget: more records when a chunk commits early, fewer when late, at most doubling or halving, within bounds', () => {
    expect(nextChunkSize(40, APPLY_BUDGET_MS)).toBe(40);
    expect(nextChunkSize(40, APPLY_BUDGET_MS / 4)).toBe(80); // would be 160: doubled at most
    expect(nextChunkSize(40, APPLY_BUDGET_MS * 1.25)).toBe(32);
    expect(nextChunkSize(40, APPLY_BUDGET_MS * 10)).toBe(20); // one slow commit (a GC) halves it, no more
    expect(nextChunkSize(APPLY_CHUNK_MIN, 500)).toBe(APPLY_CHUNK_MIN);
    expect(nextChunkSize(APPLY_CHUNK_MAX, 0)).toBe(APPLY_CHUNK_MAX);
    // Bigger chunks while nobody reads or saves.
    expect(chunkBudget(0)).toBe(APPLY_BUDGET_MS);
    expect(chunkBudget(APPLY_IDLE_AFTER_MS - 1)).toBe(APPLY_BUDGET_MS);
    expect(chunkBudget(APPLY_IDLE_AFTER_MS)).toBe(APPLY_IDLE_BUDGET_MS);
    expect(nextChunkSize(40, APPLY_BUDGET_MS, APPLY_IDLE_BUDGET_MS)).toBe(80);
  });

  it("commits a page's chunks with relaxed durability (a pulled page can be pulled again), and the user's writes stay strict", async () => {
    const { page } = await sourcePage();
    const desk = await freshDesk();
    const seen: (string | undefined)[] = [];
    const watch = (tx: unknown) => seen.push((tx as unknown as { chromeTransactionDurability?: string } | undefined)?.chromeTransactionDurability);
    const pause = async () => {
      await desk.db.transaction('rw', desk.db.meta, async () => watch(Dexie.currentTransaction));
    };
    await desk.db.relaxed(() => desk.db.transaction('rw', desk.db.meta, async () => watch(Dexie.currentTransaction)));
    expect(seen).toEqual(['relaxed']);
    seen.length = 0;
    await applyPage(desk.db, page.slice(0, 4), 'c1', undefined, fillState, { chunk: 2, pause });
    // The pause runs between the chunks, outside them: the user's transaction there is strict.
    expect(seen).toEqual(['strict']);
    // Each chunk's transaction begins through relaxed(), and inside it the transaction is relaxed.
    const relaxed = vi.spyOn(desk.db, 'relaxed');
    seen.length = 0;
    const begin = desk.db.transaction.bind(desk.db) as (...args: unknown[]) => unknown;
    vi.spyOn(desk.db, 'transaction').mockImplementation(((...args: unknown[]) => {
      const scope = args.pop() as (tx: unknown) => unknown;
      return begin(...args, async (tx: unknown) => {
        watch(tx);
        return await scope(tx);
      });
    }) as never);
    await applyPage(desk.db, page.slice(0, 6), 'c2', undefined, fillState, { chunk: 2, pause: noPause });
    expect(relaxed).toHaveBeenCalledTimes(3);
    expect(seen).toEqual(['relaxed', 'relaxed', 'relaxed']);
  });
});
