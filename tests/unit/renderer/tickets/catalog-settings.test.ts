import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { closeAll, freshDesk } from './setup';
import { waitingOps } from '../../../../renderer/src/sync/pending';

afterEach(closeAll);

type Res<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const ok = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const refused = <T>(r: Res<T>) => {
  if (r.ok) throw new Error('expected the write to be refused');
  return r.error;
};
const fields = <T>(r: Res<T>) => refused(r).fields ?? {};

/** Rows of the catalog and settings stores and the outbox, to prove a refused write left nothing. */
async function snapshot(db: FieldDeskDb) {
  const names = ['agencies', 'sites', 'systems', 'teams', 'routingRules', 'slaPolicies', 'outbox'];
  const rows = await Promise.all(names.map((t) => db.table(t).toArray()));
  return Object.fromEntries(names.map((n, i) => [n, rows[i]]));
}

const outboxOf = async (db: FieldDeskDb, table: string) => (await waitingOps(db)).filter((o) => o.table === table);

describe('help-desk catalog settings: agencies, sites, systems', () => {
  it('agencies: created, renamed and retired as tombstones, each write in the outbox; names unique ignoring case', async () => {
    const { db, repos } = await freshDesk();
    const s = repos.helpdeskSettings;
    const fresno = ok(await s.agencies.create({ name: '  Superior Court of Fresno County ', kind: 'state_court', code: 'SC-FRE' }));
    expect(fresno).toMatchObject({ name: 'Superior Court of Fresno County', kind: 'state_court', code: 'SC-FRE', deleted: 0 });
    const coe = ok(await s.agencies.create({ name: 'Kern County Office of Education', kind: 'county_office_of_education' }));
    expect(coe.code).toBe('');
    expect((await outboxOf(db, 'agencies')).map((o) => o.id)).toEqual([fresno.id, coe.id]);

    const before = await snapshot(db);
    const clash = await s.agencies.create({ name: 'superior  court of FRESNO county', kind: 'other' });
    expect(refused(clash).code).toBe('conflict');
    expect(fields(clash).name).toBe('There is already an agency named “Superior Court of Fresno County”; choose another name');
    expect(fields(await s.agencies.update(coe.id, { name: 'SUPERIOR COURT OF FRESNO COUNTY' })).name).toMatch(/already an agency named/);
    expect(fields(await s.agencies.create({ name: '  ', kind: 'state_court' })).name).toBe('Agency name is required');
    expect(fields(await s.agencies.create({ name: 'Court', kind: 'tribunal' as 'other' })).kind).toMatch(/Agency kind must be/);
    expect(fields(await s.agencies.create({ name: 'Court', kind: 'other', code: 'X'.repeat(17) })).code).toMatch(/Agency code is too long/);
    expect(await snapshot(db)).toEqual(before);

    // A record may keep its own name in another case.
    await db.outbox.clear();
    const renamed = ok(await s.agencies.update(fresno.id, { name: 'Superior court of Fresno County', code: 'SCFRE' }));
    expect(renamed).toMatchObject({ id: fresno.id, name: 'Superior court of Fresno County', kind: 'state_court', code: 'SCFRE' });
    const [edit] = await waitingOps(db);
    expect(edit).toMatchObject({ table: 'agencies', id: fresno.id });
    expect(Object.keys(edit!.fields).sort()).toEqual(['code', 'name']);

    ok(await s.agencies.retire(coe.id));
    const row = await repos.tables.agencies.get(coe.id);
    expect(row?.deleted).toBe(1); // a tombstone, not a hard delete
    expect((await waitingOps(db)).at(-1)?.fields.deleted?.value).toBe(1);
    expect((await s.load()).agencies.map((a) => a.name)).toEqual(['Superior court of Fresno County']);
    expect(refused(await s.agencies.retire(coe.id)).code).toBe('not_found');
    expect(refused(await s.agencies.update(coe.id, { code: 'K' })).code).toBe('not_found');
    // A retired record's name is free again.
    ok(await s.agencies.create({ name: 'Kern County Office of Education', kind: 'county_office_of_education' }));
  });

  it('sites: must point at a live agency; zone optional but IANA; names unique; an agency with live sites cannot be retired', async () => {
    const { db, repos } = await freshDesk();
    const s = repos.helpdeskSettings;
    const court = ok(await s.agencies.create({ name: 'Superior Court of Fresno County', kind: 'state_court' }));
    const coe = ok(await s.agencies.create({ name: 'Fresno County Office of Education', kind: 'county_office_of_education' }));
    const gone = ok(await s.agencies.create({ name: 'Closed agency', kind: 'other' }));
    ok(await s.agencies.retire(gone.id));

    const before = await snapshot(db);
    expect(fields(await s.sites.create({ name: 'Hall of Justice', agencyId: '' })).agencyId).toBe('Agency is required');
    expect(fields(await s.sites.create({ name: 'Hall of Justice', agencyId: 'ag-gone' })).agencyId).toBe('Choose an agency that exists');
    expect(fields(await s.sites.create({ name: 'Hall of Justice', agencyId: gone.id })).agencyId).toBe('Choose an agency that exists');
    expect(fields(await s.sites.create({ name: 'Hall of Justice', agencyId: court.id, timeZone: 'Pacific Time' })).timeZone).toMatch(/IANA zone name/);
    expect(fields(await s.sites.create({ name: '', agencyId: court.id })).name).toBe('Site name is required');
    expect(await snapshot(db)).toEqual(before);

    const hoj = ok(await s.sites.create({ name: 'Hall of Justice', agencyId: court.id, address: '1100 Van Ness Ave\nFresno, CA', timeZone: 'America/Los_Angeles' }));
    expect(hoj).toMatchObject({ agencyId: court.id, address: '1100 Van Ness Ave\nFresno, CA', timeZone: 'America/Los_Angeles', deleted: 0 });
    const annex = ok(await s.sites.create({ name: 'Annex', agencyId: court.id }));
    expect(annex.timeZone).toBeNull();
    expect((await outboxOf(db, 'sites')).map((o) => o.id)).toEqual([hoj.id, annex.id]);

    const mid = await snapshot(db);
    // Unique across agencies too: the create form lists sites by name alone.
    expect(fields(await s.sites.create({ name: 'hall of justice', agencyId: coe.id })).name).toBe('There is already a site named “Hall of Justice”; choose another name');
    expect(fields(await s.sites.update(annex.id, { name: ' HALL OF JUSTICE ' })).name).toMatch(/already a site named/);
    expect(fields(await s.sites.update(annex.id, { agencyId: gone.id })).agencyId).toBe('Choose an agency that exists');
    expect(await snapshot(db)).toEqual(mid);

    // Moving a site and clearing its zone.
    const moved = ok(await s.sites.update(annex.id, { agencyId: coe.id, timeZone: null }));
    expect(moved).toMatchObject({ agencyId: coe.id, timeZone: null, name: 'Annex' });

    const blocked = refused(await s.agencies.retire(court.id));
    expect(blocked.code).toBe('conflict');
    expect(blocked.message).toBe('Superior Court of Fresno County still has the site “Hall of Justice”; move it to another agency or remove it first.');
    ok(await s.sites.create({ name: 'Juvenile Justice Center', agencyId: court.id }));
    expect(refused(await s.agencies.retire(court.id)).message).toMatch(/still has 2 sites: “Hall of Justice” and “Juvenile Justice Center”; move them/);
    expect((await repos.tables.agencies.get(court.id))?.deleted).toBe(0);

    // Once its sites are gone (retired sites do not count), the agency can go.
    for (const site of (await s.load()).sites.filter((x) => x.agencyId === court.id)) ok(await s.sites.retire(site.id));
    ok(await s.agencies.retire(court.id));
    expect((await repos.tables.agencies.get(court.id))?.deleted).toBe(1);
    expect((await repos.tables.sites.get(hoj.id))?.deleted).toBe(1);
  });

  it('sites: retiring one that a routing rule or an SLA policy names is refused, naming them', async () => {
    const { db, repos } = await freshDesk();
    const s = repos.helpdeskSettings;
    const court = ok(await s.agencies.create({ name: 'Superior Court', kind: 'state_court' }));
    const hoj = ok(await s.sites.create({ name: 'Hall of Justice', agencyId: court.id }));
    const team = ok(await s.teams.create({ name: 'Field support' }));
    const rule = ok(await s.routingRules.create({ name: 'HoJ to field support', siteId: hoj.id, teamId: team.id }));
    const policy = ok(await s.slaPolicies.create({ name: 'Courthouse hours', calendarId: 'cal-1', siteIds: [hoj.id], targets: (await repos.tables.slaPolicies.get('pol-1'))!.targets }));

    const before = await snapshot(db);
    const both = refused(await s.sites.retire(hoj.id));
    expect(both.code).toBe('conflict');
    expect(both.message).toBe('Hall of Justice is named by the routing rule “HoJ to field support” and the SLA policy “Courthouse hours”; change or remove them first.');
    ok(await s.routingRules.retire(rule.id));
    const before2 = await snapshot(db);
    expect(refused(await s.sites.retire(hoj.id)).message).toBe('Hall of Justice is named by the SLA policy “Courthouse hours”; change or remove it first.');
    expect(await snapshot(db)).toEqual(before2);
    expect(before.sites).toEqual(before2.sites);
    ok(await s.slaPolicies.update(policy.id, { siteIds: [] }));
    ok(await s.sites.retire(hoj.id));
    expect((await repos.tables.sites.get(hoj.id))?.deleted).toBe(1);
    // A retired site is no longer offered, and no longer accepted by a rule.
    expect((await repos.catalog.load()).sites).toEqual([]);
    expect(fields(await s.routingRules.create({ name: 'Too late', siteId: hoj.id, teamId: team.id })).siteId).toMatch(/site that exists/);
  });

  it('systems: categories trimmed and kept once ignoring case; names unique; retire refused while a rule names it', async () => {
    const { db, repos } = await freshDesk();
    const s = repos.helpdeskSettings;
    const efile = ok(await s.systems.create({ name: 'E-filing', vendor: 'Tyler', categories: [' Printing', 'Login', 'printing ', '', 'Filing rejected', 'LOGIN'] }));
    expect(efile.categories).toEqual(['Printing', 'Login', 'Filing rejected']);
    expect(efile.vendor).toBe('Tyler');
    expect((await outboxOf(db, 'systems')).map((o) => o.id)).toEqual([efile.id]);

    const before = await snapshot(db);
    expect(fields(await s.systems.create({ name: 'e-FILING' })).name).toBe('There is already a system named “E-filing”; choose another name');
    expect(fields(await s.systems.create({ name: 'Jury', categories: ['Ok', 'Bell\u0007'] }))['categories.1']).toMatch(/Category contains a control character/);
    expect(fields(await s.systems.create({ name: 'Jury', categories: ['x'.repeat(101)] }))['categories.0']).toMatch(/Category is too long/);
    expect(fields(await s.systems.create({ name: 'Jury', categories: Array.from({ length: 101 }, (_, i) => `c${i}`) })).categories).toBeDefined();
    expect(await snapshot(db)).toEqual(before);

    await db.outbox.clear();
    const edited = ok(await s.systems.update(efile.id, { categories: ['Login', 'Payments', 'payments'] }));
    expect(edited.categories).toEqual(['Login', 'Payments']);
    expect((await waitingOps(db)).map((o) => [o.table, o.id, Object.keys(o.fields)])).toEqual([['systems', efile.id, ['categories']]]);

    const team = ok(await s.teams.create({ name: 'Court applications' }));
    const rule = ok(await s.routingRules.create({ name: 'E-filing to apps', systemId: efile.id, teamId: team.id }));
    const used = refused(await s.systems.retire(efile.id));
    expect(used.message).toBe('E-filing is named by the routing rule “E-filing to apps”; change or remove it first.');
    expect((await repos.tables.systems.get(efile.id))?.deleted).toBe(0);
    ok(await s.routingRules.update(rule.id, { systemId: '' }));
    ok(await s.systems.retire(efile.id));
    expect((await repos.tables.systems.get(efile.id))?.deleted).toBe(1);
    expect((await s.load()).systems).toEqual([]);
  });

  it('team members: staff from the directory, each once; unknown or non-staff ids refused; members this device lacks are kept', async () => {
    const { db, repos, requester } = await freshDesk();
    const s = repos.helpdeskSettings;
    const people = peopleRepository(db);
    const ana = ok(await people.create({ name: 'Ana Ruiz', kind: 'staff' }));
    const ben = ok(await people.create({ name: 'Ben Cho', kind: 'staff' }));
    const gone = ok(await people.create({ name: 'Gone Staff', kind: 'staff' }));
    ok(await people.remove(gone.id));
    expect((await s.load()).staff.map((p) => p.name)).toEqual(['Ana Ruiz', 'Ben Cho']);

    const team = ok(await s.teams.create({ name: 'Field support', memberIds: [ana.id, ana.id] }));
    expect(team.memberIds).toEqual([ana.id]);
    expect((await outboxOf(db, 'teams'))[0]?.fields.memberIds?.value).toEqual([ana.id]);

    const before = await snapshot(db);
    for (const bad of [requester.id, gone.id, 'person-unknown']) {
      expect(fields(await s.teams.create({ name: `Team ${bad}`, memberIds: [bad] })).memberIds).toBe('Choose members from the staff in the people directory');
      expect(fields(await s.teams.update(team.id, { memberIds: [ana.id, bad] })).memberIds).toBe('Choose members from the staff in the people directory');
    }
    expect(await snapshot(db)).toEqual(before);

    // A member synced from elsewhere whose person record is not here yet survives an edit of the team.
    await repos.tables.teams.put({ ...team, memberIds: [ana.id, 'person-not-here-yet'] });
    const edited = ok(await s.teams.update(team.id, { memberIds: [ben.id, 'person-not-here-yet'] }));
    expect(edited.memberIds).toEqual([ben.id, 'person-not-here-yet']);
  });
});
