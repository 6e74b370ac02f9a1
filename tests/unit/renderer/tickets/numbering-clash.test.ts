import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ticketRepositories } from '../../../../renderer/src/data/repositories/tickets';
import { applyPage } from '../../../../renderer/src/sync/apply';
import type { SyncRecord } from '../../../../shared/sync/protocol';
import { localFieldsOf } from '../../../../shared/sync/tables';
import { closeAll, freshDesk } from './setup';

afterEach(closeAll);

let seq = 0;
/** A ticket row of one device as the server sends it to another: synced fields and stamps. */
function asRecord(row: Record<string, unknown>): SyncRecord {
  const local = new Set(localFieldsOf('tickets'));
  const fields = Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'stamps' && !local.has(k)));
  return { table: 'tickets', id: row.id as string, fields, stamps: row.stamps as Record<string, string>, seq: ++seq };
}

const codeOf = (n: string) => n.slice(0, n.indexOf('-'));

/**
 * Two laptops numbering with the same code, as after a backup of one is
 * restored on the other while the first stays in use (the numbering state
 * travels in meta), or when two device ids hash to one code.
 */
async function twoDevicesOneCode() {
  const a = await freshDesk();
  const b = await freshDesk();
  const first = await a.repos.tickets.create({ title: 'Jury kiosk frozen', requesterId: a.requester.id });
  if (!first.ok) throw new Error(first.error.message);
  const code = codeOf(first.value.ticket.number);
  await b.db.meta.put({ key: 'ticketNumbering', value: { code, seq: 0 } });
  const clashing = await b.repos.tickets.create({ title: 'Clerk cannot print minute orders', requesterId: b.requester.id });
  if (!clashing.ok) throw new Error(clashing.error.message);
  const row = async (id: string) => (await a.db.table('tickets').get(id)) as Record<string, unknown>;
  return { a, b, code, first: first.value.ticket, clashing: clashing.value.ticket, row };
}

describe('a ticket-number clash learnt by sync', () => {
  it('makes the device number with a code no ticket it holds uses, from the next ticket on', async () => {
    const { b, code, first, clashing, row } = await twoDevicesOneCode();
    expect(clashing.number).toBe(first.number);
    await applyPage(b.db, [asRecord(await row(first.id))], 'c1');
    const next = await b.repos.tickets.create({ title: 'Court reporter laptop will not dock', requesterId: b.requester.id });
    if (!next.ok) throw new Error(next.error.message);
    const newCode = codeOf(next.value.ticket.number);
    expect(newCode).not.toBe(code);
    expect(next.value.ticket.number).toBe(`${newCode}-00001`);
    // The numbers already issued stay: both tickets keep theirs.
    const numbers = ((await b.db.table('tickets').toArray()) as { number: string }[]).map((t) => t.number).sort();
    expect(numbers).toEqual([first.number, first.number, next.value.ticket.number].sort());
  });

  it('leaves the code alone for its own tickets coming back, and for other devices’ codes', async () => {
    const { a, b, code } = await twoDevicesOneCode();
    // B's own ticket, pushed and pulled back: it is not new here.
    const own = (await b.db.table('tickets').toArray())[0] as Record<string, unknown>;
    await applyPage(b.db, [asRecord(own)], 'c1');
    // A ticket of a device with another code.
    const other = ticketRepositories(a.db, { now: () => new Date().toISOString(), actor: async () => a.actor });
    await a.db.meta.put({ key: 'ticketNumbering', value: { code: 'ZZZZ', seq: 0 } });
    const elsewhere = await other.tickets.create({ title: 'Badge reader offline', requesterId: a.requester.id });
    if (!elsewhere.ok) throw new Error(elsewhere.error.message);
    await applyPage(b.db, [asRecord((await a.db.table('tickets').get(elsewhere.value.ticket.id)) as Record<string, unknown>)], 'c2');
    expect(((await b.db.meta.get('ticketNumbering'))?.value as { code: string }).code).toBe(code);
  });

  it('does nothing on a device that has not numbered a ticket yet (it picks a free code when it does)', async () => {
    const { a, first, row } = await twoDevicesOneCode();
    const c = await freshDesk();
    await applyPage(c.db, [asRecord(await row(first.id))], 'c1');
    expect(await c.db.meta.get('ticketNumbering')).toBeUndefined();
    const made = await c.repos.tickets.create({ title: 'Scanner driver missing', requesterId: c.requester.id });
    if (!made.ok) throw new Error(made.error.message);
    expect(codeOf(made.value.ticket.number)).not.toBe(codeOf(first.number));
    void a;
  });
});

describe('typing a number two tickets carry', () => {
  it('gives both, oldest first, and leaves out the ticket being worked on when the other carries it too', async () => {
    const { b, first, clashing, row } = await twoDevicesOneCode();
    await applyPage(b.db, [asRecord(await row(first.id))], 'c1');
    const both = await b.repos.links.ticketsNumbered(` ${first.number.toLowerCase()} `);
    expect(both.map((t) => t.id)).toEqual([first.id, clashing.id]);
    // On one of the two, the number means the other one, so a link or merge can go ahead.
    expect((await b.repos.links.ticketsNumbered(first.number, clashing.id)).map((t) => t.id)).toEqual([first.id]);
    ok(await b.repos.links.link(clashing.id, first.id, 'related'));
    // A ticket's own number, when no other carries it, still names it (and linking it to itself is refused).
    const next = ok(await b.repos.tickets.create({ title: 'Printer offline in Dept 4', requesterId: b.requester.id })).ticket;
    expect((await b.repos.links.ticketsNumbered(next.number, next.id)).map((t) => t.id)).toEqual([next.id]);
    expect((await b.repos.links.link(next.id, next.id, 'related')).ok).toBe(false);
    // A removed ticket is not offered.
    await b.db.table('tickets').update(first.id, { deleted: 1 });
    expect((await b.repos.links.ticketsNumbered(first.number)).map((t) => t.id)).toEqual([clashing.id]);
    expect(await b.repos.links.ticketsNumbered('not a number')).toEqual([]);
    expect(await b.repos.links.ticketsNumbered('')).toEqual([]);
  });
});

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
