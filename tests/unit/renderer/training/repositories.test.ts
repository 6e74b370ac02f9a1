import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FieldDeskDb } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { trainingRepositories, type TrainingRepositories } from '../../../../renderer/src/data/repositories/training';
import { waitingOps, waitingCount } from '../../../../renderer/src/sync/pending';

let n = 0;
const opened: FieldDeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A database and repositories standing at a fixed time (the door opens at 8:55 UTC on March 10). */
async function setup(at = '2026-03-10T08:55:00.000Z') {
  const db = await openDatabase(`training-repo-${++n}`);
  opened.push(db);
  let now = at;
  const repos = trainingRepositories(db, { now: () => now });
  return { db, repos, setNow: (v: string) => (now = v) };
}

const sessionInput = (courseId: string, extra: Record<string, unknown> = {}) => ({
  courseId,
  startLocal: '2026-03-10T09:00',
  timeZone: 'UTC',
  durationMinutes: 120,
  location: 'Hall of Justice, Room 204',
  capacity: 2,
  ...extra,
});

async function courseAndSession(repos: TrainingRepositories, extra: Record<string, unknown> = {}) {
  const course = await repos.courses.create({ title: 'Odyssey Case Initiation', system: 'Odyssey' });
  if (!course.ok) throw new Error(course.error.message);
  const saved = await repos.sessions.create(sessionInput(course.value.id, extra));
  if (!saved.ok) throw new Error(saved.error.message);
  return { course: course.value, session: saved.value.session };
}

const walkIn = (name: string) => ({ kind: 'walkIn' as const, name, agency: 'Fresno Superior Court', email: '' });

describe('training repositories', () => {
  it('every write produces an outbox entry for its table, stamped by this device', async () => {
    const { db, repos } = await setup();
    const { course, session } = await courseAndSession(repos);
    const reg = await repos.registrations.register(session.id, walkIn('Ana Ruiz'));
    if (!reg.ok) throw new Error(reg.error.message);
    const mark = await repos.attendance.mark({ registrationId: reg.value.registrationId, mark: 'present', takenBy: 'staff-1' });
    expect(mark.ok).toBe(true);
    const material = await repos.materials.create({ title: 'Filing a case', system: 'Odyssey', body: '# Steps' });
    if (!material.ok) throw new Error(material.error.message);
    const published = await repos.materials.publish(material.value.id, 'staff-1');
    expect(published.ok && published.value.version).toBe(1);

    const outbox = await waitingOps(db);
    expect(outbox.map((e) => e.table)).toEqual(['courses', 'sessions', 'registrations', 'attendance', 'materials', 'materialVersions', 'materials']);
    expect(outbox.map((e) => e.id)).toEqual([course.id, session.id, reg.value.registrationId, mark.ok ? mark.value.id : '', material.value.id, published.ok ? published.value.id : '', material.value.id]);
    const storedSession = await repos.tables.sessions.get(session.id);
    expect(outbox[1]!.fields.startLocal?.stamp).toBe(storedSession!.stamps.startLocal);
    // Publishing bumps only the version number of the working copy (the clock stands still here).
    expect(Object.keys(outbox[6]!.fields)).toEqual(['version']);
  });

  it('bad input gets field messages and writes nothing: invalid date, skipped hour, no course, no place', async () => {
    const { db, repos } = await setup();
    const course = await repos.courses.create({ title: 'Odyssey Case Initiation', system: 'Odyssey' });
    if (!course.ok) throw new Error('course');
    const before = await waitingCount(db);

    const badDate = await repos.sessions.create(sessionInput(course.value.id, { startLocal: '2026-02-30T09:00' }));
    expect(badDate).toMatchObject({ ok: false, error: { code: 'invalid_request', fields: { startLocal: expect.stringContaining('not a date') } } });
    const skipped = await repos.sessions.create(sessionInput(course.value.id, { startLocal: '2026-03-08T02:30', timeZone: 'America/Los_Angeles' }));
    expect(skipped).toMatchObject({ ok: false, error: { fields: { startLocal: expect.stringContaining('clocks skip') } } });
    const nowhere = await repos.sessions.create(sessionInput(course.value.id, { location: '' }));
    expect(nowhere).toMatchObject({ ok: false, error: { fields: { location: 'Give a location or an online meeting link' } } });
    const noCourse = await repos.sessions.create(sessionInput('no-such-course'));
    expect(noCourse).toMatchObject({ ok: false, error: { code: 'not_found', fields: { courseId: 'Choose a course' } } });
    const noTitle = await repos.courses.create({ title: ' ', system: 'Odyssey' });
    expect(noTitle).toMatchObject({ ok: false, error: { fields: { title: 'Title is required' } } });

    expect(await repos.tables.sessions.count()).toBe(0);
    expect(await waitingCount(db)).toBe(before);
  });

  it('warns (and still saves) when a trainer is booked for two sessions at once', async () => {
    const { db, repos } = await setup();
    const trainer = await peopleRepository(db).create({ name: 'Pat Trainer', kind: 'staff' });
    if (!trainer.ok) throw new Error('trainer');
    const { course } = await courseAndSession(repos, { trainerIds: [trainer.value.id] });
    const second = await repos.sessions.create(sessionInput(course.id, { startLocal: '2026-03-10T10:00', trainerIds: [trainer.value.id] }));
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.warnings).toHaveLength(1);
    expect(second.value.warnings[0]!.message).toMatch(/^Pat Trainer is booked for two sessions at once/);
    expect(await repos.sessions.list()).toHaveLength(2);
    const apart = await repos.sessions.create(sessionInput(course.id, { startLocal: '2026-03-10T12:00', trainerIds: [trainer.value.id] }));
    expect(apart.ok && apart.value.warnings).toEqual([]);
  });

  it('a full session wait-lists newcomers; a cancellation moves the first in line up in one transaction', async () => {
    const { db, repos, setNow } = await setup();
    const { session } = await courseAndSession(repos); // capacity 2
    const ids: string[] = [];
    for (const [i, name] of ['Ana Ruiz', 'Ben Okafor', 'Cy Tran', 'Dee Park'].entries()) {
      setNow(`2026-03-01T10:0${i}:00.000Z`);
      const r = await repos.registrations.register(session.id, walkIn(name));
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.registrationId);
    }
    const byId = async () => new Map((await repos.registrations.forSession(session.id)).map((r) => [r.id, r.status]));
    expect([...(await byId()).values()]).toEqual(['registered', 'registered', 'waitlisted', 'waitlisted']);
    expect((await repos.registrations.waitlist(session.id)).map((r) => r.id)).toEqual([ids[2], ids[3]]);

    const outboxBefore = await waitingCount(db);
    setNow('2026-03-02T10:00:00.000Z');
    const cancelled = await repos.registrations.cancel(ids[0]!);
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    expect(cancelled.value.promoted.map((r) => r.id)).toEqual([ids[2]]);
    const after = await byId();
    expect([after.get(ids[0]!), after.get(ids[2]!), after.get(ids[3]!)]).toEqual(['cancelled', 'registered', 'waitlisted']);
    // Both writes were logged; they share the transaction, so they share the `at` of the change.
    const log = (await waitingOps(db)).slice(outboxBefore);
    expect(log.map((e) => [e.id, e.fields.status?.value])).toEqual([
      [ids[0], 'cancelled'],
      [ids[2], 'registered'],
    ]);
  });

  it('a failed promotion rolls back the cancellation too: nothing changes', async () => {
    const { db, repos } = await setup();
    const { session } = await courseAndSession(repos, { capacity: 1 });
    const first = await repos.registrations.register(session.id, walkIn('Ana Ruiz'));
    const waiting = await repos.registrations.register(session.id, walkIn('Ben Okafor'));
    if (!first.ok || !waiting.ok) throw new Error('register');
    expect(waiting.value).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const statuses = async () => (await repos.registrations.forSession(session.id)).map((r) => r.status).sort();
    const outboxBefore = await waitingCount(db);

    // Make the promotion's write fail: the waiting registration is refused by a hook on its put.
    const hook = (_mods: object, _key: string, obj: { id: string }) => {
      if (obj.id === waiting.value.registrationId) throw new Error('disk full');
    };
    repos.tables.registrations.hook('updating', hook);
    await expect(repos.registrations.cancel(first.value.registrationId)).rejects.toThrow('disk full');
    repos.tables.registrations.hook('updating').unsubscribe(hook);

    expect(await statuses()).toEqual(['registered', 'waitlisted']);
    expect(await waitingCount(db)).toBe(outboxBefore);
  });

  it('adding seats pulls people off the wait list with the session edit', async () => {
    const { repos } = await setup();
    const { session } = await courseAndSession(repos, { capacity: 1 });
    await repos.registrations.register(session.id, walkIn('Ana Ruiz'));
    const waiting = await repos.registrations.register(session.id, walkIn('Ben Okafor'));
    if (!waiting.ok) throw new Error('register');
    const more = await repos.sessions.update(session.id, { capacity: 3 });
    expect(more.ok && more.value.promoted).toBe(1);
    expect((await repos.tables.registrations.get(waiting.value.registrationId))?.status).toBe('registered');
  });

  it('refuses a duplicate registration and a walk-in without a name, changing nothing', async () => {
    const { db, repos } = await setup();
    const { session } = await courseAndSession(repos);
    const person = await peopleRepository(db).create({ name: 'Marisol Vega' });
    if (!person.ok) throw new Error('person');
    expect((await repos.registrations.register(session.id, { kind: 'person', personId: person.value.id })).ok).toBe(true);
    const count = await waitingCount(db);
    expect(await repos.registrations.register(session.id, { kind: 'person', personId: person.value.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Already registered for this session.' } });
    expect(await repos.registrations.register(session.id, walkIn(''))).toMatchObject({ ok: false, error: { fields: { name: 'Name is required' } } });
    expect(await waitingCount(db)).toBe(count);
  });

  it('takes attendance append-only: a correction is a new record, and the latest mark counts', async () => {
    const { repos, setNow } = await setup();
    const { session } = await courseAndSession(repos);
    const reg = await repos.registrations.register(session.id, walkIn('Ana Ruiz'));
    if (!reg.ok) throw new Error('register');
    setNow('2026-03-10T06:00:00.000Z');
    expect(await repos.attendance.mark({ registrationId: reg.value.registrationId, mark: 'present', takenBy: 'staff-1' })).toMatchObject({
      ok: false,
      error: { message: 'Attendance opens two hours before the session starts.' },
    });
    setNow('2026-03-10T09:05:00.000Z');
    await repos.attendance.mark({ registrationId: reg.value.registrationId, mark: 'absent', takenBy: 'staff-1' });
    setNow('2026-03-10T09:20:00.000Z');
    await repos.attendance.mark({ registrationId: reg.value.registrationId, mark: 'late', takenBy: 'staff-1' });
    const records = await repos.attendance.forSession(session.id);
    expect(records.map((r) => r.mark)).toEqual(['absent', 'late']);

    setNow('2026-03-10T11:30:00.000Z');
    const done = await repos.attendance.recordCompletions(session.id, { issueCertificates: true });
    expect(done).toEqual({ ok: true, value: { created: 1, removed: 0 } });
    const [completion] = await repos.attendance.completions(session.id);
    expect(completion?.certificateNumber).toMatch(/^FD-20260310-[0-9A-F]{6}$/);
    // Running it again adds nothing.
    expect(await repos.attendance.recordCompletions(session.id, { issueCertificates: true })).toEqual({ ok: true, value: { created: 0, removed: 0 } });
  });

  it('refuses an image that is not really an image, keeping the saved handout', async () => {
    const { repos } = await setup();
    const m = await repos.materials.create({ title: 'Filing a case', system: 'Odyssey', body: 'Text' });
    if (!m.ok) throw new Error('material');
    const fake = `data:image/png;base64,${btoa('<svg onload="alert(1)"></svg>')}`;
    const res = await repos.materials.update(m.value.id, { body: 'Changed', images: [{ id: 'a', name: 'evil.png', dataUri: fake }] });
    expect(res).toMatchObject({ ok: false, error: { message: expect.stringContaining('not really an image') } });
    expect((await repos.materials.get(m.value.id))?.body).toBe('Text');
  });
});
