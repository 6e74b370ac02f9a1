import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { operationsRepositories } from '../../../../renderer/src/data/repositories/operations';
import { ticketRepositories } from '../../../../renderer/src/data/repositories/tickets';
import { applyPage } from '../../../../renderer/src/sync/apply';
import { waitingOps } from '../../../../renderer/src/sync/pending';
import { expectStoredValid, OPERATIONS_TABLES } from '../support/stored-valid';
import { occurrenceId, occurrenceTicketId, verificationTicketId } from '../../../../shared/operations/ids';
import type { ScheduleInput } from '../../../../shared/operations/schemas';

let n = 0;
const opened: FieldDeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    // What the app wrote is what the server accepts (its tables' stored schemas).
    if (db.isOpen()) await expectStoredValid(db, OPERATIONS_TABLES);
    db.close();
    await db.delete();
  }
});

async function setup(at = '2026-01-02T16:00:00.000Z') {
  const db = await openDatabase(`ops-repo-${++n}`);
  opened.push(db);
  const coordinator = await peopleRepository(db).create({ name: 'Ana Ruiz', kind: 'staff' });
  const clerk = await peopleRepository(db).create({ name: 'Carl Diaz', kind: 'requester' });
  if (!coordinator.ok || !clerk.ok) throw new Error('people');
  let now = at;
  const actor = { id: coordinator.value.id, name: 'Ana Ruiz' };
  const repos = operationsRepositories(db, { now: () => now, actor: async () => actor });
  return { db, repos, coordinator: coordinator.value, clerk: clerk.value, setNow: (v: string) => (now = v) };
}

const patchTuesday = (requesterId: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  kind: 'maintenance',
  name: 'Patch Tuesday — case management',
  timeZone: 'America/Los_Angeles',
  rule: { freq: 'monthly', by: 'nth', nth: 2, nthWeekday: 'tue', start: '2026-01-01', time: '06:00' },
  leadDays: 14,
  template: { title: 'Apply monthly patches', requesterId, priority: 'P2', checklist: [{ id: 'c1', text: 'Snapshot the VM' }, { id: 'c2', text: 'Apply patches' }, { id: 'c3', text: 'Smoke-test e-filing' }] },
  ...extra,
});

describe('occurrence generator', () => {
  it('creates the next maintenance ticket ahead, with its checklist, and only once', async () => {
    const { db, repos, coordinator } = await setup();
    const s = await repos.schedules.create(patchTuesday(coordinator.id));
    if (!s.ok) throw new Error(s.error.message);
    const first = await repos.generator.generate();
    expect(first.problems).toEqual([]);
    expect(first.created.map((o) => o.date)).toEqual(['2026-01-13']);
    const ticket = await repos.tickets.tickets.get(occurrenceTicketId(s.value.id, '2026-01-13'));
    expect(ticket).toMatchObject({ type: 'maintenance', title: 'Apply monthly patches — 2026-01-13', priority: 'P2', requesterId: coordinator.id });
    expect(ticket!.description).toContain('- [ ] Snapshot the VM\n- [ ] Apply patches\n- [ ] Smoke-test e-filing');
    expect(first.created[0]!.plannedAt).toBe('2026-01-13T14:00:00.000Z');

    const again = await repos.generator.generate();
    expect(again.created).toEqual([]);
    expect(again.existing).toBe(1);
    expect(await db.table('tickets').count()).toBe(1);
    expect(await repos.tables.occurrences.count()).toBe(1);
    const tables = (await waitingOps(db)).map((o) => o.table);
    expect(tables).toContain('occurrences');
    expect(tables).toContain('tickets');
    expect(tables).toContain('schedules');
  });

  it('two devices create the same occurrence offline and converge to one record', async () => {
    const a = await setup('2026-01-02T16:00:00.000Z');
    const b = await setup('2026-01-05T18:00:00.000Z');
    // The schedule reached both devices by sync: same id.
    const s = await a.repos.schedules.create(patchTuesday(a.coordinator.id));
    if (!s.ok) throw new Error(s.error.message);
    await b.db.people.put({ ...a.coordinator });
    await b.repos.tables.schedules.put(s.value);
    await a.repos.generator.generate();
    await b.repos.generator.generate();
    const occA = await a.repos.tables.occurrences.toArray();
    const occB = await b.repos.tables.occurrences.toArray();
    expect(occA.map((o) => o.id)).toEqual([occurrenceId(s.value.id, '2026-01-13')]);
    expect(occB.map((o) => o.id)).toEqual(occA.map((o) => o.id));
    // B's records arrive at A by a pull: they merge into A's, nothing is added.
    const fromB = [
      ...occB.map((r) => ({ table: 'occurrences', id: r.id, fields: r as unknown as Record<string, unknown>, stamps: r.stamps, seq: 1 })),
      ...(await b.db.table('tickets').toArray()).map((r) => ({ table: 'tickets', id: r.id, fields: r, stamps: r.stamps, seq: 2 })),
    ];
    await applyPage(a.db, fromB, 'c1');
    expect(await a.repos.tables.occurrences.count()).toBe(1);
    expect(await a.db.table('tickets').count()).toBe(1);
    // Generating again on A after the pull still makes nothing.
    expect((await a.repos.generator.generate()).created).toEqual([]);
  });

  it('"Run now" makes an extra occurrence with a fresh id', async () => {
    const { repos, coordinator } = await setup();
    const s = await repos.schedules.create(patchTuesday(coordinator.id));
    if (!s.ok) throw new Error(s.error.message);
    await repos.generator.generate();
    const extra = await repos.generator.runNow(s.value.id);
    if (!extra.ok) throw new Error(extra.error.message);
    expect(extra.value.extra).toBe(true);
    expect(extra.value.id).not.toBe(occurrenceId(s.value.id, '2026-01-02'));
    expect(await repos.tables.occurrences.count()).toBe(2);
  });

  it('a schedule without a requester says so and creates nothing', async () => {
    const { db, repos } = await setup();
    const bad = await repos.schedules.create(patchTuesday('', {}));
    expect(bad.ok).toBe(false);
    const s = await repos.schedules.create({ ...patchTuesday('x'), template: { title: 'No requester', requesterId: 'ghost' } });
    if (!s.ok) throw new Error(s.error.message);
    const r = await repos.generator.generate();
    expect(r.problems[0]!.message).toMatch(/requester/i);
    expect(await db.table('tickets').count()).toBe(0);
    expect(await repos.tables.occurrences.count()).toBe(0);
  });
});

describe('output runs', () => {
  async function job(ctx: Awaited<ReturnType<typeof setup>>) {
    const s = await ctx.repos.schedules.create({
      kind: 'output',
      name: 'Attendance, monthly',
      timeZone: 'America/Los_Angeles',
      rule: { freq: 'monthly', monthDay: 5, start: '2026-01-01', time: '06:00' },
      shift: 'none',
      leadDays: 7,
      template: { title: 'Attendance report' },
    });
    if (!s.ok) throw new Error(s.error.message);
    const j = await ctx.repos.jobs.create({
      name: 'Monthly attendance report for Eastside district',
      scheduleId: s.value.id,
      customerIds: [ctx.clerk.id],
      expectedTime: '07:30',
      checklist: [
        { id: 'rows', label: 'Student records', kind: 'count', expected: 1200, critical: true },
        { id: 'blank', label: 'Not blank', kind: 'not_blank', critical: true },
        { id: 'look', label: 'Headers and totals look right', kind: 'check' },
      ],
    });
    if (!j.ok) throw new Error(j.error.message);
    return { schedule: s.value, job: j.value };
  }

  it('fails a control total, opens one linked ticket, is corrected and distributed', async () => {
    const ctx = await setup();
    const { schedule } = await job(ctx);
    const gen = await ctx.repos.generator.generate();
    expect(gen.problems).toEqual([]);
    const runId = gen.created[0]!.runId!;
    expect(runId).toBe(ctx.repos.generator.runIdOf(schedule.id, '2026-01-05'));
    const run = await ctx.repos.runs.get(runId);
    expect(run).toMatchObject({ status: 'waiting', expectedAt: '2026-01-05T15:30:00.000Z' });

    expect((await ctx.repos.runs.recordItem(runId, 'rows', { actual: 1 })).ok).toBe(false); // not received
    expect((await ctx.repos.runs.receive(runId)).ok).toBe(true);
    const failed = await ctx.repos.runs.recordItem(runId, 'rows', { actual: 1150, note: 'Eastside Elementary missing' });
    if (!failed.ok) throw new Error(failed.error.message);
    expect(failed.value.status).toBe('failed');
    expect(failed.value.ticketId).toBe(verificationTicketId(runId));
    const ticket = await ctx.repos.tickets.tickets.get(failed.value.ticketId!);
    expect(ticket!.title).toBe('Output verification failed: Monthly attendance report for Eastside district (2026-01-05)');
    expect(ticket!.description).toContain('Student records: expected 1200, got 1150 (Eastside Elementary missing)');

    const refused = await ctx.repos.runs.distribute(runId, [ctx.clerk.id]);
    expect(refused.ok).toBe(false);

    await ctx.repos.runs.recordItem(runId, 'rows', { actual: 1200, note: 'Rerun after fix' });
    await ctx.repos.runs.recordItem(runId, 'blank', { actual: 48 });
    const verified = await ctx.repos.runs.recordItem(runId, 'look', { result: 'pass' });
    if (!verified.ok) throw new Error(verified.error.message);
    expect(verified.value).toMatchObject({ status: 'verified', verifiedBy: ctx.coordinator.id, ticketId: verificationTicketId(runId) });
    expect(await ctx.db.table('tickets').count()).toBe(1);

    expect((await ctx.repos.runs.distribute(runId, [])).ok).toBe(false);
    const sent = await ctx.repos.runs.distribute(runId, [ctx.clerk.id]);
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value).toMatchObject({ status: 'distributed', distributedTo: [ctx.clerk.id], distributedBy: ctx.coordinator.id });
    expect((await ctx.repos.runs.recordItem(runId, 'rows', { actual: 3 })).ok).toBe(false);
  });

  it('an override with a reason lets a critical failure through; without a reason it is refused', async () => {
    const ctx = await setup();
    await job(ctx);
    const runId = (await ctx.repos.generator.generate()).created[0]!.runId!;
    await ctx.repos.runs.receive(runId);
    await ctx.repos.runs.recordItem(runId, 'rows', { actual: 1199 });
    expect((await ctx.repos.runs.override(runId, '   ')).ok).toBe(false);
    const o = await ctx.repos.runs.override(runId, 'One withdrawn student, confirmed with the district');
    expect(o.ok && o.value.override?.by).toBe(ctx.coordinator.id);
    // "Not blank" is still pending and critical: the override covers it too, as the gate reads it.
    expect((await ctx.repos.runs.distribute(runId, [ctx.clerk.id])).ok).toBe(true);
  });
});

describe('reviews', () => {
  it('builds a timeline from an incident, and cannot be final while an action has no owner', async () => {
    const ctx = await setup('2026-01-13T15:00:00.000Z');
    const tickets = ticketRepositories(ctx.db, { now: () => '2026-01-13T15:00:00.000Z', actor: async () => ({ id: ctx.coordinator.id, name: 'Ana Ruiz' }) });
    const incident = await tickets.tickets.create({ title: 'CMS down at Fresno', requesterId: ctx.clerk.id, impact: 'high', urgency: 'high' });
    if (!incident.ok) throw new Error(incident.error.message);
    await tickets.workLog.add(incident.value.ticket.id, { kind: 'internal_note', body: 'Restarted the app pool', minutes: 10 });

    const review = await ctx.repos.reviews.create({ title: 'CMS outage 13 January', incidentIds: [incident.value.ticket.id], ownerId: ctx.coordinator.id });
    if (!review.ok) throw new Error(review.error.message);
    const names = { person: (id: string) => (id === ctx.coordinator.id ? 'Ana Ruiz' : id === ctx.clerk.id ? 'Carl Diaz' : id), ticket: () => incident.value.ticket.number };
    const candidates = await ctx.repos.reviews.candidates(review.value.id, names);
    expect(candidates.map((c) => c.text)).toEqual([`${incident.value.ticket.number} opened by Ana Ruiz`, 'Ana Ruiz (internal note): Restarted the app pool']);
    const picked = await ctx.repos.reviews.pick(review.value.id, candidates);
    if (!picked.ok) throw new Error(picked.error.message);
    expect(picked.value.timeline).toHaveLength(2);
    const edited = await ctx.repos.reviews.saveEntry(review.value.id, { id: picked.value.timeline[1]!.id, at: picked.value.timeline[1]!.at, text: 'App pool restarted; service back' });
    expect(edited.ok && edited.value.timeline[1]!.text).toBe('App pool restarted; service back');

    const a1 = await ctx.repos.reviews.actions.create({ reviewId: review.value.id, title: 'Alert on app pool crashes', ownerId: ctx.coordinator.id, due: '2026-02-01', type: 'prevent' });
    const a2 = await ctx.repos.reviews.actions.create({ reviewId: review.value.id, title: 'Write the restart runbook', type: 'process' });
    if (!a1.ok || !a2.ok) throw new Error('actions');
    await ctx.repos.reviews.update(review.value.id, { summary: 'The CMS was down for 2 hours.' });
    const refused = await ctx.repos.reviews.setStatus(review.value.id, 'final');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('Write the restart runbook');
    await ctx.repos.reviews.actions.update(a2.value.id, { ownerId: ctx.coordinator.id });
    const final = await ctx.repos.reviews.setStatus(review.value.id, 'final');
    expect(final.ok && final.value.status).toBe('final');
    expect((await ctx.repos.reviews.update(review.value.id, { summary: 'changed' })).ok).toBe(false);
    // Final: its actions keep owners; status still moves.
    expect((await ctx.repos.reviews.actions.update(a2.value.id, { ownerId: null })).ok).toBe(false);
    expect((await ctx.repos.reviews.actions.create({ reviewId: review.value.id, title: 'Ownerless' })).ok).toBe(false);
    expect((await ctx.repos.reviews.actions.update(a2.value.id, { status: 'done' })).ok).toBe(true);
  });
});

describe('changes', () => {
  it('records approval with who and when; done needs an outcome', async () => {
    const ctx = await setup();
    const c = await ctx.repos.changes.create({ title: 'Upgrade e-filing to 4.2', systemIds: ['efile'], plannedStart: '2026-01-10T06:00:00Z', plannedEnd: '2026-01-10T08:00:00Z' });
    if (!c.ok) throw new Error(c.error.message);
    expect((await ctx.repos.changes.setStatus(c.value.id, 'in_progress')).ok).toBe(false);
    const approved = await ctx.repos.changes.approve(c.value.id);
    expect(approved.ok && approved.value).toMatchObject({ status: 'approved', approvedBy: ctx.coordinator.id, approvedAt: '2026-01-02T16:00:00.000Z' });
    expect((await ctx.repos.changes.setStatus(c.value.id, 'done')).ok).toBe(false);
    // A form saving its (stale) copy does not undo the approval.
    await ctx.repos.changes.update(c.value.id, { ...c.value, outcome: 'successful' });
    expect(await ctx.repos.tables.changes.get(c.value.id)).toMatchObject({ status: 'approved', approvedBy: ctx.coordinator.id, outcome: 'successful' });
    expect((await ctx.repos.changes.setStatus(c.value.id, 'done')).ok).toBe(true);
    expect((await ctx.repos.changes.create({ title: 'x', plannedStart: '2026-01-10T06:00:00Z', plannedEnd: '2026-01-10T05:00:00Z' })).ok).toBe(false);
  });
});
