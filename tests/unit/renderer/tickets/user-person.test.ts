import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { markRemote } from '../../../../renderer/src/data/changelog';
import { openDatabase } from '../../../../renderer/src/data/db';
import { peopleRepository } from '../../../../renderer/src/data/repositories/people';
import { profileRepository } from '../../../../renderer/src/data/repositories/profile';
import { cachedActor, ticketRepositories } from '../../../../renderer/src/data/repositories/tickets';
import { waitingCount } from '../../../../renderer/src/sync/pending';
import { signIn } from '../../../../renderer/src/sync/session';
import { matchesFilter } from '../../../../shared/tickets/views';
import type { Ticket } from '../../../../shared/tickets/schema';
import { loadLookups } from '../../../../renderer/src/features/reports/export/export-incident-log';
import { incidentRow, workLogRow } from '../../../../shared/export/incident-row';
import { closeAll, freshDesk, opened } from './setup';

// The export module talks to main through the bridge; these tests use only its lookups.
vi.mock('../../../../renderer/src/platform/bridge', () => ({ platform: {} }));

afterAll(closeAll);

async function fresh() {
  const db = await openDatabase(`user-person-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return { db, profile: profileRepository(db) };
}

describe('the user is a person in the directory', () => {
  it('onboarding makes the profile a staff person, kept out of the outbox, renamed with the profile', async () => {
    const { db, profile } = await fresh();
    const saved = await profile.save({ staffName: 'Tess Nguyen', deviceName: 'Laptop 7' });
    if (!saved.ok) throw new Error(saved.error.message);
    const personId = saved.value.personId!;
    expect(await db.people.get(personId)).toMatchObject({ name: 'Tess Nguyen', kind: 'staff', deleted: 0 });
    // The stand-in is this device's view of its user, not a directory entry to send.
    expect(await waitingCount(db)).toBe(0);
    // The repository names the actor after it: "(me)", history and the work log resolve to a name.
    expect(await cachedActor(db)()).toEqual({ id: personId, name: 'Tess Nguyen' });

    await profile.save({ staffName: 'Tess Nguyen-Park', deviceName: 'Laptop 7' });
    expect(await db.people.get(personId)).toMatchObject({ name: 'Tess Nguyen-Park' });
    expect((await profile.get())?.personId).toBe(personId);
    expect(await waitingCount(db)).toBe(0);
  });

  it('a profile from before gains its person, and one a resync dropped comes back with the same id', async () => {
    const { db, profile } = await fresh();
    await db.meta.put({ key: 'profile', value: { staffName: 'Omar Haddad', deviceName: 'Old laptop', createdAt: '2025-01-01T00:00:00.000Z' } });
    const first = await profile.ensurePerson();
    expect(first?.personId).toBeTruthy();
    // As a full resync removes a record the server never had (a remote transaction may delete).
    await db.transaction('rw', db.people, async (tx) => {
      markRemote(tx.idbtrans);
      await db.people.delete(first!.personId!);
    });
    expect(await db.people.get(first!.personId!)).toBeUndefined();
    const again = await profile.ensurePerson();
    expect(again?.personId).toBe(first!.personId);
    expect(await db.people.get(first!.personId!)).toMatchObject({ name: 'Omar Haddad', kind: 'staff' });
  });

  it('after sign-in the account person is the actor, and "me" matches work assigned under either id', async () => {
    const { db, profile } = await fresh();
    const saved = await profile.save({ staffName: 'Tess Nguyen', deviceName: 'Laptop 7' });
    if (!saved.ok) throw new Error('setup');
    const local = saved.value.personId!;
    const signedIn = await profile.setAccountPerson('acct-person-1');
    expect(signedIn).toMatchObject({ personId: local, accountPersonId: 'acct-person-1' });
    // Hidden from the directory now that the account's own record is the user, but still named.
    expect(await db.people.get(local)).toMatchObject({ name: 'Tess Nguyen', deleted: 1 });
    const actor = await ticketRepositories(db).actor();
    expect(actor).toEqual({ id: 'acct-person-1', name: 'Tess Nguyen', ids: ['acct-person-1', local] });

    const ticket = (assigneeId: string | null) => ({ assigneeId, deleted: 0, status: 'open', priority: 'P3', tags: [] }) as unknown as Ticket;
    const ctx = { meId: actor.id, meIds: actor.ids, now: '2026-01-01T00:00:00.000Z', endOfToday: '2026-01-02T00:00:00.000Z' };
    expect(matchesFilter(ticket(local), { assignee: 'me' }, ctx)).toBe(true);
    expect(matchesFilter(ticket('acct-person-1'), { assignee: 'me' }, ctx)).toBe(true);
    expect(matchesFilter(ticket('someone-else'), { assignee: 'me' }, ctx)).toBe(false);
    expect(matchesFilter(ticket(null), { assignee: 'me' }, ctx)).toBe(false);

    // Signing in as nobody's account again shows the stand-in.
    await profile.setAccountPerson(null);
    expect(await db.people.get(local)).toMatchObject({ deleted: 0 });
  });

  it('in People the stand-in is edited on this device only, cannot be removed, and steps aside for a directory namesake', async () => {
    const { db, profile } = await fresh();
    const saved = await profile.save({ staffName: 'Rosa Field', deviceName: 'Laptop' });
    if (!saved.ok) throw new Error('setup');
    const me = saved.value.personId!;
    const people = peopleRepository(db);
    expect(await people.update(me, { phone: '559-555-0100', kind: 'requester' })).toMatchObject({ ok: true, value: { phone: '559-555-0100', kind: 'staff' } });
    expect(await waitingCount(db)).toBe(0);
    expect(await people.remove(me)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // A coordinator's staff record for the same person reaches the directory: one Rosa Field is listed.
    await people.create({ name: 'Rosa Field', kind: 'staff', email: 'rfield@agency.gov' });
    const listed = (await people.list()).filter((p) => p.name === 'Rosa Field');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ email: 'rfield@agency.gov' });
  });

  it('the incident log names the user as assignee and as work-log author (not a raw id)', async () => {
    const desk = await freshDesk();
    const saved = await profileRepository(desk.db).save({ staffName: 'Tess Nguyen', deviceName: 'Laptop 7' });
    if (!saved.ok) throw new Error('setup');
    const repos = ticketRepositories(desk.db); // the real actor: the person at the keyboard
    const me = await repos.actor();
    const made = await repos.tickets.create({ title: 'Jury kiosk frozen', requesterId: desk.requester.id, assigneeId: me.id });
    if (!made.ok) throw new Error(made.error.message);
    const entry = await repos.workLog.add(made.value.ticket.id, { kind: 'phone_call', body: 'Called the clerk back', minutes: 5 });
    if (!entry.ok) throw new Error(entry.error.message);
    const lookups = await loadLookups(desk.db);
    const ticket = (await desk.db.table('tickets').get(made.value.ticket.id)) as Ticket;
    expect(incidentRow(ticket, [entry.value], lookups, '2026-01-01T00:00:00.000Z')).toMatchObject({ assignee: 'Tess Nguyen' });
    expect(workLogRow(entry.value, ticket.number, lookups)).toMatchObject({ author: 'Tess Nguyen' });
  });

  it('sign-in sends the local person id and keeps the account person the server returns', async () => {
    const fetchMock = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      expect(body).toEqual({ email: 'tess@agency.gov', password: 'pw', localPersonId: 'local-1' });
      return new Response(JSON.stringify({ token: 't', expiresAt: 1, serverTime: Date.now(), user: { id: 'u1', email: 'tess@agency.gov', name: 'Tess', role: 'technician', personId: 'acct-1' } }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    const res = await signIn('http://sync.test', 'tess@agency.gov', 'pw', fetchMock as unknown as typeof fetch, Date.now, { localPersonId: 'local-1' });
    expect(res).toMatchObject({ ok: true, value: { user: { personId: 'acct-1', role: 'technician' } } });
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
