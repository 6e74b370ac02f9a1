import 'fake-indexeddb/auto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/tickets/schema';
import { waitingOps } from '../../../../renderer/src/sync/pending';
import { closeAll, counts, freshDesk } from './setup';

afterEach(closeAll);

/**
 * The order in which the tickets store's requests are placed and answered,
 * while `watching` is on: "get>" (placed), "get<" (answered), "put>".
 */
let watching: string[] | null = null;
const store = IDBObjectStore.prototype as unknown as Record<'get' | 'put', (...a: unknown[]) => IDBRequest>;
const originals = { get: store.get, put: store.put };
for (const name of ['get', 'put'] as const) {
  const orig = originals[name];
  store[name] = function (this: IDBObjectStore, ...args: unknown[]) {
    const req = orig.apply(this, args);
    if (watching && this.name === 'tickets') {
      const log = watching;
      log.push(`${name}>`);
      req.addEventListener('success', () => log.push(`${name}<`));
    }
    return req;
  };
}
afterAll(() => Object.assign(store, originals));

async function requestOrder<T>(run: () => Promise<T>): Promise<{ result: T; order: string[] }> {
  const order: string[] = [];
  watching = order;
  try {
    return { result: await run(), order };
  } finally {
    watching = null;
  }
}

async function deskWithTicket() {
  const desk = await freshDesk();
  const created = await desk.repos.tickets.create({ title: 'Jury kiosk frozen', requesterId: desk.requester.id });
  if (!created.ok) throw new Error(created.error.message);
  const shown = (await desk.repos.tickets.get(created.value.ticket.id))!;
  return { ...desk, id: shown.id, shown };
}

const historyOf = async (desk: Awaited<ReturnType<typeof freshDesk>>, id: string) =>
  (await desk.db.table('ticketHistory').where('ticketId').equals(id).toArray()).map((e: { field: string; old: unknown; new: unknown }) => [e.field, e.old, e.new]);

describe('a save from the ticket as the screen shows it (seen)', () => {
  it('places its writes before its read answers, and writes what a save from the stored ticket writes', async () => {
    const desk = await deskWithTicket();
    const before = await counts(desk.db);
    const { result, order } = await requestOrder(() => desk.repos.tickets.edit(desk.id, { assigneeId: 'staff-kim' }, { seen: desk.shown }));
    expect(result.ok).toBe(true);
    // The put went out alongside the read, not after its answer.
    expect(order.indexOf('put>')).toBeGreaterThan(-1);
    expect(order.indexOf('put>')).toBeLessThan(order.indexOf('get<'));
    expect((await desk.repos.tickets.get(desk.id))?.assigneeId).toBe('staff-kim');
    expect(await historyOf(desk, desk.id)).toContainEqual(['assigneeId', null, 'staff-kim']);
    expect(await counts(desk.db)).toEqual({ ...before, history: before.history + 1, outbox: before.outbox + 2 });
  });

  it('without a copy, reads first and then writes (the old order)', async () => {
    const desk = await deskWithTicket();
    const { result, order } = await requestOrder(() => desk.repos.tickets.edit(desk.id, { assigneeId: 'staff-kim' }));
    expect(result.ok).toBe(true);
    expect(order.indexOf('get<')).toBeLessThan(order.indexOf('put>'));
  });

  it('runs again from the stored ticket when the copy is out of date, and keeps nothing of the first attempt', async () => {
    const desk = await deskWithTicket();
    // Someone (another window, a sync) assigns it after the screen took its copy.
    expect((await desk.repos.tickets.edit(desk.id, { assigneeId: 'staff-lee' })).ok).toBe(true);
    const before = await counts(desk.db);
    const opsBefore = (await waitingOps(desk.db)).length;

    const { result: r, order } = await requestOrder(() => desk.repos.tickets.edit(desk.id, { assigneeId: 'staff-kim' }, { seen: desk.shown }));
    expect(r.ok).toBe(true);
    // Two attempts: the first, from the copy, was aborted once its read answered.
    expect(order.filter((x) => x === 'put>')).toHaveLength(2);
    // History shows the stored value it replaced, not the copy's: exactly one event for this save.
    const events = (await historyOf(desk, desk.id)).filter(([f]) => f === 'assigneeId');
    expect(events).toEqual([
      ['assigneeId', null, 'staff-lee'],
      ['assigneeId', 'staff-lee', 'staff-kim'],
    ]);
    expect(await counts(desk.db)).toEqual({ ...before, history: before.history + 1, outbox: before.outbox + 2 });
    const ops = await waitingOps(desk.db);
    expect(ops).toHaveLength(opsBefore + 2);
    // The ticket's change carries only what this save changed against the stored ticket.
    const last = ops.filter((o) => o.table === 'tickets').at(-1)!;
    expect(last.fields.assigneeId?.value).toBe('staff-kim');
    expect((await desk.repos.tickets.get(desk.id))?.assigneeId).toBe('staff-kim');
  });

  it("does not let an out-of-date copy decide a refusal: 'nothing changed' on the copy, a change on the stored ticket", async () => {
    const desk = await deskWithTicket();
    const copy: Ticket = { ...desk.shown, assigneeId: 'staff-kim' };
    const r = await desk.repos.tickets.edit(desk.id, { assigneeId: 'staff-kim' }, { seen: copy });
    expect(r.ok).toBe(true);
    expect(await historyOf(desk, desk.id)).toContainEqual(['assigneeId', null, 'staff-kim']);
  });

  it('reports the refusal the stored ticket earns, when the copy would have allowed the save', async () => {
    const desk = await deskWithTicket();
    expect((await desk.repos.tickets.transition(desk.id, 'cancelled')).ok).toBe(true);
    const before = await counts(desk.db);
    const r = await desk.repos.tickets.edit(desk.id, { title: 'Jury kiosk frozen again' }, { seen: desk.shown });
    expect(r.ok).toBe(false);
    expect((await desk.repos.tickets.get(desk.id))?.title).toBe('Jury kiosk frozen');
    expect(await counts(desk.db)).toEqual(before);
  });

  it('a refusal the stored ticket agrees with is reported from the copy, with nothing written', async () => {
    const desk = await deskWithTicket();
    const before = await counts(desk.db);
    const r = await desk.repos.tickets.edit(desk.id, { title: '' }, { seen: desk.shown });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.title).toBeTruthy();
    expect(await counts(desk.db)).toEqual(before);
  });

  it('transitions and escalations take the copy too', async () => {
    const desk = await deskWithTicket();
    const opened = await desk.repos.tickets.transition(desk.id, 'open', {}, { seen: desk.shown });
    expect(opened.ok).toBe(true);
    const shown = (await desk.repos.tickets.get(desk.id))!;
    const up = await desk.repos.tickets.escalate(desk.id, { toLevel: 2, reason: 'Court in session' }, { seen: shown });
    expect(up.ok).toBe(true);
    // A stale copy (still "new", level 0) is caught: the escalation sees the stored ticket.
    const down = await desk.repos.tickets.deEscalate(desk.id, { reason: 'Handled' }, { seen: desk.shown });
    expect(down.ok).toBe(true);
    const now = (await desk.repos.tickets.get(desk.id))!;
    expect([now.status, now.escalationLevel]).toEqual(['open', 1]);
  });
});
