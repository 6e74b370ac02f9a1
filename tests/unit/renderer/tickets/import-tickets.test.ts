import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import type { TicketImportRow } from '../../../../shared/import/ticket-rows';
import type { Ticket } from '../../../../shared/tickets/schema';
import { closeAll, counts, freshDesk } from './setup';
import { waitingOps } from '../../../../renderer/src/sync/pending';

afterEach(closeAll);

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function deskWithCatalog() {
  const desk = await freshDesk();
  const { repos, db } = desk;
  await repos.tables.agencies.put({ id: 'ag-1', name: 'Superior Court of Fresno', kind: 'state_court', code: '', stamps: {}, deleted: 0 });
  await repos.tables.sites.put({ id: 'site-1', agencyId: 'ag-1', name: 'Fresno Main', address: '', timeZone: null, stamps: {}, deleted: 0 });
  await repos.tables.systems.put({ id: 'sys-efile', name: 'E-filing', vendor: '', categories: [], stamps: {}, deleted: 0 });
  await repos.tables.teams.put({ id: 'team-apps', name: 'Applications', description: '', memberIds: [], stamps: {}, deleted: 0 });
  const staff = ok(await peopleRepository(db).create({ name: 'Jordan Avila', kind: 'staff' }));
  await db.outbox.clear();
  return { ...desk, staff };
}

/** A row as main's dry run hands it over (validated, JSON-shaped). */
const row = (over: Partial<TicketImportRow> & Record<string, unknown> = {}): Record<string, unknown> => ({
  number: 'KX7Q-00042',
  createdAt: '2025-03-03T17:15:00.000Z',
  updatedAt: '2025-03-04T18:00:00.000Z',
  type: 'incident',
  title: 'E-filing rejects PDFs',
  requester: 'Ana Méndez',
  agency: 'Superior Court of Fresno',
  site: 'Fresno Main',
  system: 'E-filing',
  priority: 'P3',
  impact: 'medium',
  urgency: 'medium',
  status: 'open',
  team: 'applications',
  assignee: 'Jordan Avila',
  firstResponseDueAt: '2025-03-03T21:15:00.000Z',
  firstResponseAt: '2025-03-03T18:00:00.000Z',
  tags: ['pdf'],
  ...over,
});

describe('ticket import (repository)', () => {
  it('resolves names, adds missing requesters once, and writes tickets, history and outbox in one go', async () => {
    const { db, repos, requester, staff, actor } = await deskWithCatalog();
    const rows = [
      row(),
      row({ number: 'KX7Q-00043', requester: 'Luz Ortega', agency: 'Kern COE', status: 'resolved', resolvedAt: '2025-03-04T17:00:00.000Z', resolutionCode: 'fixed', resolutionText: 'Re-saved as PDF/A', assignee: undefined }),
      row({ number: 'KX7Q-00044', requester: 'luz  ortega', agency: 'Kern COE', site: undefined, system: undefined, team: undefined, priority: 'P1' }),
    ];
    const check = ok(await repos.importer.check(rows));
    expect(check).toEqual({ rows: 3, valid: 3, errors: [], newRequesters: ['Luz Ortega'] });
    expect(await counts(db)).toMatchObject({ tickets: 0, outbox: 0 });

    const done = ok(await repos.importer.commit(rows));
    expect(done).toEqual({ added: 3, requestersAdded: 1, historyEvents: 3 });
    const tickets = (await repos.tables.tickets.orderBy('number').toArray()) as Ticket[];
    expect(tickets.map((x) => x.number)).toEqual(['KX7Q-00042', 'KX7Q-00043', 'KX7Q-00044']);
    const [a, b, c] = tickets as [Ticket, Ticket, Ticket];
    expect(a).toMatchObject({ requesterId: requester.id, siteId: 'site-1', systemId: 'sys-efile', teamId: 'team-apps', assigneeId: staff.id, status: 'open', createdBy: actor.id, createdAt: '2025-03-03T17:15:00.000Z', firstResponseDue: '2025-03-03T21:15:00.000Z', tags: ['pdf'] });
    const luz = (await db.people.where('name').equals('Luz Ortega').toArray())!;
    expect(luz).toHaveLength(1);
    expect(luz[0]).toMatchObject({ kind: 'requester', agency: 'Kern COE' });
    expect(b.requesterId).toBe(luz[0]!.id);
    expect(c.requesterId).toBe(luz[0]!.id);
    expect(b.resolution).toEqual({ code: 'fixed', text: 'Re-saved as PDF/A', rootCause: '' });
    expect(c.priorityOverride).toMatchObject({ priority: 'P1', by: actor.id });
    expect(c.words).toEqual(expect.arrayContaining(['luz', 'ortega', 'pdfs']));
    const history = await repos.tables.history.toArray();
    expect(history.map((h) => [h.field, h.new]).sort()).toEqual([['created', 'KX7Q-00042'], ['created', 'KX7Q-00043'], ['created', 'KX7Q-00044']]);
    const outbox = await waitingOps(db);
    expect(outbox.filter((o) => o.table === 'tickets')).toHaveLength(3);
    expect(outbox.filter((o) => o.table === 'ticketHistory')).toHaveLength(3);
    expect(outbox.filter((o) => o.table === 'people')).toHaveLength(1);
    // The derived local keys are on the rows and never in the outbox.
    expect((await repos.tables.tickets.get(a.id))?.assigneeKey).toBe(staff.id);
    expect(Object.keys(outbox.find((o) => o.table === 'tickets')!.fields)).not.toContain('assigneeKey');
  });

  it('numbers rows that have no number on this device, and computes due times when the file has none', async () => {
    const { repos } = await deskWithCatalog();
    const done = ok(await repos.importer.commit([row({ number: undefined, firstResponseDueAt: undefined, firstResponseAt: undefined, createdAt: undefined, updatedAt: undefined })]));
    expect(done.added).toBe(1);
    const [ticket] = await repos.tables.tickets.toArray();
    expect(ticket!.number).toMatch(/^[A-Z][0-9A-Z]{3}-00001$/);
    expect(ticket!.firstResponseDue).not.toBeNull();
    expect(ticket!.words).toContain(ticket!.number.slice(0, 4).toLowerCase()); // search words made with the number it was given
    // The device's own next ticket does not take the imported number.
    const created = ok(await repos.tickets.create({ title: 'Next', requesterId: ticket!.requesterId }));
    expect(created.ticket.number.endsWith('-00002')).toBe(true);
  });

  it('lists every bad row with its reason and imports nothing: unknown names, duplicates in the file and on the device, tampered rows', async () => {
    const { db, repos } = await deskWithCatalog();
    ok(await repos.importer.commit([row({ number: 'KX7Q-00001' })]));
    const before = await counts(db);
    const rows = [
      row({ number: 'KX7Q-00002' }),
      row({ number: 'KX7Q-00003', team: 'Night shift', site: 'Nowhere' }),
      row({ number: 'KX7Q-00002' }),
      row({ number: 'KX7Q-00001' }),
      row({ number: 'KX7Q-00004', assignee: 'Someone Else' }),
      row({ number: 'KX7Q-00005', status: 'pending' }),
      { title: 'Tampered', requester: 'X', priority: 'P0', extra: 1 },
    ];
    const check = ok(await repos.importer.check(rows, { rowNumbers: [2, 3, 4, 5, 6, 7, 9], columns: { team: 'Assignment group' } }));
    expect(check.valid).toBe(1);
    expect(check.errors.map((e) => [e.row, e.errors.map((x) => `${x.column}: ${x.message}`)])).toEqual([
      [3, ['Site: Unknown site "Nowhere": add it in Settings first, or leave the column out of the import', 'Assignment group: Unknown team "Night shift": add it in Settings first, or leave the column out of the import']],
      [4, ['Number: Duplicate: row 2 has the same ticket number "KX7Q-00002"']],
      [5, ['Number: Already exists: ticket KX7Q-00001 is already on this device']],
      [6, ['Assignee: Unknown assignee "Someone Else": add them to People as staff first']],
      [7, ['Pending reason: A pending ticket needs a pending reason']],
      [9, ['Priority: Priority must be P1, P2, P3 or P4']],
    ]);
    const refused = await repos.importer.commit(rows);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^6 of 7 rows cannot be imported \(row 3: .*Nothing was imported\.$/);
    expect(await counts(db)).toEqual(before);
  });

  it('cancel after some chunks were written rolls all of them back', async () => {
    const { db, repos } = await deskWithCatalog();
    const rows = Array.from({ length: 4500 }, (_, i) => row({ number: `KX7Q-${String(i + 1).padStart(5, '0')}`, requester: `Person ${i % 50}` }));
    const controller = new AbortController();
    const seen: string[] = [];
    const res = await repos.importer.commit(rows, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.label);
        if (p.label.startsWith('Imported 2,000')) controller.abort();
      },
    });
    expect(seen).toContain('Imported 2,000 of 4,500 tickets');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('cancelled');
    expect(await counts(db)).toEqual({ tickets: 0, history: 0, workLog: 0, outbox: 0, links: 0 });
    expect(await db.people.where('name').startsWith('Person ').count()).toBe(0);
  }, 60_000);
});
