import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { registerTicketDerivation } from '../../../../renderer/src/data/repositories/tickets/derive';
import { queuedWordRefreshes, refreshQueuedWords, startWordRefresher } from '../../../../renderer/src/data/repositories/tickets/word-refresh';
import { applyPage } from '../../../../renderer/src/sync/apply';
import type { SyncRecord } from '../../../../shared/sync/protocol';
import type { TicketPatchInput } from '../../../../shared/tickets/schema';
import { localFieldsOf } from '../../../../shared/sync/tables';
import { closeAll, freshDesk, opened } from './setup';

afterEach(closeAll);

let seq = 0;
/** A row of device A as the server would send it: synced fields and their stamps. */
function asRecord(table: string, row: Record<string, unknown>): SyncRecord {
  const local = new Set(localFieldsOf(table));
  const fields = Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'stamps' && !local.has(k)));
  return { table, id: row.id as string, fields, stamps: row.stamps as Record<string, string>, seq: ++seq };
}

/** Device A writes a ticket with a work-log entry; device B is empty and knows the ticket rules. */
async function twoDevices() {
  const a = await freshDesk();
  const created = await a.repos.tickets.create({ type: 'incident', title: 'Printer jam in courtroom', description: 'Tray two grinds', requesterId: a.requester.id, impact: 'low', urgency: 'low', channel: 'phone' });
  if (!created.ok) throw new Error(created.error.message);
  const logged = await a.repos.workLog.add(created.value.ticket.id, { kind: 'internal_note', body: 'Replaced the fuser assembly', minutes: 20 });
  if (!logged.ok) throw new Error(logged.error.message);
  const b = await openDatabase(`words-b-${Math.random().toString(36).slice(2)}`);
  opened.push(b);
  registerTicketDerivation();
  const row = async (table: string, id: string) => (await a.db.table(table).get(id)) as Record<string, unknown>;
  const ticketId = created.value.ticket.id;
  const entryId = (await a.db.table('workLog').where('ticketId').equals(ticketId).first())!.id as string;
  const ticket = () => row('tickets', ticketId);
  /** B pulls the ticket and completes its words; A edits it; B pulls the edit. */
  const pullEditFromA = async (patch: TicketPatchInput) => {
    await applyPage(b, [asRecord('tickets', await ticket())], 'c1');
    await refreshQueuedWords(b, noPause);
    const edited = await a.repos.tickets.edit(ticketId, patch);
    if (!edited.ok) throw new Error(edited.error.message);
    await applyPage(b, [asRecord('tickets', await ticket())], 'c2');
  };
  return { a, b, ticketId, ticket, pullEditFromA, entry: () => row('workLog', entryId), person: () => row('people', a.requester.id) };
}

const noPause = { pause: async () => {} };
const wordsOf = async (db: FieldDeskDb, id: string) => ((await db.table('tickets').get(id)) as { words: string[] }).words;

describe('search words of synced tickets', () => {
  it('stores a pulled ticket with the words at hand, then completes them in the background with a requester and work log that arrive later', async () => {
    const { b, ticketId, ticket, entry, person } = await twoDevices();
    // The ticket arrives first; its requester and work log come in a later page.
    await applyPage(b, [asRecord('tickets', await ticket())], 'c1');
    // Its own text is searchable at once, in the page's one put: nothing is queued for it.
    const own = await wordsOf(b, ticketId);
    expect(own).toEqual(expect.arrayContaining(['printer', 'jam', 'courtroom', 'tray', 'grinds']));
    expect(own).not.toContain('fuser');
    expect(await queuedWordRefreshes(b)).toBe(0);
    await applyPage(b, [asRecord('people', await person()), asRecord('workLog', await entry())], 'c2');
    expect(await queuedWordRefreshes(b)).toBeGreaterThanOrEqual(1);

    const r = await refreshQueuedWords(b, noPause);
    expect(r.changed).toBe(1);
    expect(await wordsOf(b, ticketId)).toEqual(expect.arrayContaining(['printer', 'jam', 'tray', 'fuser', 'assembly', 'ana', 'méndez'.normalize('NFD').replace(/\p{M}/gu, '')]));
    expect(await queuedWordRefreshes(b)).toBe(0);
    // Words are this device's own: nothing is queued to the server.
    expect(await b.outbox.count()).toBe(0);
  });

  it('finds a title changed on another device at once, without the old words', async () => {
    const { b, ticketId, pullEditFromA } = await twoDevices();
    await pullEditFromA({ title: 'Scanner offline' });
    const words = await wordsOf(b, ticketId);
    expect(words).toEqual(expect.arrayContaining(['scanner', 'offline', 'tray']));
    expect(words).not.toContain('printer');
    expect(await queuedWordRefreshes(b)).toBe(0);
  });

  it('gives a pulled ticket its requester and work log in the same put when they are already stored', async () => {
    const { b, ticketId, ticket, entry, person } = await twoDevices();
    await applyPage(b, [asRecord('people', await person()), asRecord('workLog', await entry())], 'c1');
    await refreshQueuedWords(b, noPause); // the entry queued a ticket this device does not hold yet: nothing to do
    await applyPage(b, [asRecord('tickets', await ticket())], 'c2');
    expect(await wordsOf(b, ticketId)).toEqual(expect.arrayContaining(['printer', 'fuser', 'assembly', 'ana']));
    expect(await queuedWordRefreshes(b)).toBe(0);
  });

  it('queues nothing for a pulled ticket whose text did not change', async () => {
    const { b, pullEditFromA } = await twoDevices();
    await pullEditFromA({ assigneeId: 'staff-kim' });
    expect(await queuedWordRefreshes(b)).toBe(0);
  });

  it('resumes an interrupted refresh where it stopped', async () => {
    const a = await freshDesk();
    const ids: string[] = [];
    for (const title of ['Alpha router down', 'Bravo badge reader', 'Charlie case lookup']) {
      const c = await a.repos.tickets.create({ type: 'incident', title, requesterId: a.requester.id, impact: 'low', urgency: 'low', channel: 'phone' });
      if (!c.ok) throw new Error(c.error.message);
      ids.push(c.value.ticket.id);
    }
    const b = await openDatabase(`words-resume-${Math.random().toString(36).slice(2)}`);
    opened.push(b);
    registerTicketDerivation();
    await applyPage(b, await Promise.all(ids.map(async (id) => asRecord('tickets', (await a.db.table('tickets').get(id)) as Record<string, unknown>))), 'c1');
    await applyPage(b, [asRecord('people', (await a.db.table('people').get(a.requester.id)) as Record<string, unknown>)], 'c2');
    // The requester arrived after the tickets: their words lack the name until the refresh.
    expect(await queuedWordRefreshes(b)).toBe(3);
    const stop = new AbortController();
    // One ticket per transaction, stopped after the first: the queue keeps the rest.
    await refreshQueuedWords(b, { chunk: 1, signal: stop.signal, pause: async () => stop.abort() });
    expect(await queuedWordRefreshes(b)).toBe(2);
    await refreshQueuedWords(b, { chunk: 1, pause: async () => {} });
    expect(await queuedWordRefreshes(b)).toBe(0);
    for (const id of ids) expect(await wordsOf(b, id)).toContain('ana');
  });

  it('drains the queue by itself once pulls go quiet', async () => {
    const { b, ticketId, ticket, entry, person } = await twoDevices();
    const stop = startWordRefresher(b, { quietMs: 20 });
    try {
      await applyPage(b, [asRecord('tickets', await ticket()), asRecord('people', await person()), asRecord('workLog', await entry())], 'c1');
      await vi.waitFor(async () => expect(await wordsOf(b, ticketId)).toContain('fuser'), { timeout: 5000, interval: 25 });
      await vi.waitFor(async () => expect(await queuedWordRefreshes(b)).toBe(0), { timeout: 5000, interval: 25 });
    } finally {
      stop();
    }
  });
});
