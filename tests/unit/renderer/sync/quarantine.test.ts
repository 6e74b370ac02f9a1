import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPage } from '../../../../renderer/src/sync/apply';
import { listQuarantine, dismissQuarantined } from '../../../../renderer/src/sync/quarantine';
import { syncProblemCount } from '../../../../renderer/src/sync/problems';
import { CURSOR_KEY } from '../../../../renderer/src/sync/state-keys';
import type { SyncRecord } from '../../../../shared/sync/protocol';
import { checkRecord, recordTitle, tableLabel } from '../../../../shared/sync/record-schemas';
import { SYNC_TABLE_NAMES } from '../../../../shared/sync/tables';
import { closeAll, freshDesk } from '../tickets/setup';

afterAll(closeAll);

const stamp = '0001700000000000-0000-dev';
function pulled(table: string, id: string, fields: Record<string, unknown>, seq = 1): SyncRecord {
  return { table, id, fields, stamps: Object.fromEntries(Object.keys(fields).map((f) => [f, stamp])), seq };
}

/** A valid ticket as the server would hold it (its synced fields). */
async function validTicket(desk: Awaited<ReturnType<typeof freshDesk>>) {
  const made = await desk.repos.tickets.create({ title: 'Printer jam in Dept 4', requesterId: desk.requester.id });
  if (!made.ok) throw new Error(made.error.message);
  const { words: _w, assigneeKey: _a, due: _d, active: _x, stamps: _s, ...fields } = made.value.ticket as unknown as Record<string, unknown>;
  return fields;
}

describe('pulled records that fail their schema', () => {
  it('are held back in quarantine; the rest of the page applies and the cursor moves on', async () => {
    const desk = await freshDesk();
    const good = await validTicket(desk);
    const page = [
      pulled('tickets', 't-good', { ...good, id: 't-good', number: 'ABCD-00007', title: 'Good one' }),
      pulled('tickets', 't-object', { ...good, id: 't-object', number: 'ABCD-00008', title: { a: 1 } }),
      pulled('tickets', 't-banana', { ...good, id: 't-banana', number: 'ABCD-00009', title: 'Banana status', status: 'banana' }),
      pulled('tickets', 't-empty', { deleted: 0 }),
      pulled('people', 'p-ok', { name: 'Ana Ruiz', email: '', phone: '', agency: '', site: '', title: '', kind: 'requester', createdAt: '', updatedAt: '', deleted: 0 }),
      pulled('slaPolicies', 'sla-bad', { name: 'Broken SLA', calendarId: 'cal-1', isDefault: false, targets: 'banana', deleted: 0 }),
    ];
    const res = await applyPage(desk.db, page, 'c-1');
    expect(res).toMatchObject({ applied: 2, quarantined: 4 });
    expect(await desk.db.table('tickets').get('t-good')).toMatchObject({ title: 'Good one' });
    for (const id of ['t-object', 't-banana', 't-empty']) expect(await desk.db.table('tickets').get(id)).toBeUndefined();
    expect(await desk.db.table('slaPolicies').get('sla-bad')).toBeUndefined();
    expect(await desk.db.table('people').get('p-ok')).toMatchObject({ name: 'Ana Ruiz' });
    expect((await desk.db.syncState.get(CURSOR_KEY))?.value).toBe('c-1');

    const held = await listQuarantine(desk.db);
    const byId = new Map(held.map((q) => [q.id, q]));
    expect([...byId.keys()].sort()).toEqual(['sla-bad', 't-banana', 't-empty', 't-object']);
    expect(byId.get('t-banana')).toMatchObject({ table: 'tickets', title: 'ABCD-00009 Banana status', field: 'status' });
    expect(byId.get('t-banana')!.reason).toMatch(/^Status: Status must be new, open/);
    expect(byId.get('t-object')!.reason).toMatch(/^Title: /);
    expect(byId.get('t-object')!.title).toBe('ABCD-00008');
    expect(byId.get('t-empty')!.title).toBeNull();
    expect(byId.get('sla-bad')).toMatchObject({ title: 'Broken SLA', field: expect.stringMatching(/^targets/) });
    // Kept whole, so nothing the server sent is lost.
    expect(byId.get('t-object')!.fields.title).toEqual({ a: 1 });
    expect(await syncProblemCount(desk.db)).toBe(4);
  });

  it('leave quarantine when a later pull brings a valid version', async () => {
    const desk = await freshDesk();
    const good = await validTicket(desk);
    await applyPage(desk.db, [pulled('tickets', 't-1', { ...good, id: 't-1', title: 42 })], 'c-1');
    expect(await listQuarantine(desk.db)).toHaveLength(1);
    await applyPage(desk.db, [pulled('tickets', 't-1', { ...good, id: 't-1', title: 'Mended on the server' }, 2)], 'c-2');
    expect(await listQuarantine(desk.db)).toEqual([]);
    expect(await desk.db.table('tickets').get('t-1')).toMatchObject({ title: 'Mended on the server' });
  });

  it('a dismissed record stays held back but stops warning, until a new version fails differently', async () => {
    const desk = await freshDesk();
    const good = await validTicket(desk);
    await applyPage(desk.db, [pulled('tickets', 't-2', { ...good, id: 't-2', tags: 'a,b' })], 'c-1');
    expect(await syncProblemCount(desk.db)).toBe(1);
    await dismissQuarantined(desk.db, 'tickets', 't-2');
    expect(await syncProblemCount(desk.db)).toBe(0);
    expect(await listQuarantine(desk.db)).toMatchObject([{ id: 't-2', dismissed: true }]);
    // The same problem again: still dismissed. A different one: it warns again.
    await applyPage(desk.db, [pulled('tickets', 't-2', { ...good, id: 't-2', tags: 'a,b' }, 2)], 'c-2');
    expect(await syncProblemCount(desk.db)).toBe(0);
    await applyPage(desk.db, [pulled('tickets', 't-2', { ...good, id: 't-2', status: 'banana' }, 3)], 'c-3');
    expect(await syncProblemCount(desk.db)).toBe(1);
  });

  it('an invalid version of a record this device holds keeps the last valid one on screen', async () => {
    const desk = await freshDesk();
    const good = await validTicket(desk);
    await applyPage(desk.db, [pulled('tickets', 't-3', { ...good, id: 't-3', title: 'Valid first' })], 'c-1');
    await applyPage(desk.db, [pulled('tickets', 't-3', { ...good, id: 't-3', title: ['not', 'text'] }, 2)], 'c-2');
    expect(await desk.db.table('tickets').get('t-3')).toMatchObject({ title: 'Valid first' });
    expect(await listQuarantine(desk.db)).toMatchObject([{ id: 't-3' }]);
  });

  it('every record the app itself writes passes its schema (sample data of every help-desk table)', async () => {
    const desk = await freshDesk();
    const loaded = await desk.repos.sampleData.load({ tickets: 30, people: 10, workLogEntries: 30, seed: 5, chunkSize: 16 });
    expect(loaded.ok).toBe(true);
    let checked = 0;
    for (const table of SYNC_TABLE_NAMES) {
      if (!desk.db.tables.some((t) => t.name === table)) continue;
      for (const row of (await desk.db.table(table).toArray()) as Record<string, unknown>[]) {
        const { id, stamps, ...fields } = row as { id: string; stamps: Record<string, string> } & Record<string, unknown>;
        const check = checkRecord(table, id, fields, stamps);
        expect(check, `${table} ${id}`).toEqual({ ok: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('names tables and records in the words of the screens', () => {
    expect(tableLabel('slaPolicies')).toBe('SLA policy');
    expect(tableLabel('materials', 2)).toBe('Handouts');
    expect(recordTitle({ name: '  Court hours ' })).toBe('Court hours');
    expect(recordTitle({ title: { a: 1 } })).toBeNull();
  });
});
