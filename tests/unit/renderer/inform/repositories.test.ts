import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { informRepositories } from '../../../../renderer/src/data/repositories/inform';
import { CURRENT_SCHEMA_VERSION } from '../../../../renderer/src/data/schema';
import { closeAll, freshDesk } from '../tickets/setup';
import { ticketRepositories } from '../../../../renderer/src/data/repositories/tickets';

afterEach(closeAll);

async function desk() {
  const d = await freshDesk('2026-11-02T17:00:00.000Z');
  const inform = informRepositories(d.db, { tickets: d.repos, now: d.now });
  await d.repos.tables.systems.put({ id: 'sys-jury', name: 'Jury portal', vendor: '', categories: [], stamps: {}, deleted: 0 } as never);
  return { ...d, inform };
}

const ticketOf = (r: Parameters<typeof ok<{ ticket: { id: string; number: string } }>>[0]) => ok(r).ticket;
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('inform repositories', () => {
  it('is schema version 16', () => {
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(16);
  });

  it('canned responses: saved, names unique, bad input changes nothing, every write queued for sync', async () => {
    const { db, inform } = await desk();
    const a = ok(await inform.canned.save(null, { name: 'Part-Ordered', category: 'Hardware', body: 'Hi {requester.firstName}, the part for {ticket.number} is ordered.' }));
    expect(a.name).toBe('part-ordered');
    const clash = await inform.canned.save(null, { name: 'part-ordered', body: 'x' });
    expect(clash).toMatchObject({ ok: false, error: { fields: { name: 'Already in use' } } });
    expect((await inform.canned.save(a.id, { name: 'bad name', body: 'x' })).ok).toBe(false);
    expect((await inform.canned.list()).map((c) => c.body)).toEqual([a.body]);
    const ops = await db.outbox.toArray();
    expect(JSON.stringify(ops)).toContain('cannedResponses');
    ok(await inform.canned.remove(a.id));
    expect(await inform.canned.list()).toEqual([]);
  });

  it('documents: each save is a version; compare, restore as a new version, publish; search by words offline', async () => {
    const { inform } = await desk();
    const created = ok(await inform.documents.create({ kind: 'workInstruction', title: 'Reset a jury portal password', system: 'Jury portal', body: 'Open Admin.\nClick Reset.\n', tags: ['passwords'] }));
    expect(created.version.version).toBe(1);
    expect(created.material).toMatchObject({ state: 'draft', ownerId: 'staff-jordan' });
    const id = created.material.id;
    ok(await inform.documents.save(id, { body: 'Open Admin.\nClick Reset password.\n' }, 'Wording'));
    const third = ok(await inform.documents.save(id, { body: 'Open Admin.\nClick Reset password.\nTell the juror.\n' }));
    expect(third.version.version).toBe(3);
    const versions = await inform.documents.versions(id);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const cmp = ok(await inform.documents.compare(versions[2]!.id, versions[0]!.id));
    expect(cmp.rows.map((r) => r.kind)).toEqual(['same', 'changed', 'added']);
    const restored = ok(await inform.documents.restore(id, versions[2]!.id));
    expect(restored.version).toMatchObject({ version: 4, changeNote: 'Restored version 1', body: 'Open Admin.\nClick Reset.\n' });
    expect((await inform.documents.get(id))!.body).toBe('Open Admin.\nClick Reset.\n');
    // Search: words of title, tags and body; prefixes; a stale word is gone after the restore.
    expect((await inform.documents.search('jury pass')).map((d) => d.id)).toEqual([id]);
    expect((await inform.documents.search('juror'))).toEqual([]);
    expect((await inform.documents.search('reset admin')).map((d) => d.id)).toEqual([id]);
    // Publishing is a version too, and only published documents are suggested.
    expect(await inform.documents.suggestFor({ title: 'Juror cannot reset password', description: '', systemId: 'sys-jury' })).toEqual([]);
    const pub = ok(await inform.documents.setState(id, 'published'));
    expect(pub.version).toMatchObject({ version: 5, state: 'published', changeNote: 'Published' });
    const s = await inform.documents.suggestFor({ title: 'Juror cannot reset password', description: '', systemId: 'sys-jury' });
    expect(s.map((x) => x.doc.id)).toEqual([id]);
    // Bad input changes nothing.
    expect((await inform.documents.save(id, { title: '' })).ok).toBe(false);
    expect((await inform.documents.versions(id)).length).toBe(5);
  });

  it('resolve with a document: linked once per pair, counted, and listed on the document', async () => {
    const { inform, repos, requester } = await desk();
    const doc = ok(await inform.documents.create({ title: 'Printer tray', system: 'Hardware', body: 'Clear it' }));
    const t = ticketOf(await repos.tickets.create({ title: 'Tray jams', requesterId: requester.id }));
    ok(await inform.documents.link(t.id, doc.material.id));
    ok(await inform.documents.link(t.id, doc.material.id));
    expect((await inform.documents.solvedCounts()).get(doc.material.id)).toBe(1);
    expect((await inform.documents.ticketsSolvedBy(doc.material.id)).map((x) => x.number)).toEqual([t.number]);
    expect((await inform.documents.link(t.id, 'nope')).ok).toBe(false);
  });

  it('a requester update is a work-log e-mail entry; the needs-an-update list follows the cadence by business days', async () => {
    const { inform, repos, requester } = await desk();
    const t = ticketOf(await repos.tickets.create({ title: 'Cannot print dockets', requesterId: requester.id }));
    expect((await inform.updates.needingUpdate()).map((r) => r.ticket.id)).toEqual([]);
    ok(await inform.settings.setCadence({ P3: 1, P4: 1, P2: 1, P1: 1 }));
    expect((await inform.settings.setCadence({ P1: 0 })).ok).toBe(false);
    expect(await inform.settings.cadence()).toEqual({ P1: 1, P2: 1, P3: 1, P4: 1 });
    // Created Monday 2 Nov (Pacific); by Wednesday 4 Nov, 2 business days without news: due under a cadence of 1.
    const { db } = { db: (inform.tables.materials as unknown as { db: Parameters<typeof informRepositories>[0] }).db };
    const wednesday = informRepositories(db, { tickets: repos, now: () => '2026-11-04T18:00:00.000Z' });
    expect((await wednesday.updates.needingUpdate()).map((r) => [r.ticket.id, r.businessDaysSilent, r.lastContact])).toEqual([[t.id, 2, null]]);
    const entry = ok(await inform.updates.record(t.id, { requesterName: requester.name, subject: `${t.number}: update`, text: 'We are on it.' }));
    expect(entry).toMatchObject({ kind: 'email', ticketId: t.id });
    expect(entry.body).toContain('Update sent to Ana Méndez');
    const last = await inform.updates.lastContact([t.id]);
    expect(last.get(t.id)).toBe(entry.at);
    expect((await inform.updates.record(t.id, { requesterName: 'x', subject: 's', text: '  ' })).ok).toBe(false);
    // The update was sent on Monday: that evening nothing is due; on Friday it is 4 business days since, counted from the update.
    const mondayEvening = informRepositories(db, { tickets: repos, now: () => '2026-11-03T00:30:00.000Z' });
    expect(await mondayEvening.updates.needingUpdate()).toEqual([]);
    const friday = informRepositories(db, { tickets: repos, now: () => '2026-11-06T18:00:00.000Z' });
    expect((await friday.updates.needingUpdate()).map((r) => [r.businessDaysSilent, r.lastContact])).toEqual([[4, entry.at]]);
  });

  it('saved report definitions run again in one action', async () => {
    const { inform, repos, requester } = await desk();
    await repos.tables.agencies.put({ id: 'ag-1', name: 'Superior Court of Fresno', kind: 'state_court', code: 'SCF', stamps: {}, deleted: 0 } as never);
    await repos.tables.sites.put({ id: 'site-1', agencyId: 'ag-1', name: 'Hall of Justice', address: '', timeZone: null, stamps: {}, deleted: 0 } as never);
    const t = ticketOf(await repos.tickets.create({ title: 'Scanner offline', requesterId: requester.id, siteId: 'site-1' }));
    const def = ok(await inform.reports.saveDefinition(null, { name: 'Fresno this month', scope: 'agency', scopeId: 'ag-1', period: 'thisMonth' }));
    expect(def.ownerId).toBe('staff-jordan');
    expect((await inform.reports.saveDefinition(null, { name: '', scope: 'agency', scopeId: 'ag-1' })).ok).toBe(false);
    const [saved] = await inform.reports.definitions();
    const report = ok(await inform.reports.run(saved!));
    expect(report.period).toEqual({ from: '2026-11-01', to: '2026-11-02' });
    expect(report.open.map((o) => o.number)).toEqual([t.number]);
    expect(report.open[0]).toMatchObject({ requester: 'Ana Méndez', site: 'Hall of Justice' });
    expect(report.counts.opened).toBe(1);
  });

  it('a saved report is its owner’s: listed as mine, its run recorded; another’s runs but is not written', async () => {
    const { inform, db } = await desk();
    const repeat = { freq: 'weekly' as const, weekdays: ['mon' as const], start: '2026-11-02' };
    const mine = ok(await inform.reports.saveDefinition(null, { name: 'Eastside weekly', scope: 'agency', scopeId: 'ag-1', period: 'lastWeek', repeat }));
    expect(mine.repeat).toMatchObject({ freq: 'weekly', weekdays: ['mon'] });
    // Someone else's, pulled from the server.
    await inform.tables.reportDefinitions.put({ ...mine, id: 'def-other', name: 'Theirs', ownerId: 'staff-someone-else', lastRunAt: null });
    expect((await inform.reports.mine()).map((d) => d.name)).toEqual(['Eastside weekly']);
    expect((await inform.reports.definitions()).map((d) => d.name)).toEqual(['Eastside weekly', 'Theirs']);
    expect(ok(await inform.reports.markRun(mine.id)).lastRunAt).toMatch(/^2026-11-02T17:/);
    const outboxBefore = await db.table('outbox').count();
    expect(ok(await inform.reports.markRun('def-other')).lastRunAt).toBeNull();
    expect((await inform.tables.reportDefinitions.get('def-other'))!.lastRunAt).toBeNull();
    expect(await db.table('outbox').count()).toBe(outboxBefore);
    expect((await inform.reports.markRun('nope')).ok).toBe(false);
    expect(await inform.reports.timeZone()).toMatch(/\//);
  });

  it('the needs-an-update view: rows with the calendar they were counted by, the last contact of every open ticket, Monday to Friday without a calendar', async () => {
    const { db, inform, repos, requester, actor } = await desk();
    const a = ticketOf(await repos.tickets.create({ title: 'Scanner offline', requesterId: requester.id }));
    const b = ticketOf(await repos.tickets.create({ title: 'Jury portal slow', requesterId: requester.id, impact: 'high', urgency: 'high' }));
    const c = ticketOf(await repos.tickets.create({ title: 'Badge printer', requesterId: requester.id }));
    const entry = ok(await inform.updates.record(b.id, { requesterName: requester.name, subject: 'b', text: 'Looking at it.' }));
    ok(await repos.workLog.add(c.id, { kind: 'internal_note', body: 'Internal note: not contact', minutes: 0 }));
    const last = await inform.updates.lastContact([a.id, b.id, c.id, b.id]);
    expect([...last]).toEqual([[b.id, entry.at]]);
    expect(await inform.updates.lastContact([])).toEqual(new Map());
    // Ten days later (Thursday 12 Nov): P3 (5 days) and P1 (1 day) are both due; the calendar is the policy's.
    const later = informRepositories(db, { tickets: repos, now: () => '2026-11-12T18:00:00.000Z' });
    const list = await later.updates.needsUpdateList();
    expect(list.calendarName).toBe('Court hours');
    expect(list.cadence).toEqual({ P1: 1, P2: 2, P3: 5, P4: 10 });
    // Furthest past its cadence first: the P1 (seven days over), then the P3s (three over).
    expect(list.rows.map((r) => [r.ticket.number, r.businessDaysSilent, r.lastContact])).toEqual([
      [b.number, 8, entry.at],
      [a.number, 8, null],
      [c.number, 8, null],
    ]);
    // An update sent (that Thursday) takes a ticket off.
    const thursday = informRepositories(db, { tickets: ticketRepositories(db, { now: () => '2026-11-12T17:00:00.000Z', actor: async () => actor }), now: () => '2026-11-12T18:00:00.000Z' });
    ok(await thursday.updates.record(a.id, { requesterName: requester.name, subject: 'a', text: 'Part ordered.' }));
    expect((await later.updates.needingUpdate()).map((r) => r.ticket.id).sort()).toEqual([b.id, c.id].sort());
    // Without any calendar: Monday to Friday in the device's zone, and the view is told so.
    await db.transaction('rw', repos.tables.slaPolicies, repos.tables.calendars, async () => {
      for (const p of await repos.tables.slaPolicies.toArray()) await repos.tables.slaPolicies.put({ ...p, deleted: 1 });
      for (const c of await repos.tables.calendars.toArray()) await repos.tables.calendars.put({ ...c, deleted: 1 });
    });
    const bare = await later.updates.needsUpdateList();
    expect(bare.calendarName).toBeNull();
    expect(bare.rows.length).toBe(2);
  });

  it('documents: owner, audience, systems, tags and review-by saved as a version; needs review follows the date; the first screen reads only what it shows', async () => {
    const { inform } = await desk();
    const made = ok(await inform.documents.create({ title: 'Clear a stuck batch', system: 'E-filing', body: 'Release it.' }));
    const id = made.material.id;
    ok(await inform.documents.create({ title: 'Another', system: 'CMS' }));
    ok(await inform.documents.create({ title: 'Zebra printer', system: 'Hardware' }));
    expect(await inform.documents.needsReview('2026-11-02')).toEqual([]);
    const saved = ok(await inform.documents.save(id, { ownerId: 'person-lee', audience: 'public', systems: ['CMS', 'Jury portal'], tags: ['batch', 'night run'], reviewBy: '2026-10-01' }, 'Details'));
    expect(saved.version).toMatchObject({ version: 2, ownerId: 'person-lee', audience: 'public', systems: ['CMS', 'Jury portal'], tags: ['batch', 'night run'], reviewBy: '2026-10-01', changeNote: 'Details' });
    expect((await inform.documents.needsReview('2026-11-02')).map((d) => d.id)).toEqual([id]);
    expect(await inform.documents.needsReview('2026-10-01')).toEqual([]);
    // Found by its new tag and system.
    expect((await inform.documents.search('night')).map((d) => d.id)).toEqual([id]);
    expect((await inform.documents.search('jury')).map((d) => d.id)).toEqual([id]);
    // A bad date or audience changes nothing.
    expect(await inform.documents.save(id, { reviewBy: '10/01/2026' })).toMatchObject({ ok: false, error: { fields: { reviewBy: expect.any(String) } } });
    expect((await inform.documents.save(id, { audience: 'everyone' as never })).ok).toBe(false);
    expect((await inform.documents.versions(id)).length).toBe(2);
    // A new date takes it off the list; retired documents never need review.
    ok(await inform.documents.save(id, { reviewBy: '2027-01-01' }));
    expect(await inform.documents.needsReview('2026-11-02')).toEqual([]);
    // The first screen: by title, only as many as asked, filters applied.
    expect((await inform.documents.list({}, 2)).map((d) => d.title)).toEqual(['Another', 'Clear a stuck batch']);
    expect((await inform.documents.list({ kind: 'handout' }, 1)).map((d) => d.title)).toEqual(['Another']);
    expect((await inform.documents.list()).length).toBe(3);
  });
});
