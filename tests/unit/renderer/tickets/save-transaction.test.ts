import 'fake-indexeddb/auto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { commitPlacedWrites } from '../../../../renderer/src/data/early-commit';
import { WORD_BLOCKS, withoutWordBlocks } from '../../../../renderer/src/data/repositories/tickets/word-blocks';
import { closeAll, counts, freshDesk } from './setup';
import { waitingOps } from '../../../../renderer/src/sync/pending';

afterEach(closeAll);
afterAll(() => {
  proto.transaction = original;
});

type Seen = { stores: string[]; mode: string; committedEarly: boolean };
let watching: Seen[] | null = null;
// Dexie binds IDBDatabase#transaction when a database opens, so the spy is in place before any opens.
const proto = IDBDatabase.prototype as unknown as { transaction: (...a: unknown[]) => IDBTransaction };
const original = proto.transaction;
proto.transaction = function (this: IDBDatabase, ...args: unknown[]) {
  const trans = original.apply(this, args);
  if (watching) {
    const seen: Seen = { stores: [...(trans.objectStoreNames as unknown as Iterable<string>)].sort(), mode: trans.mode, committedEarly: false };
    watching.push(seen);
    const commit = trans.commit.bind(trans);
    trans.commit = () => {
      seen.committedEarly = true;
      commit();
    };
  }
  return trans;
};

/** Every transaction opened while `run` runs: its stores, and whether it was committed before its requests answered. */
async function watchTransactions<T>(run: () => Promise<T>): Promise<{ result: T; opened: Seen[] }> {
  const opened: Seen[] = [];
  watching = opened;
  try {
    return { result: await run(), opened };
  } finally {
    watching = null;
  }
}

describe('a single-ticket save', () => {
  it('takes only the stores its change needs and commits as soon as its writes are placed', async () => {
    const { db, repos, requester } = await freshDesk();
    const created = await repos.tickets.create({ title: 'Jury kiosk frozen', requesterId: requester.id });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.ticket.id;
    const before = await counts(db);
    const rowsBefore = await db.outbox.count();

    const assign = await watchTransactions(() => repos.tickets.edit(id, { assigneeId: 'staff-kim' }));
    expect(assign.result.ok).toBe(true);
    // The directory comes too, read only: the history records the assignee's name of the time.
    expect(assign.opened.filter((t) => t.mode === 'readwrite')).toEqual([{ stores: ['outbox', 'people', 'ticketHistory', 'tickets'], mode: 'readwrite', committedEarly: true }]);
    // All of it was written: the record, one history event, and a change for each.
    expect((await repos.tickets.get(id))?.assigneeId).toBe('staff-kim');
    expect(await counts(db)).toEqual({ ...before, history: before.history + 1, outbox: before.outbox + 2 });
    // Both changes share one outbox row, placed before the early commit (placed after it, the save would fail).
    expect(await db.outbox.count()).toBe(rowsBefore + 1);
    const row = await db.outbox.orderBy('seq').last();
    expect(row?.changes.map((c) => c?.table)).toEqual(['tickets', 'ticketHistory']);

    // A title can change the search words: the blocks, the work log and the directory come too.
    const retitle = await watchTransactions(() => repos.tickets.edit(id, { title: 'Jury kiosk frozen at check-in' }));
    expect(retitle.result.ok).toBe(true);
    expect(retitle.opened.filter((t) => t.mode === 'readwrite')[0]?.stores).toEqual(['outbox', 'people', 'ticketHistory', 'tickets', 'wordBlocks', 'workLog']);
    expect(retitle.opened.filter((t) => t.mode === 'readwrite')[0]?.committedEarly).toBe(true);
  });

  it('a refused save commits nothing early and leaves nothing behind', async () => {
    const { db, repos, requester } = await freshDesk();
    const created = await repos.tickets.create({ title: 'Printer offline', requesterId: requester.id });
    if (!created.ok) throw new Error(created.error.message);
    const before = await counts(db);
    const same = await watchTransactions(() => repos.tickets.edit(created.value.ticket.id, { title: 'Printer offline' }));
    expect(same.result.ok).toBe(false);
    expect(same.opened.every((t) => !t.committedEarly)).toBe(true);
    const tooLong = await repos.tickets.edit(created.value.ticket.id, { title: 'x'.repeat(100_000) });
    expect(tooLong.ok).toBe(false);
    expect(await counts(db)).toEqual(before);
  });

  it('does not commit while a write still waits on a read, and that write is kept', async () => {
    const { db, repos, requester } = await freshDesk();
    const created = await repos.tickets.create({ title: 'Scanner jams', requesterId: requester.id });
    if (!created.ok) throw new Error(created.error.message);
    const row = (await db.table('tickets').get(created.value.ticket.id)) as Record<string, unknown>;
    let early: boolean | null = null;
    await db.transaction('rw', [db.table('tickets'), db.outbox], async () => {
      // Not read in this transaction: the change log reads the stored row before it places the write.
      const put = db.table('tickets').put({ ...row, assigneeId: 'staff-lee' });
      early = commitPlacedWrites();
      await put;
    });
    expect(early).toBe(false);
    expect(((await db.table('tickets').get(created.value.ticket.id)) as { assigneeId: string }).assigneeId).toBe('staff-lee');
    expect((await waitingOps(db)).at(-1)?.fields).toHaveProperty('assigneeId');
  });

  it('a write opened without the blocks store that gains words after all is refused whole, never saved unfindable', async () => {
    const { db, repos, requester } = await freshDesk();
    const created = await repos.tickets.create({ title: 'Badge reader offline', requesterId: requester.id });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.ticket.id;
    // As if packed: the ticket is at or below the blocks' mark, so new words must reach the blocks.
    db.wordBlockState.upTo = id;
    const before = await counts(db);
    const tickets = db.table('tickets');
    const opened = await watchTransactions(() =>
      withoutWordBlocks(() =>
        db.transaction('rw', [tickets, db.table('ticketHistory')], async () => {
          const row = (await tickets.get(id)) as { words: string[] };
          await tickets.put({ ...row, words: [...row.words, 'lobby'] });
        }),
      ).then(
        () => 'saved',
        (e: Error) => e.message,
      ),
    );
    expect(opened.result).toMatch(/adds search words.*nothing was saved/);
    expect(opened.opened.find((t) => t.mode === 'readwrite')?.stores).not.toContain(WORD_BLOCKS);
    expect(await counts(db)).toEqual(before);
    expect((await tickets.get(id)).words).not.toContain('lobby');
  });
});

describe('the ticket actions', () => {
  it('each lock just the ticket, its history and the SLA settings they read, and commit early', async () => {
    const { repos, requester } = await freshDesk();
    const created = await repos.tickets.create({ title: 'Clerk cannot print minute orders', requesterId: requester.id });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.ticket.id;
    const sla = ['calendars', 'outbox', 'slaPolicies', 'ticketHistory', 'tickets'];
    const plain = ['outbox', 'ticketHistory', 'tickets'];
    const steps: [string, () => Promise<{ ok: boolean }>, string[]][] = [
      ['open', () => repos.tickets.transition(id, 'open'), sla],
      ['escalate', () => repos.tickets.escalate(id, { reason: 'Court in session at 9', toLevel: 2 }), plain],
      ['de-escalate', () => repos.tickets.deEscalate(id, { reason: 'Workaround in place', toLevel: 1 }), plain],
      ['override priority', () => repos.tickets.overridePriority(id, { priority: 'P1', reason: 'Jury waiting' }), sla],
      ['clear override', () => repos.tickets.clearPriorityOverride(id), sla],
      ['pending', () => repos.tickets.transition(id, 'pending', { pendingReason: 'waiting_on_requester' }), sla],
    ];
    for (const [what, step, stores] of steps) {
      const seen = await watchTransactions(step);
      expect(seen.result.ok, what).toBe(true);
      expect(seen.opened.filter((t) => t.mode === 'readwrite'), what).toEqual([{ stores, mode: 'readwrite', committedEarly: true }]);
    }
    const history = (await repos.tables.history.where('ticketId').equals(id).toArray()).map((h) => h.field);
    expect(history).toEqual(expect.arrayContaining(['status', 'escalationLevel', 'priority', 'pendingReason']));
  });
});
