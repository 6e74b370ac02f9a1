import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { accessRepositories } from '../../../../renderer/src/data/repositories/access';
import { operationsRepositories } from '../../../../renderer/src/data/repositories/operations';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { REMOVED_LIST } from '../../../../shared/operations/recipients';
import { ACCESS_TABLES, expectStoredValid, OPERATIONS_TABLES } from '../support/stored-valid';

let n = 0;
const opened: FieldDeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    if (db.isOpen()) await expectStoredValid(db, [...OPERATIONS_TABLES, ...ACCESS_TABLES]);
    db.close();
    await db.delete();
  }
});

/** A job naming a list of access management's, its run proposed to the list's current members and the job's people. */
async function setup() {
  const db = await openDatabase(`ops-recipients-${++n}`);
  opened.push(db);
  const people = peopleRepository(db);
  const ana = await people.create({ name: 'Ana Ruiz', kind: 'staff', email: 'ana@court.example' });
  const carl = await people.create({ name: 'Carl Diaz', kind: 'requester', email: 'carl@court.example' });
  const dee = await people.create({ name: 'Dee Park', kind: 'requester', email: 'dee@court.example' });
  if (!ana.ok || !carl.ok || !dee.ok) throw new Error('people');
  // Noon in Los Angeles and UTC alike are the same calendar day: the run's "today" does not hang on the test machine's zone.
  let now = '2026-03-02T12:00:00.000Z';
  const actor = { id: ana.value.id, name: 'Ana Ruiz' };
  const access = accessRepositories(db, { now: () => now, actor: async () => actor });
  const ops = operationsRepositories(db, { now: () => now, actor: async () => actor });
  const list = await access.lists.save(null, { name: 'Attendance: Eastside', address: 'attendance-east@court.example' });
  if (!list.ok) throw new Error(list.error.message);
  for (const member of [{ personId: ana.value.id }, { name: 'Vendor Support, Inc.', email: 'support@vendor.example' }, { personId: dee.value.id, endDate: '2026-03-05' }]) {
    const added = await access.lists.addMember(list.value.id, member);
    if (!added.ok) throw new Error(added.error.message);
  }
  const job = await ops.jobs.create({ name: 'Monthly attendance report for Eastside district', customerIds: [carl.value.id], listIds: [list.value.id], checklist: [] });
  if (!job.ok) throw new Error(job.error.message);
  return { db, ops, access, list: list.value, job: job.value, ana: ana.value, carl: carl.value, dee: dee.value, setNow: (v: string) => (now = v) };
}

describe('output job recipients (operations repository, reading access lists)', () => {
  it('offers the lists by name, and proposes the union of the job’s people and the list’s current members', async () => {
    const ctx = await setup();
    expect(await ctx.ops.recipients.listChoices()).toEqual([{ id: ctx.list.id, name: 'Attendance: Eastside' }]);
    const before = await ctx.ops.recipients.forJob(ctx.job);
    expect(before.people.map((p) => p.name)).toEqual(['Ana Ruiz', 'Carl Diaz', 'Dee Park']);
    expect(before.outside).toEqual([{ name: 'Vendor Support, Inc.', email: 'support@vendor.example', via: ['Attendance: Eastside'] }]);
    expect(before.lists).toEqual([{ id: ctx.list.id, name: 'Attendance: Eastside', removed: false, members: 3 }]);

    // Dee's membership ended on the 5th: a week later she is not proposed. Removing Ana takes her off too.
    ctx.setNow('2026-03-12T12:00:00.000Z');
    const anaMembership = (await ctx.db.table('listMemberships').where('listId').equals(ctx.list.id).toArray()).find((m) => m.personId === ctx.ana.id);
    expect((await ctx.access.lists.removeMember(anaMembership.id, 'Moved to the west office')).ok).toBe(true);
    const after = await ctx.ops.recipients.forJob(ctx.job);
    expect(after.people.map((p) => p.name)).toEqual(['Carl Diaz']);
    expect(after.outside.map((o) => o.email)).toEqual(['support@vendor.example']);
  });

  it('a run is distributed to people and outside addresses, recorded by name and address', async () => {
    const ctx = await setup();
    const run = await ctx.ops.runs.runNow(ctx.job.id);
    if (!run.ok) throw new Error(run.error.message);
    expect((await ctx.ops.runs.receive(run.value.id)).ok).toBe(true);
    const proposal = await ctx.ops.recipients.forJob(ctx.job);
    const sent = await ctx.ops.runs.distribute(
      run.value.id,
      proposal.people.map((p) => p.id),
      [...proposal.outside, { name: 'Same vendor', email: 'SUPPORT@vendor.example' }],
    );
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value).toMatchObject({ status: 'distributed', distributedTo: [ctx.ana.id, ctx.carl.id, ctx.dee.id], distributedToOutside: [{ name: 'Vendor Support, Inc.', email: 'support@vendor.example' }] });
    // Outside addresses alone are enough recipients; a bad address changes nothing.
    const other = await ctx.ops.runs.runNow(ctx.job.id);
    if (!other.ok) throw new Error(other.error.message);
    await ctx.ops.runs.receive(other.value.id);
    const bad = await ctx.ops.runs.distribute(other.value.id, [], [{ name: 'Typo', email: 'not an address' }]);
    expect(bad.ok).toBe(false);
    expect((await ctx.ops.runs.get(other.value.id))!.status).not.toBe('distributed');
    expect((await ctx.ops.runs.distribute(other.value.id, [], [{ name: '', email: 'support@vendor.example' }])).ok).toBe(true);
  });

  it('a deleted list, or one not on this device, is "(list removed)" and the people are still proposed', async () => {
    const ctx = await setup();
    const stored = await ctx.db.table('distributionLists').get(ctx.list.id);
    await ctx.db.table('distributionLists').put({ ...stored, deleted: 1 }); // as a pulled deletion
    const job = { ...ctx.job, listIds: [ctx.list.id, 'list-never-here'] };
    const r = await ctx.ops.recipients.forJob(job);
    expect(r.lists.map((l) => l.name)).toEqual([REMOVED_LIST, REMOVED_LIST]);
    expect(r.people.map((p) => p.name)).toEqual(['Carl Diaz']);
    expect(r.outside).toEqual([]);
    expect(await ctx.ops.recipients.listChoices()).toEqual([]);
  });

  it('a job stored before lists existed (no listIds) proposes its people', async () => {
    const ctx = await setup();
    const { listIds: _drop, ...old } = ctx.job;
    void _drop;
    await ctx.db.table('outputJobs').put(old);
    const stored = await ctx.ops.tables.jobs.get(ctx.job.id);
    expect((await ctx.ops.recipients.forJob(stored!)).people.map((p) => p.name)).toEqual(['Carl Diaz']);
  });
});
