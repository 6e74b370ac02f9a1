import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../../shared/result';
import type { OutboxRow } from '../../../../shared/sync/outbox';
import { saveDirectly } from '../../../../renderer/src/data/direct-save';
import { markRemote } from '../../../../renderer/src/data/changelog';
import { closeAll, counts, deskWithTickets, freshDesk } from '../tickets/setup';

afterEach(closeAll);

const ISO_TIME = /^\d{4}-\d\d-\d\dT/;

/** A change as the server gets it, with what differs by design (ids, times: the test clock moves on each call, stamps) taken out. */
function shapeOf(row: OutboxRow | undefined, ids: Record<string, string>) {
  const plain = (k: string, v: unknown) => (typeof v === 'string' && ids[v] ? ids[v] : k === 'id' ? 'an id' : typeof v === 'string' && ISO_TIME.test(v) ? 'a time' : v);
  return row?.changes.map((c) => ({
    table: c?.table,
    fields: Object.fromEntries(Object.entries(c?.fields ?? {}).map(([k, f]) => [k, plain(k, f.value)])),
    stamped: Object.values(c?.fields ?? {}).every((f) => typeof f.stamp === 'string' && f.stamp.length > 0),
  }));
}

describe('a save placed straight on IndexedDB', () => {
  it('writes and logs what the same edit through Dexie and the change log does', async () => {
    const { db, repos, ids } = await deskWithTickets(2);
    const [direct, viaDexie] = ids as [string, string];
    const tickets = db.table('tickets');
    const history = db.table('ticketHistory');

    const wordsBefore = ((await tickets.get(direct)) as { words: string[] }).words;
    const a = await repos.tickets.edit(direct, { assigneeId: 'staff-kim', tags: ['kiosk', 'jury'] });
    const directRow = await db.outbox.orderBy('seq').last();
    // Inside a transaction the same edit goes through Dexie (and the change-log middleware).
    const b = await db.transaction('rw', [tickets, history], async () => repos.tickets.edit(viaDexie, { assigneeId: 'staff-kim', tags: ['kiosk', 'jury'] }));
    const dexieRow = await db.outbox.orderBy('seq').last();
    expect(a.ok && b.ok).toBe(true);

    // The same change set: the ticket's changed fields and the history events, in the same order, all stamped.
    expect(shapeOf(directRow, { [direct]: 'ticket' })).toEqual(shapeOf(dexieRow, { [viaDexie]: 'ticket' }));
    expect(directRow?.changes.map((c) => c?.table)).toEqual(['tickets', 'ticketHistory', 'ticketHistory']);

    // The stored records match too, down to the derived list keys and which fields carry stamps.
    const [d, v] = (await tickets.bulkGet([direct, viaDexie])) as Record<string, unknown>[];
    const strip = (r: Record<string, unknown>) => {
      // The words carry each ticket's number: compared below.
      const { id: _id, number: _n, words: _w, stamps, ...rest } = r;
      return { ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' && ISO_TIME.test(v) ? 'a time' : v])), stamped: Object.keys(stamps as object).sort() };
    };
    expect(strip(d!)).toEqual(strip(v!));
    expect(d!.words).toEqual(wordsBefore);
    // Each stamp on the record is the one its change carried to the outbox.
    const change = directRow!.changes[0]!;
    for (const [field, f] of Object.entries(change.fields)) expect((d!.stamps as Record<string, string>)[field]).toBe(f.stamp);
    expect(await history.where('ticketId').equals(direct).count()).toBe(await history.where('ticketId').equals(viaDexie).count());
  });

  it('status changes, ratings and priority overrides come out as through Dexie, due times and history included', async () => {
    // Two desks on the same clock: one saves directly, the other inside transactions (so through Dexie).
    const [one, two] = [await freshDesk(), await freshDesk()];
    const run = async (desk: typeof one, wrap: <T>(f: () => Promise<T>) => Promise<T>) => {
      const created = await desk.repos.tickets.create({ title: 'Clerk cannot print minute orders', requesterId: desk.requester.id });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.value.ticket.id;
      const steps: (() => Promise<{ ok: boolean }>)[] = [
        () => desk.repos.tickets.transition(id, 'open'),
        () => desk.repos.tickets.edit(id, { impact: 'high', urgency: 'high' }),
        () => desk.repos.tickets.overridePriority(id, { priority: 'P1', reason: 'Jury waiting' }),
        () => desk.repos.tickets.transition(id, 'pending', { pendingReason: 'waiting_on_vendor' }),
        () => desk.repos.tickets.clearPriorityOverride(id),
        () => desk.repos.tickets.transition(id, 'open'),
      ];
      for (const step of steps) expect((await wrap(step)).ok).toBe(true);
      const row = (await desk.db.table('tickets').get(id)) as Record<string, unknown>;
      const events = (await desk.db.table('ticketHistory').where('ticketId').equals(id).toArray()) as Record<string, unknown>[];
      // Each desk has its own device code (in the number) and its own requester.
      const { id: _id, number, words: _w, requesterId: _r, stamps, ...rest } = row;
      const plain = (v: unknown) => (v === number ? 'the number' : v);
      return { ticket: { ...rest, stamped: Object.keys(stamps as object).sort() }, history: events.map(({ field, old, new: next, at }) => ({ field, old: plain(old), new: plain(next), at })) };
    };
    const tables = (desk: typeof one) => ['tickets', 'ticketHistory', 'slaPolicies', 'calendars'].map((n) => desk.db.table(n));
    const direct = await run(one, (f) => f());
    const viaDexie = await run(two, (f) => two.db.transaction('rw', tables(two), async () => f()));
    expect(direct.ticket).toMatchObject({ status: 'open', priority: 'P1', pendingReason: null });
    expect((direct.ticket as Record<string, unknown>).resolutionDue).toEqual(expect.any(String));
    expect(direct).toEqual(viaDexie);
  });

  it('keeps nothing when a request fails, even after the commit was asked for', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    await repos.tickets.edit(id, { assigneeId: 'staff-kim' });
    const before = await counts(db);
    const existing = (await db.table('ticketHistory').where('ticketId').equals(id).first()) as { id: string };
    const row = (await db.table('tickets').get(id)) as { id: string; assigneeId: string };

    const saving = saveDirectly(db, ['tickets', 'ticketHistory'], async (tx) => {
      tx.write('tickets', 'put', [{ ...row, assigneeId: 'staff-lee' }], [row]);
      // An event id already stored: the add fails as the transaction commits.
      tx.write('ticketHistory', 'add', [{ ...existing }], [undefined]);
      return ok(1);
    });
    await expect(saving).rejects.toThrow();
    expect(((await db.table('tickets').get(id)) as { assigneeId: string }).assigneeId).toBe('staff-kim');
    expect(await counts(db)).toEqual(before);
  });

  it('keeps nothing when the rule refuses after writing, or throws', async () => {
    const { db, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    const before = await counts(db);
    const row = (await db.table('tickets').get(id)) as { id: string; title: string };
    const refused = await saveDirectly(db, ['tickets', 'ticketHistory'], async (tx) => {
      tx.write('tickets', 'put', [{ ...row, title: 'Changed' }], [row]);
      return err('conflict', 'Changed my mind.');
    });
    expect(refused).toEqual(err('conflict', 'Changed my mind.'));
    const thrown = saveDirectly(db, ['tickets', 'ticketHistory'], async (tx) => {
      tx.write('tickets', 'put', [{ ...row, title: 'Changed' }], [row]);
      throw new Error('rule failed');
    });
    await expect(thrown).rejects.toThrow('rule failed');
    expect(((await db.table('tickets').get(id)) as { title: string }).title).toBe('Jury kiosk frozen');
    expect(await counts(db)).toEqual(before);
  });

  it('an edit or a status change made inside a transaction joins it (a save of its own would wait on it for ever), and goes with it', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    const before = await counts(db);
    const stores = ['tickets', 'ticketHistory', 'slaPolicies', 'calendars'].map((n) => db.table(n));
    const undone = db.transaction('rw', stores, async () => {
      const saved = await repos.tickets.edit(id, { assigneeId: 'staff-kim' });
      expect(saved.ok).toBe(true);
      // A status change reads the SLA settings: inside the transaction, through Dexie too.
      const opened = await repos.tickets.transition(id, 'open');
      expect(opened.ok && opened.value.ticket.status).toBe('open');
      throw new Error('the surrounding work failed');
    });
    await expect(undone).rejects.toThrow('the surrounding work failed');
    expect((await db.table('tickets').get(id)) as { assigneeId: string | null; status: string }).toMatchObject({ assigneeId: null, status: 'new' });
    expect(await counts(db)).toEqual(before);
  });

  it('escalations take the direct path too, and a missing ticket is a clear error', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    const up = await repos.tickets.escalate(id, { reason: 'Court in session at 9', toLevel: 2 });
    expect(up.ok && up.value.ticket.escalationLevel).toBe(2);
    expect(((await db.table('tickets').get(id)) as { escalationLevel: number }).escalationLevel).toBe(2);
    const gone = await repos.tickets.edit('no-such-ticket', { assigneeId: 'staff-kim' });
    expect(gone.ok ? null : gone.error.code).toBe('not_found');
  });

  it('on a closed database the edit goes to Dexie, which says so plainly', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    db.close();
    await expect(repos.tickets.edit(ids[0]!, { assigneeId: 'staff-kim' })).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  });

  it('edits a stored row that has no search words at all, as the Dexie path would', async () => {
    const { db, repos, ids } = await deskWithTickets(1);
    const id = ids[0]!;
    const { words: _words, ...row } = (await db.table('tickets').get(id)) as Record<string, unknown>;
    await db.transaction('rw', db.table('tickets'), (tx) => {
      markRemote(tx.idbtrans);
      return db.table('tickets').put(row);
    });
    const saved = await repos.tickets.edit(id, { assigneeId: 'staff-kim' });
    expect(saved.ok).toBe(true);
    expect((await db.table('tickets').get(id)) as Record<string, unknown>).toMatchObject({ assigneeId: 'staff-kim', words: [] });
  });
});
