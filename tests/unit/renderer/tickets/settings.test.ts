import { afterEach, describe, expect, it } from 'vitest';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import type { TicketRepositories } from '../../../../renderer/src/data/repositories/tickets';
import { suggestRoute } from '../../../../shared/tickets/routing';
import { closeAll, freshDesk } from './setup';
import { waitingOps } from '../../../../renderer/src/sync/pending';

afterEach(closeAll);

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const fields = (r: { ok: boolean; error?: { fields?: Record<string, string> } }) => (r.ok ? {} : (r.error?.fields ?? {}));

const nine2five = [{ start: '08:00', end: '17:00' }];
const targets = {
  P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
  P2: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  P3: { firstResponseMinutes: 240, resolutionMinutes: 960 },
  P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
};

/** Rows of the settings stores and the outbox, to prove a refused write left nothing. */
async function snapshot(db: FieldDeskDb) {
  const [teams, routingRules, slaPolicies, calendars, outbox] = await Promise.all(
    ['teams', 'routingRules', 'slaPolicies', 'calendars', 'outbox'].map((t) => db.table(t).toArray()),
  );
  return { teams, routingRules, slaPolicies, calendars, outbox };
}

async function withTeams(repos: TicketRepositories) {
  const s = repos.helpdeskSettings;
  const apps = ok(await s.teams.create({ name: 'Court applications' }));
  const field = ok(await s.teams.create({ name: 'Field support', description: 'North valley' }));
  await repos.tables.systems.put({ id: 'sys-efile', name: 'E-filing', vendor: '', categories: ['Printing'], stamps: {}, deleted: 0 });
  await repos.tables.sites.put({ id: 'site-hoj', agencyId: 'ag-1', name: 'Hall of Justice', address: '', timeZone: null, stamps: {}, deleted: 0 });
  return { s, apps, field };
}

describe('help-desk settings repository', () => {
  it('creates, renames and retires teams; each write is in the outbox; a team still used by a rule is kept', async () => {
    const { db, repos } = await freshDesk();
    const { s, apps } = await withTeams(repos);
    expect((await waitingOps(db)).filter((o) => o.table === 'teams')).toHaveLength(2);
    const renamed = ok(await s.teams.update(apps.id, { name: '  Court apps  ' }));
    expect(renamed.name).toBe('Court apps');
    const rule = ok(await s.routingRules.create({ name: 'E-filing', systemId: 'sys-efile', teamId: apps.id }));
    const refused = await s.teams.retire(apps.id);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/the rule “E-filing”/);
    ok(await s.routingRules.retire(rule.id));
    ok(await s.teams.retire(apps.id));
    const row = await repos.tables.teams.get(apps.id);
    expect(row?.deleted).toBe(1); // a tombstone, not a hard delete
    const last = (await waitingOps(db)).at(-1)!;
    expect(last).toMatchObject({ table: 'teams', id: apps.id });
    expect(last.fields.deleted?.value).toBe(1);
    expect((await s.load()).teams.map((t) => t.name)).toEqual(['Field support']);
    expect((await s.teams.retire(apps.id)).ok).toBe(false);
  });

  it('refuses bad team and rule input with a message per field and writes nothing', async () => {
    const { db, repos } = await freshDesk();
    const { s, apps } = await withTeams(repos);
    const before = await snapshot(db);
    expect(fields(await s.teams.create({ name: '   ' })).name).toBe('Team name is required');
    expect(fields(await s.teams.create({ name: 'x'.repeat(10 * 1024 * 1024) })).name).toMatch(/too long: 10,485,760 characters/);
    expect(fields(await s.routingRules.create({ name: '', teamId: apps.id })).name).toBe('Rule name is required');
    expect(fields(await s.routingRules.create({ name: 'No team', teamId: '' })).teamId).toBe('Team is required');
    expect(fields(await s.routingRules.create({ name: 'Ghost team', teamId: 'team-gone' })).teamId).toBe('Choose a team that exists');
    expect(fields(await s.routingRules.create({ name: 'Ghost system', systemId: 'sys-gone', teamId: apps.id })).systemId).toMatch(/system that exists/);
    expect(fields(await s.routingRules.create({ name: 'Bell\u0007', teamId: apps.id })).name).toMatch(/control character/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('routing rules: blanks are wildcards, new rules go last, the most specific wins, and reordering decides between equals', async () => {
    const { db, repos } = await freshDesk();
    const { s, apps, field } = await withTeams(repos);
    ok(await s.routingRules.retire('rule-1'));
    const broad = ok(await s.routingRules.create({ name: 'Printing anywhere', category: 'Printing', systemId: '', siteId: '', teamId: apps.id }));
    expect(broad).toMatchObject({ systemId: '*', siteId: '*', category: 'Printing', enabled: true });
    const atHoj = ok(await s.routingRules.create({ name: 'Hall of Justice', siteId: 'site-hoj', teamId: field.id }));
    expect(atHoj.order).toBeGreaterThan(broad.order);
    const rules = async () => (await s.load()).rules;
    // Equally specific (one field each): the earlier order wins.
    expect(suggestRoute({ category: 'printing', siteId: 'site-hoj' }, await rules())?.ruleName).toBe('Printing anywhere');
    const moved = ok(await s.routingRules.move(atHoj.id, -1));
    expect(moved.map((r) => r.name)).toEqual(['Hall of Justice', 'Printing anywhere']);
    expect(suggestRoute({ category: 'printing', siteId: 'site-hoj' }, await rules())?.ruleName).toBe('Hall of Justice');
    expect((await s.routingRules.move(atHoj.id, -1)).ok).toBe(false); // already first
    // A more specific rule wins whatever its order.
    const both = ok(await s.routingRules.create({ name: 'Printing at HoJ', category: 'Printing', siteId: 'site-hoj', teamId: apps.id }));
    expect((await rules()).map((r) => r.id)).toEqual([both.id, atHoj.id, broad.id]);
    expect(suggestRoute({ category: 'Printing', siteId: 'site-hoj' }, await rules())?.teamId).toBe(apps.id);
    // Disabled rules are kept but skipped.
    ok(await s.routingRules.update(both.id, { enabled: false }));
    expect(suggestRoute({ category: 'Printing', siteId: 'site-hoj' }, await rules())?.ruleName).toBe('Hall of Justice');
    // reorder renumbers in one transaction; every changed rule is in the outbox.
    await db.outbox.clear();
    const reordered = ok(await s.routingRules.reorder([broad.id, atHoj.id]));
    expect(reordered.map((r) => r.order)).toEqual([10, 20]);
    const ops = await waitingOps(db);
    expect(ops.every((o) => o.table === 'routingRules')).toBe(true);
    expect(ops.map((o) => o.id).sort()).toEqual([atHoj.id, broad.id].sort());
    expect((await s.routingRules.reorder([broad.id, broad.id])).ok).toBe(false);
    expect((await s.routingRules.reorder([broad.id, 'rule-gone'])).ok).toBe(false);
    // Retire is a tombstone and the rule no longer routes.
    ok(await s.routingRules.retire(atHoj.id));
    expect((await repos.tables.routingRules.get(atHoj.id))?.deleted).toBe(1);
    expect(suggestRoute({ siteId: 'site-hoj' }, await rules())).toBeNull();
  });

  it('a rule added in settings routes tickets created afterwards', async () => {
    const { repos, requester } = await freshDesk();
    const { s, field } = await withTeams(repos);
    ok(await s.routingRules.create({ name: 'E-filing at HoJ', systemId: 'sys-efile', siteId: 'site-hoj', teamId: field.id }));
    const { ticket, route } = ok(await repos.tickets.create({ title: 'Filing stuck', requesterId: requester.id, systemId: 'sys-efile', siteId: 'site-hoj' }));
    expect(ticket.teamId).toBe(field.id);
    expect(route?.ruleName).toBe('E-filing at HoJ');
  });

  it('SLA policies: validated targets per priority, one default, one policy per site, outbox rows', async () => {
    const { db, repos } = await freshDesk();
    const { s } = await withTeams(repos);
    const before = await snapshot(db);
    const bad = await s.slaPolicies.create({ name: 'Fast', calendarId: 'cal-1', targets: { ...targets, P1: { firstResponseMinutes: 0, resolutionMinutes: 1.5 } } });
    expect(fields(bad)['targets.P1.firstResponseMinutes']).toBe('First-response target must be at least 1 minute');
    expect(fields(bad)['targets.P1.resolutionMinutes']).toBe('Resolution target must be whole minutes');
    const inverted = await s.slaPolicies.create({ name: 'Inverted', calendarId: 'cal-1', targets: { ...targets, P2: { firstResponseMinutes: 600, resolutionMinutes: 60 } } });
    expect(fields(inverted).targets).toMatch(/cannot be longer than the resolution target/);
    expect(fields(await s.slaPolicies.create({ name: 'No calendar', calendarId: 'cal-gone', targets })).calendarId).toBe('Choose a calendar that exists');
    expect(fields(await s.slaPolicies.create({ name: 'Ghost site', calendarId: 'cal-1', siteIds: ['site-gone'], targets })).siteIds).toBe('Choose sites that exist');
    expect(await snapshot(db)).toEqual(before);

    const hoj = ok(await s.slaPolicies.create({ name: 'Hall of Justice', calendarId: 'cal-1', siteIds: ['site-hoj', 'site-hoj'], targets }));
    expect(hoj.siteIds).toEqual(['site-hoj']);
    expect(hoj.isDefault).toBe(false); // pol-1 is already the default
    const clash = await s.slaPolicies.create({ name: 'Also HoJ', calendarId: 'cal-1', siteIds: ['site-hoj'], targets });
    expect(fields(clash).siteIds).toMatch(/Hall of Justice already has the policy “Hall of Justice”/);

    await db.outbox.clear();
    const edited = ok(await s.slaPolicies.update(hoj.id, { isDefault: true, targets: { ...targets, P1: { firstResponseMinutes: 15, resolutionMinutes: 120 } } }));
    expect(edited.targets.P1).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 120 });
    // Making it the default took the flag from the old default, in the same write.
    expect((await repos.tables.slaPolicies.get('pol-1'))?.isDefault).toBe(false);
    const ops = await waitingOps(db);
    expect(ops.map((o) => o.id).sort()).toEqual([hoj.id, 'pol-1'].sort());
    expect(ops.find((o) => o.id === hoj.id)?.fields.targets).toBeDefined();
    expect((await s.load()).policies.map((p) => p.name)).toEqual(['Hall of Justice', 'Standard']);
    ok(await s.slaPolicies.retire('pol-1'));
    expect((await repos.tables.slaPolicies.get('pol-1'))?.deleted).toBe(1);
  });

  it('the first SLA policy is the default', async () => {
    const { repos } = await freshDesk();
    ok(await repos.helpdeskSettings.slaPolicies.retire('pol-1'));
    const first = ok(await repos.helpdeskSettings.slaPolicies.create({ name: 'Only', calendarId: 'cal-1', targets }));
    expect(first.isDefault).toBe(true);
  });

  it('calendars: zone and hours validated, holidays added and removed (sorted, no repeats), retire refused while in use', async () => {
    const { db, repos } = await freshDesk();
    const s = repos.helpdeskSettings;
    const before = await snapshot(db);
    expect(fields(await s.calendars.create({ name: 'Bad zone', timeZone: 'Mars/Olympus', week: { mon: nine2five } })).timeZone).toMatch(/IANA zone/);
    expect(fields(await s.calendars.create({ name: 'Closed', timeZone: 'UTC', week: {} })).week).toMatch(/at least one day/);
    expect(fields(await s.calendars.create({ name: 'Backwards', timeZone: 'UTC', week: { mon: [{ start: '17:00', end: '08:00' }] } }))['week.mon.0.end']).toBe('End must be after start');
    expect(fields(await s.calendars.create({ name: 'Typo', timeZone: 'UTC', week: { tue: [{ start: '8am', end: '17:00' }] } }))['week.tue.0.start']).toMatch(/Start must be a time/);
    expect(await snapshot(db)).toEqual(before);

    const cal = ok(await s.calendars.create({ name: 'Fresno courts', timeZone: 'America/Los_Angeles', week: { mon: nine2five, tue: nine2five }, holidays: ['2025-12-25', '2025-07-04', '2025-07-04'] }));
    expect(cal.holidays).toEqual(['2025-07-04', '2025-12-25']);
    expect(fields(await s.calendars.addHoliday(cal.id, '2025-02-30')).holiday).toMatch(/date such as/);
    expect(fields(await s.calendars.addHoliday(cal.id, '2025-07-04')).holiday).toBe('2025-07-04 is already a holiday');
    await db.outbox.clear();
    expect(ok(await s.calendars.addHoliday(cal.id, '2025-01-01')).holidays).toEqual(['2025-01-01', '2025-07-04', '2025-12-25']);
    expect(ok(await s.calendars.removeHoliday(cal.id, '2025-07-04')).holidays).toEqual(['2025-01-01', '2025-12-25']);
    const ops = await waitingOps(db);
    expect(ops).toHaveLength(2);
    expect(ops.every((o) => o.table === 'calendars' && o.id === cal.id && 'holidays' in o.fields)).toBe(true);

    const refused = await s.calendars.retire('cal-1');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/calendar of the SLA policy “Standard”/);
    ok(await s.calendars.retire(cal.id));
    expect((await repos.tables.calendars.get(cal.id))?.deleted).toBe(1);
    expect((await s.load()).calendars.map((c) => c.id)).toEqual(['cal-1']);
  });
});
