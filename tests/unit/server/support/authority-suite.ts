import type { FastifyInstance } from 'fastify';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/db';
import { migrate } from '../../../../server/db/migrations';
import { conflictRecord } from '../../../../server/sync/conflicts';
import { CONFLICTS_TABLE, type Role } from '../../../../shared/sync/protocol';
import { SYNC_TABLE_NAMES, SYNC_TABLES } from '../../../../shared/sync/tables';
import type { SyncTableSpec } from '../../../../shared/sync/tables-spec';
import { addUser, bearer, makeApp, PASSWORD, pullAll, push, resetDb, stampAt, T0, testClock } from './harness';
import { FIELD_EDITS, REQUEST_ID, storePrerequisites, validRecord, type Who } from './valid-records';

/**
 * The server as the authority (issue 19), on every storage engine: who a
 * device is, who may write what (a role × table × field matrix written out
 * here independently of the specs), valid records only, and authorship of
 * audit entries.
 */

const ALL: readonly Role[] = ['technician', 'coordinator', 'admin'];
const MANAGERS: readonly Role[] = ['coordinator', 'admin'];
const ROLES = ALL;

/** Who may create a record of each table (for roster tables: of a session they train; for sessions: one they train). */
const MAY_CREATE: Record<string, readonly Role[]> = {
  people: ALL, // a requester
  tickets: ALL,
  workLog: ALL,
  ticketHistory: ALL,
  ticketLinks: ALL,
  ticketAttachments: ALL,
  agencies: MANAGERS,
  teams: MANAGERS,
  sites: MANAGERS,
  systems: MANAGERS,
  routingRules: MANAGERS,
  slaPolicies: MANAGERS,
  calendars: MANAGERS,
  courses: MANAGERS,
  sessions: ALL,
  registrations: ALL,
  attendance: ALL,
  completions: ALL,
  // Documents: every role drafts (the valid record is a draft); publishing is checked in shared/inform's rule tests.
  materials: ALL,
  materialVersions: ALL,
  cannedResponses: MANAGERS,
  reportDefinitions: ALL,
  ticketDocuments: ALL,
  informSettings: MANAGERS,
  // Access (issue 21): technicians draft and submit requests and tick steps; coordinators and admins keep the catalog,
  // record approvals, revocations, leavers and campaigns. A technician's grant is of an approved request (request-1).
  entitlements: MANAGERS,
  sodRules: MANAGERS,
  accessRequests: ALL,
  approvals: MANAGERS,
  grants: ALL,
  provisioningSteps: ALL,
  revocations: MANAGERS,
  departures: MANAGERS,
  accessAudit: ALL,
  accessAttachments: ALL,
  reviewCampaigns: MANAGERS,
  reviewItems: MANAGERS,
  reviewDecisions: ALL,
  distributionLists: ALL,
  listMemberships: ALL,
  listLog: ALL,
  // Operations (issue 22): coordinators and admins set up what repeats; every role works what comes of it.
  schedules: MANAGERS,
  outputJobs: MANAGERS,
  maintenanceWindows: MANAGERS,
  occurrences: ALL,
  outputRuns: ALL,
  changes: ALL,
  reviews: ALL,
  actionItems: ALL,
};
/** Who may edit the fields in FIELD_EDITS (of a requester; of a session they train; a grant's terms; a revocation's substance). */
const MAY_EDIT: Record<string, readonly Role[]> = { ...MAY_CREATE, grants: MANAGERS };
/** Who may delete (tombstone) a record (people: a requester; a submitted request; a grant). */
const MAY_DELETE: Record<string, readonly Role[]> = { ...MAY_CREATE, grants: MANAGERS, accessRequests: MANAGERS };
/** Tables whose records name the person who entered them: the admin's base record names the admin. */
const BASE_NAMES_ITS_MAKER = new Set(['accessRequests', 'revocations', 'departures', 'reviewCampaigns']);

interface Actor extends Who {
  role: Role;
  email: string;
  token: string;
}

async function signInAs(app: FastifyInstance, email: string, body: Record<string, unknown> = {}) {
  return app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email, password: PASSWORD, ...body }, remoteAddress: '10.1.0.1' });
}

const counters = new Map<string, number>();
/** An op of `who`'s device; a fresh deviceSeq each time unless given. */
function opOf(who: Pick<Who, 'deviceId'>, table: string, id: string, fields: Record<string, unknown>, wall = T0, seq?: number) {
  const deviceSeq = seq ?? (counters.get(who.deviceId) ?? 0) + 1;
  counters.set(who.deviceId, Math.max(deviceSeq, counters.get(who.deviceId) ?? 0));
  const stamp = stampAt(wall, who.deviceId);
  return { opId: `${who.deviceId}-${deviceSeq}-${id}`, deviceId: who.deviceId, deviceSeq, table, id, fields: Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value, stamp }])) };
}

async function stored(db: Db, table: string, id: string): Promise<Record<string, unknown> | null> {
  const r = await db.query<{ fields: Record<string, unknown>; stamps: Record<string, string> }>('SELECT fields, stamps FROM records WHERE tbl = $1 AND id = $2', [table, id]);
  const row = r.rows[0];
  return row && Object.keys(row.stamps).length > 0 ? row.fields : null;
}

export function describeAuthority(label: string, getDb: () => Promise<Db>): void {
  describe(`the server as the authority on ${label}`, () => {
    let db: Db;
    let app: FastifyInstance;
    let clock: ReturnType<typeof testClock>;
    const actors = {} as Record<Role | 'tech2', Actor>;
    let wall = T0;
    const later = () => (wall += 10);

    const pushAs = async (who: Actor, ops: unknown[]) => {
      const res = await push(app, who.token, ops);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    /** One op's outcome: 'applied' or its rejection code. */
    const outcome = async (who: Actor, o: ReturnType<typeof opOf>) => {
      const body = await pushAs(who, [o]);
      if (body.applied.includes(o.opId)) return 'applied';
      return body.rejected.find((r) => r.opId === o.opId)?.code ?? 'missing';
    };

    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
      await resetDb(db);
      clock = testClock();
      app = makeApp(db, clock);
      const accounts: [Role | 'tech2', Role][] = [['technician', 'technician'], ['coordinator', 'coordinator'], ['admin', 'admin'], ['tech2', 'technician']];
      for (const [key, role] of accounts) {
        const email = `${key}@agency.gov`;
        await addUser(db, email, role);
        const res = await signInAs(app, email, { deviceId: `dev-${key}` });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { token: string; user: { personId: string } };
        actors[key] = { role, email, token: body.token, personId: body.user.personId, deviceId: `dev-${key}` };
      }
    });
    beforeEach(() => {
      clock.set(T0);
    });

    it('every synced table states a rule and a schema', () => {
      for (const name of SYNC_TABLE_NAMES) {
        const spec = SYNC_TABLES[name] as SyncTableSpec;
        expect(spec.rule, name).toBeDefined();
        expect(spec.schema, name).toBeDefined();
        expect(spec.rule!.summary.length, name).toBeGreaterThan(0);
      }
    });

    describe('role × table × field matrix', () => {
      beforeAll(async () => {
        await storePrerequisites(db, T0);
        // A session each role trains, made by an admin: roster records of it are that role's to write.
        const admin = actors.admin;
        const ops = ROLES.map((role) => opOf(admin, 'sessions', `trained-by-${role}`, validRecord('sessions', actors[role])));
        const body = await pushAs(admin, ops);
        expect(body.rejected).toEqual([]);
      });

      for (const table of Object.keys(MAY_CREATE)) {
        for (const role of ROLES) {
          it(`${role} on ${table}: create, edit each field, delete`, async () => {
            const who = actors[role];
            const sessionId = `trained-by-${role}`;
            const spec = SYNC_TABLES[table as keyof typeof SYNC_TABLES] as SyncTableSpec;
            // Create.
            const id = `${table}-${role}-created`;
            const created = await outcome(who, opOf(who, table, id, validRecord(table, who, sessionId), later()));
            const mayCreate = MAY_CREATE[table]!.includes(role);
            expect(created, `create ${table} as ${role}`).toBe(mayCreate ? 'applied' : 'forbidden');
            expect(await stored(db, table, id), `stored ${table}`).toEqual(mayCreate ? expect.objectContaining({ deleted: 0 }) : null);
            if (spec.merge === 'append') return; // entries are never edited or deleted

            // Edits of each field and a delete, of a record an admin made (for sessions: one this role trains).
            const baseId = `${table}-${role}-base`;
            const maker = BASE_NAMES_ITS_MAKER.has(table) ? actors.admin : who;
            expect(await outcome(actors.admin, opOf(actors.admin, table, baseId, validRecord(table, maker, sessionId), later()))).toBe('applied');
            for (const [field, value] of Object.entries(FIELD_EDITS[table] ?? {})) {
              const before = await stored(db, table, baseId);
              const res = await outcome(who, opOf(who, table, baseId, { [field]: value }, later()));
              const may = MAY_EDIT[table]!.includes(role);
              expect(res, `edit ${table}.${field} as ${role}`).toBe(may ? 'applied' : 'forbidden');
              expect((await stored(db, table, baseId))![field], `${table}.${field} after ${role}'s edit`).toEqual(may ? value : before![field]);
            }
            const deleted = await outcome(who, opOf(who, table, baseId, { deleted: 1 }, later()));
            const mayDelete = MAY_DELETE[table]!.includes(role);
            expect(deleted, `delete ${table} as ${role}`).toBe(mayDelete ? 'applied' : 'forbidden');
            expect((await stored(db, table, baseId))!.deleted).toBe(mayDelete ? 1 : 0);
          });
        }
      }

      it('covers every synced table', () => {
        expect(Object.keys(MAY_CREATE).sort()).toEqual([...SYNC_TABLE_NAMES].sort());
      });

      it('training: a technician who does not train the session may not change it, its roster, attendance or completions', async () => {
        const tech = actors.technician;
        const notHis = 'trained-by-coordinator';
        expect(await outcome(tech, opOf(tech, 'sessions', notHis, { notes: 'mine now' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'sessions', 'made-for-another', validRecord('sessions', actors.coordinator), later()))).toBe('forbidden');
        for (const table of ['registrations', 'attendance', 'completions']) {
          const res = await outcome(tech, opOf(tech, table, `${table}-not-his`, validRecord(table, tech, notHis), later()));
          expect(res, table).toBe('forbidden');
          expect(await stored(db, table, `${table}-not-his`)).toBeNull();
        }
        // A roster record of a session that does not exist is a coordinator's to make, not a technician's.
        expect(await outcome(tech, opOf(tech, 'registrations', 'reg-nowhere', validRecord('registrations', tech, 'no-such-session'), later()))).toBe('forbidden');
      });

      it('people: requesters are everyone’s; staff records, kind and role are for coordinators and admins; own contact details are the user’s', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        // Another person's staff record.
        expect(await outcome(tech, opOf(tech, 'people', 'staff-by-tech', { ...validRecord('people', tech), kind: 'staff' }, later()))).toBe('forbidden');
        expect(await outcome(coord, opOf(coord, 'people', 'staff-1', { ...validRecord('people', coord), kind: 'staff' }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'people', 'staff-1', { phone: '555-9999' }, later()))).toBe('forbidden');
        // A requester made staff, or given a role.
        expect(await outcome(tech, opOf(tech, 'people', 'req-1', validRecord('people', tech), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'people', 'req-1', { kind: 'staff' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'people', 'req-1', { role: 'admin' }, later()))).toBe('forbidden');
        expect(await outcome(coord, opOf(coord, 'people', 'req-1', { kind: 'staff' }, later()))).toBe('applied');
        // Their own staff record (made by the server for the account): contact details yes, kind no.
        const own = await stored(db, 'people', tech.personId);
        expect(own).toMatchObject({ kind: 'staff', email: tech.email });
        expect(await outcome(tech, opOf(tech, 'people', tech.personId, { phone: '555-0199', title: 'Field technician' }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'people', tech.personId, { kind: 'requester' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'people', tech.personId, { deleted: 1 }, later()))).toBe('forbidden');
        expect(await stored(db, 'people', tech.personId)).toMatchObject({ kind: 'staff', phone: '555-0199', title: 'Field technician', deleted: 0 });
        // Not someone else's.
        expect(await outcome(tech, opOf(tech, 'people', actors.tech2.personId, { phone: '555-0000' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'people', actors.tech2.personId, { deleted: 1 }, later()))).toBe('forbidden');
        expect(await outcome(actors.admin, opOf(actors.admin, 'people', actors.tech2.personId, { title: 'Trainer' }, later()))).toBe('applied');
      });

      it('tickets: anyone deletes; only coordinators and admins restore a deleted ticket', async () => {
        const tech = actors.technician;
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-undelete', validRecord('tickets', tech), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-undelete', { deleted: 1 }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-undelete', { deleted: 0 }, later()))).toBe('forbidden');
        expect((await stored(db, 'tickets', 'tk-undelete'))!.deleted).toBe(1);
        expect(await outcome(actors.coordinator, opOf(actors.coordinator, 'tickets', 'tk-undelete', { deleted: 0 }, later()))).toBe('applied');
        expect((await stored(db, 'tickets', 'tk-undelete'))!.deleted).toBe(0);
      });
    });

    describe('access (issue 21): nobody approves their own access, judged on what the server stores', () => {
      beforeAll(async () => {
        await storePrerequisites(db, T0);
      });
      /** A submitted request entered by `by`, for `forPersonId`, asked for by `requestedBy`. */
      const request = (by: Actor, people: { forPersonId?: string; requestedBy?: string }) => ({ ...validRecord('accessRequests', by), ...people });
      const approval = (by: Actor, requestId: string, copies: Record<string, unknown>) => ({ ...validRecord('approvals', by), requestId, ...copies });

      it('refuses an approval (entry or request status) of a request the approver entered or asked for, or that grants them access; another lead may', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        const admin = actors.admin;
        const cases: [string, Actor, Record<string, unknown>][] = [
          ['entered by the approver', coord, request(coord, {})],
          ['asked for by the approver', tech, request(tech, { requestedBy: coord.personId })],
          ['granting the approver access', tech, request(tech, { forPersonId: coord.personId })],
        ];
        for (const [what, maker, fields] of cases) {
          const id = `req-self-${what.replace(/\W+/g, '-')}`;
          expect(await outcome(maker, opOf(maker, 'accessRequests', id, fields, later())), what).toBe('applied');
          const copies = { forPersonId: fields.forPersonId, requestedBy: fields.requestedBy, createdBy: fields.createdBy };
          // The approval entry, with truthful copies of the request's people.
          expect(await outcome(coord, opOf(coord, 'approvals', `${id}-a1`, approval(coord, id, copies), later())), `approval ${what}`).toBe('forbidden');
          expect(await stored(db, 'approvals', `${id}-a1`)).toBeNull();
          // The request's own status.
          expect(await outcome(coord, opOf(coord, 'accessRequests', id, { status: 'approved' }, later())), `status ${what}`).toBe('forbidden');
          expect((await stored(db, 'accessRequests', id))!.status).toBe('submitted');
          // Another coordinator or admin may.
          expect(await outcome(admin, opOf(admin, 'approvals', `${id}-a2`, approval(admin, id, copies), later())), `admin's approval ${what}`).toBe('applied');
          expect(await outcome(admin, opOf(admin, 'accessRequests', id, { status: 'approved' }, later())), `admin's status ${what}`).toBe('applied');
        }
      });

      it('judges an approval on the stored request, not the copies it carries: forged copies and missing requests are refused', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        expect(await outcome(tech, opOf(tech, 'accessRequests', 'req-for-coord', request(tech, { forPersonId: coord.personId }), later()))).toBe('applied');
        // Copies that claim the request is for someone else.
        const forged = approval(coord, 'req-for-coord', { forPersonId: 'person-1', requestedBy: 'person-2', createdBy: 'person-3' });
        expect(await outcome(coord, opOf(coord, 'approvals', 'a-forged-copies', forged, later()))).toBe('forbidden');
        expect(await stored(db, 'approvals', 'a-forged-copies')).toBeNull();
        // Copies that differ from a request the approver may decide on.
        const wrong = approval(coord, REQUEST_ID, { forPersonId: 'person-9' });
        expect(await outcome(coord, opOf(coord, 'approvals', 'a-wrong-copies', wrong, later()))).toBe('forbidden');
        // A request that does not exist.
        expect(await outcome(coord, opOf(coord, 'approvals', 'a-nowhere', approval(coord, 'req-nowhere', {}), later()))).toBe('forbidden');
        // Rewriting the request's person after submission, to approve it next, is refused too.
        expect(await outcome(coord, opOf(coord, 'accessRequests', 'req-for-coord', { forPersonId: 'person-1' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'accessRequests', 'req-for-coord', { forPersonId: 'person-1' }, later()))).toBe('forbidden');
        expect((await stored(db, 'accessRequests', 'req-for-coord'))!.forPersonId).toBe(coord.personId);
        // A request must name the session's person as who entered it, and only coordinators and admins approve.
        expect(await outcome(tech, opOf(tech, 'accessRequests', 'req-forged-maker', request(actors.tech2, {}), later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'accessRequests', 'req-for-coord', { status: 'approved' }, later()))).toBe('forbidden');
        // The truthful approval of request-1 (nobody of the tests is in it) is applied.
        expect(await outcome(coord, opOf(coord, 'approvals', 'a-ok', validRecord('approvals', coord), later()))).toBe('applied');
      });

      it('refuses audit entries, approvals, ticks, list log and review decisions naming another actor or device; records receivedAt', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        const someone = actors.tech2.personId;
        const cases: [Actor, string, Record<string, unknown>][] = [
          [tech, 'accessAudit', { ...validRecord('accessAudit', tech), actor: someone }],
          [tech, 'accessAudit', { ...validRecord('accessAudit', tech), device: actors.tech2.deviceId }],
          [tech, 'accessAudit', { ...validRecord('accessAudit', tech), receivedAt: 1 }],
          [coord, 'approvals', { ...validRecord('approvals', coord), recordedBy: actors.admin.personId }],
          [coord, 'approvals', { ...validRecord('approvals', coord), device: actors.admin.deviceId }],
          [tech, 'provisioningSteps', { ...validRecord('provisioningSteps', tech), by: someone }],
          [tech, 'listLog', { ...validRecord('listLog', tech), actor: someone }],
          [tech, 'reviewDecisions', { ...validRecord('reviewDecisions', tech), decidedBy: someone }],
          [tech, 'reviewDecisions', { ...validRecord('reviewDecisions', tech), device: actors.tech2.deviceId }],
        ];
        for (const [who, table, fields] of cases) {
          const id = `forged-${table}-${Math.random().toString(36).slice(2)}`;
          expect(await outcome(who, opOf(who, table, id, fields, later())), `${table} ${JSON.stringify(fields).slice(0, 80)}`).toBe('forbidden');
          expect(await stored(db, table, id)).toBeNull();
        }
        clock.set(T0 + 77_000);
        expect(await outcome(tech, opOf(tech, 'accessAudit', 'audit-own', validRecord('accessAudit', tech), later()))).toBe('applied');
        expect(await stored(db, 'accessAudit', 'audit-own')).toMatchObject({ actor: tech.personId, device: tech.deviceId, receivedAt: T0 + 77_000 });
      });

      it('refuses a review decision on one’s own access (judged on the stored item) and on an item that does not exist', async () => {
        const tech = actors.technician;
        const admin = actors.admin;
        const item = { ...validRecord('reviewItems', admin), personId: tech.personId };
        expect(await outcome(admin, opOf(admin, 'reviewItems', 'item-of-tech', item, later()))).toBe('applied');
        const own = { ...validRecord('reviewDecisions', tech), itemId: 'item-of-tech', personId: tech.personId };
        expect(await outcome(tech, opOf(tech, 'reviewDecisions', 'd-own', own, later()))).toBe('forbidden');
        // The copy claiming the item is someone else's changes nothing.
        expect(await outcome(tech, opOf(tech, 'reviewDecisions', 'd-own-forged', { ...own, personId: 'person-1' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'reviewDecisions', 'd-nowhere', { ...validRecord('reviewDecisions', tech), itemId: 'item-nowhere' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'reviewDecisions', 'd-revoke-no-reason', { ...validRecord('reviewDecisions', tech), decision: 'revoke', reason: ' ' }, later()))).toBe('forbidden');
        expect(await outcome(actors.tech2, opOf(actors.tech2, 'reviewDecisions', 'd-other', { ...own, decidedBy: actors.tech2.personId, device: actors.tech2.deviceId }, later()))).toBe('applied');
        for (const id of ['d-own', 'd-own-forged', 'd-nowhere', 'd-revoke-no-reason']) expect(await stored(db, 'reviewDecisions', id)).toBeNull();
      });

      it('grants: nobody grants themselves access; a technician only from an approved request, for its person and entitlement', async () => {
        const tech = actors.technician;
        const admin = actors.admin;
        expect(await outcome(admin, opOf(admin, 'grants', 'g-self', { ...validRecord('grants', admin), personId: admin.personId }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-self-tech', { ...validRecord('grants', tech), personId: tech.personId }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-no-request', { ...validRecord('grants', tech), requestId: null }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-other-person', { ...validRecord('grants', tech), personId: 'person-7' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-other-entitlement', { ...validRecord('grants', tech), entitlementId: 'entitlement-9' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'accessRequests', 'req-unapproved', request(tech, {}), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-unapproved', { ...validRecord('grants', tech), requestId: 'req-unapproved' }, later()))).toBe('forbidden');
        // Ended only through a revocation.
        expect(await outcome(tech, opOf(tech, 'grants', 'g-ok', validRecord('grants', tech), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-ok', { status: 'revoked' }, later()))).toBe('forbidden');
        // A revocation of another grant, or one that does not exist, does not revoke this one; its own does.
        expect(await outcome(actors.coordinator, opOf(actors.coordinator, 'revocations', 'rv-other', validRecord('revocations', actors.coordinator), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-ok', { status: 'revoked', revocationId: 'rv-other' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-ok', { status: 'revoked', revocationId: 'rv-nowhere' }, later()))).toBe('forbidden');
        expect((await stored(db, 'grants', 'g-ok'))!.status).toBe('active');
        expect(await outcome(actors.coordinator, opOf(actors.coordinator, 'revocations', 'rv-g-ok', { ...validRecord('revocations', actors.coordinator), grantId: 'g-ok' }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'grants', 'g-ok', { status: 'revoked', revocationId: 'rv-g-ok' }, later()))).toBe('applied');
        for (const id of ['g-self', 'g-self-tech', 'g-no-request', 'g-other-person', 'g-other-entitlement', 'g-unapproved']) expect(await stored(db, 'grants', id)).toBeNull();
      });

      it('revocations, leavers and campaigns name the lead who recorded them; a technician only marks a revocation done', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        for (const table of ['revocations', 'departures', 'reviewCampaigns']) {
          const field = table === 'reviewCampaigns' ? 'createdBy' : 'recordedBy';
          expect(await outcome(coord, opOf(coord, table, `${table}-forged`, { ...validRecord(table, coord), [field]: actors.admin.personId }, later())), table).toBe('forbidden');
        }
        expect(await outcome(coord, opOf(coord, 'revocations', 'rv-1', validRecord('revocations', coord), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'revocations', 'rv-1', { status: 'done', doneAt: '2027-01-20T08:00:00.000Z' }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'revocations', 'rv-1', { reason: 'security' }, later()))).toBe('forbidden');
      });
    });

    describe('operations (issue 22): set-up for leads, checks every role meets', () => {
      it('a change is approved only by a coordinator or admin, naming themselves', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        expect(await outcome(tech, opOf(tech, 'changes', 'ch-1', validRecord('changes', tech), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'changes', 'ch-1', { status: 'approved' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'changes', 'ch-1', { approvedBy: tech.personId, approvedAt: '2027-01-16T08:00:00.000Z' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'changes', 'ch-pre-approved', { ...validRecord('changes', tech), status: 'approved', approvedBy: coord.personId }, later()))).toBe('forbidden');
        expect(await outcome(coord, opOf(coord, 'changes', 'ch-1', { approvedBy: actors.admin.personId }, later()))).toBe('forbidden');
        expect(await outcome(coord, opOf(coord, 'changes', 'ch-1', { status: 'approved', approvedBy: coord.personId, approvedAt: '2027-01-16T08:00:00.000Z' }, later()))).toBe('applied');
        expect(await stored(db, 'changes', 'ch-1')).toMatchObject({ status: 'approved', approvedBy: coord.personId });
        expect(await stored(db, 'changes', 'ch-pre-approved')).toBeNull();
      });

      it('an occurrence with a derived id is that schedule’s occurrence of that date, and its identity never changes', async () => {
        const tech = actors.technician;
        const occ = { ...validRecord('occurrences', tech), scheduleId: 'sched-1', date: '2027-01-12' };
        expect(await outcome(tech, opOf(tech, 'occurrences', 'occ:sched-1:2027-01-12', occ, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'occurrences', 'occ:sched-1:2027-02-09', occ, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'occurrences', 'occ:sched-2:2027-01-12', occ, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'occurrences', 'occ:sched-1:2027-01-12', { date: '2027-01-13' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'occurrences', 'occ:sched-1:2027-01-12', { status: 'done', completedAt: '2027-01-12T18:00:00.000Z' }, later()))).toBe('applied');
        expect(await stored(db, 'occurrences', 'occ:sched-1:2027-02-09')).toBeNull();
        expect(await stored(db, 'occurrences', 'occ:sched-1:2027-01-12')).toMatchObject({ date: '2027-01-12', status: 'done' });
      });

      it('a review is final only with an owner, and an action of a final review needs one', async () => {
        const tech = actors.technician;
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-1', validRecord('reviews', tech), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-1', { status: 'final' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-1', { status: 'final', ownerId: 'person-1' }, later()))).toBe('applied');
        const action = { ...validRecord('actionItems', tech), reviewId: 'rev-1' };
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-unowned', { ...action, ownerId: null }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-1', action, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-1', { ownerId: null }, later()))).toBe('forbidden');
        expect((await stored(db, 'actionItems', 'act-1'))!.ownerId).toBe('person-1');
      });

      it('a review is not made final while one of its action items, as stored or earlier in the batch, has no owner', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        const draft = { ...validRecord('reviews', tech), ownerId: tech.personId, summary: 'E-filing was down' };
        const action = (reviewId: string, extra: Record<string, unknown> = {}) => ({ ...validRecord('actionItems', tech), reviewId, ...extra });
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-2', draft, later()))).toBe('applied');
        // Unowned actions are fine while the review is a draft.
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-2a', action('rev-2', { title: 'Add monitoring', ownerId: null }), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-2b', action('rev-2', { title: 'Dropped idea', ownerId: null }), later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-other', action('rev-other', { ownerId: null }), later()))).toBe('applied');
        // Made final by another device (a coordinator's) that never saw the actions: refused with the reason.
        const final = opOf(coord, 'reviews', 'rev-2', { status: 'final' }, later());
        const body = await pushAs(coord, [final]);
        expect(body.rejected).toEqual([
          { opId: final.opId, code: 'forbidden', message: 'A review cannot be final while an action item has no owner: “Add monitoring”, “Dropped idea” have none. Give each action an owner first.' },
        ]);
        expect((await stored(db, 'reviews', 'rev-2'))!.status).toBe('draft');
        // Deleting one and owning the other earlier in the same batch lets it go final (another review's unowned action does not count).
        const ops = [
          opOf(tech, 'actionItems', 'act-2b', { deleted: 1 }, later()),
          opOf(tech, 'actionItems', 'act-2a', { ownerId: coord.personId }, later()),
          opOf(tech, 'reviews', 'rev-2', { status: 'final' }, later()),
        ];
        const ok = await pushAs(tech, ops);
        expect(ok.rejected).toEqual([]);
        expect(ok.applied).toEqual(ops.map((o) => o.opId));
        expect((await stored(db, 'reviews', 'rev-2'))!.status).toBe('final');
        // The converse, once final: no action of it may lose its owner, be added or restored without one.
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-2a', { ownerId: null }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-2b', { deleted: 0 }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-other', { reviewId: 'rev-2' }, later()))).toBe('forbidden');
        expect((await stored(db, 'actionItems', 'act-2a'))!.ownerId).toBe(coord.personId);
        // A batch that adds an unowned action before making a review final is refused that review (the action itself is fine on a draft).
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-3', draft, later()))).toBe('applied');
        const sneaky = [opOf(tech, 'actionItems', 'act-3', action('rev-3', { title: 'Patch the gateway', ownerId: null }), later()), opOf(tech, 'reviews', 'rev-3', { status: 'final' }, later())];
        const mixed = await pushAs(tech, sneaky);
        expect(mixed.applied).toEqual([sneaky[0]!.opId]);
        expect(mixed.rejected).toEqual([{ opId: sneaky[1]!.opId, code: 'forbidden', message: expect.stringContaining('“Patch the gateway” has none') }]);
        // Reopened and final again: still judged on its actions.
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-2', { status: 'in_review' }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'actionItems', 'act-2a', { ownerId: null }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'reviews', 'rev-2', { status: 'final' }, later()))).toBe('forbidden');
      });

      it('an output run is distributed only past its gate: received, critical checks passed or overridden with a reason', async () => {
        const tech = actors.technician;
        const item = { id: 'v1', label: 'Record count', kind: 'count', expected: 100, critical: true, actual: 90, result: 'fail', note: '' };
        const run = { ...validRecord('outputRuns', tech), items: [item] };
        expect(await outcome(tech, opOf(tech, 'outputRuns', 'run-1', run, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, 'outputRuns', 'run-1', { status: 'distributed' }, later()))).toBe('forbidden');
        expect(await outcome(tech, opOf(tech, 'outputRuns', 'run-1', { receivedAt: '2027-01-15T09:00:00.000Z', status: 'distributed' }, later()))).toBe('forbidden');
        expect((await stored(db, 'outputRuns', 'run-1'))!.status).toBe('waiting');
        const passed = { ...item, actual: 100, result: 'pass' };
        expect(await outcome(tech, opOf(tech, 'outputRuns', 'run-1', { receivedAt: '2027-01-15T09:00:00.000Z', items: [passed], status: 'distributed' }, later()))).toBe('applied');
        expect((await stored(db, 'outputRuns', 'run-1'))!.status).toBe('distributed');
      });
    });

    describe('device identity', () => {
      it('refuses a sign-in with a device id another account registered, and the reserved server id', async () => {
        const squat = await signInAs(app, actors.tech2.email, { deviceId: actors.technician.deviceId });
        expect(squat.statusCode).toBe(403);
        expect(squat.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/another account/) });
        expect((await signInAs(app, actors.tech2.email, { deviceId: 'server' })).statusCode).toBe(403);
      });

      it('refuses ops under another device’s id, without using up that device’s sequence numbers', async () => {
        const victim = actors.technician;
        const squatter = actors.tech2;
        const next = (counters.get(victim.deviceId) ?? 0) + 1;
        const forged = opOf(victim, 'tickets', 'tk-squat', validRecord('tickets', squatter), later(), next);
        const res = await pushAs(squatter, [forged]);
        expect(res.rejected).toEqual([{ opId: forged.opId, code: 'forbidden', message: expect.stringMatching(/device/) }]);
        expect(await stored(db, 'tickets', 'tk-squat')).toBeNull();
        expect((await db.query('SELECT 1 FROM applied_ops WHERE device_id = $1 AND device_seq = $2', [victim.deviceId, next])).rows).toEqual([]);
        // The owner's own op with that number is applied, not refused as a reused number.
        const own = opOf(victim, 'tickets', 'tk-own', validRecord('tickets', victim), later(), next);
        expect(await outcome(victim, own)).toBe('applied');
      });

      it('registers a device on a session’s first push, and only to an account that does not already have it taken', async () => {
        await addUser(db, 'late@agency.gov', 'technician');
        const late = (await signInAs(app, 'late@agency.gov')).json() as { token: string; user: { personId: string } };
        const lateActor: Actor = { role: 'technician', email: 'late@agency.gov', token: late.token, personId: late.user.personId, deviceId: 'dev-late' };
        expect(await outcome(lateActor, opOf(lateActor, 'tickets', 'tk-late', validRecord('tickets', lateActor), later()))).toBe('applied');
        expect((await db.query<{ user_id: string }>('SELECT user_id FROM devices WHERE device_id = $1', ['dev-late'])).rows).toHaveLength(1);
        // Bound now: another device id on the same session is refused.
        const other = { ...lateActor, deviceId: 'dev-late-2' };
        expect(await outcome(lateActor, opOf(other, 'tickets', 'tk-late-2', validRecord('tickets', other), later()))).toBe('forbidden');
        // A fresh session whose first push names a device another account owns gets every op refused and binds nothing.
        const fresh = (await signInAs(app, actors.tech2.email)).json() as { token: string };
        const squatting = { ...actors.tech2, token: fresh.token };
        const res = await pushAs(squatting, [opOf(actors.technician, 'tickets', 'tk-x', validRecord('tickets', actors.tech2), later(), 999_999)]);
        expect(res.rejected[0]).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/another account/) });
        // A hostile first op (a NUL in its device id) is refused as an op; nothing reaches the database, never a 5xx.
        const fresh2 = (await signInAs(app, actors.tech2.email)).json() as { token: string };
        const nul = { ...opOf({ deviceId: 'dev-ok' }, 'tickets', 'tk-nul', validRecord('tickets', actors.tech2), later()), deviceId: 'dev\u0000x' };
        const hostile = await push(app, fresh2.token, [nul]);
        expect(hostile.status).toBe(200);
        expect(hostile.body.rejected[0]).toMatchObject({ code: 'invalid_op' });
        const session = await db.query<{ device_id: string | null }>("SELECT device_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1 ORDER BY created_at_ms DESC, device_id NULLS FIRST LIMIT 1", [actors.tech2.email]);
        expect(session.rows[0]!.device_id).toBeNull();
      });
    });

    describe('the account is a person', () => {
      it('sign-in and /me answer the account’s personId, and its staff record comes with a pull', async () => {
        const tech = actors.technician;
        const me = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: bearer(tech.token) });
        expect(me.json().user).toMatchObject({ email: tech.email, personId: tech.personId });
        expect(tech.personId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const { records } = await pullAll(app, tech.token, undefined, 1000);
        expect(records.find((r) => r.table === 'people' && r.id === tech.personId)?.fields).toMatchObject({ kind: 'staff', email: tech.email, name: 'technician' });
      });
    });

    describe('authorship of audit entries', () => {
      it('refuses history, attendance, work log and material versions naming someone else or another device; records receivedAt', async () => {
        const tech = actors.technician;
        const admin = actors.admin;
        const someone = actors.tech2.personId;
        const cases: [Actor, string, Record<string, unknown>][] = [
          [tech, 'ticketHistory', { ...validRecord('ticketHistory', tech), by: someone }],
          [tech, 'ticketHistory', { ...validRecord('ticketHistory', tech), device: actors.tech2.deviceId }],
          [tech, 'workLog', { ...validRecord('workLog', tech), authorId: someone }],
          [tech, 'attendance', { ...validRecord('attendance', tech, 'trained-by-technician'), takenBy: someone }],
          [admin, 'materialVersions', { ...validRecord('materialVersions', admin), publishedBy: someone }],
          [tech, 'ticketHistory', { ...validRecord('ticketHistory', tech), receivedAt: 1 }],
        ];
        for (const [who, table, fields] of cases) {
          const id = `forged-${table}-${Math.random().toString(36).slice(2)}`;
          expect(await outcome(who, opOf(who, table, id, fields, later())), `${table} ${JSON.stringify(fields).slice(0, 80)}`).toBe('forbidden');
          expect(await stored(db, table, id)).toBeNull();
        }
        clock.set(T0 + 123_456);
        expect(await outcome(tech, opOf(tech, 'ticketHistory', 'h-own', validRecord('ticketHistory', tech), later()))).toBe('applied');
        expect(await stored(db, 'ticketHistory', 'h-own')).toMatchObject({ by: tech.personId, device: tech.deviceId, receivedAt: T0 + 123_456 });
        // The device id stands for its user too (the app's actor before its user is in the directory).
        expect(await outcome(tech, opOf(tech, 'workLog', 'w-by-device', { ...validRecord('workLog', tech), authorId: tech.deviceId }, later()))).toBe('applied');
      });

      it('accepts a work-log copy (a ticket merge) keeping the original’s author, only when the original exists with that author', async () => {
        const tech = actors.technician;
        const other = actors.tech2;
        expect(await outcome(other, opOf(other, 'workLog', 'w-original', validRecord('workLog', other), later()))).toBe('applied');
        const copy = { ...validRecord('workLog', other), ticketId: 'ticket-2', copiedFrom: { ticketId: 'ticket-1', entryId: 'w-original' } };
        expect(await outcome(tech, opOf(tech, 'workLog', 'w-copy', copy, later()))).toBe('applied');
        const bogus = { ...copy, copiedFrom: { ticketId: 'ticket-1', entryId: 'w-nowhere' } };
        expect(await outcome(tech, opOf(tech, 'workLog', 'w-bogus-copy', bogus, later()))).toBe('forbidden');
        const wrongAuthor = { ...copy, authorId: actors.admin.personId };
        expect(await outcome(tech, opOf(tech, 'workLog', 'w-wrong-copy', wrongAuthor, later()))).toBe('forbidden');
      });

      it('accepts entries under the local person id a device claimed at sign-in; a second account cannot claim it, nor anyone an account’s person', async () => {
        await addUser(db, 'offline@agency.gov', 'technician');
        await addUser(db, 'thief@agency.gov', 'technician');
        const a = (await signInAs(app, 'offline@agency.gov', { deviceId: 'dev-offline', localPersonId: 'local-person-1' })).json() as { token: string; user: { personId: string } };
        const offline: Actor = { role: 'technician', email: 'offline@agency.gov', token: a.token, personId: a.user.personId, deviceId: 'dev-offline' };
        expect(await outcome(offline, opOf(offline, 'ticketHistory', 'h-local', { ...validRecord('ticketHistory', offline), by: 'local-person-1' }, later()))).toBe('applied');
        const t = (await signInAs(app, 'thief@agency.gov', { deviceId: 'dev-thief', localPersonId: 'local-person-1' })).json() as { token: string; user: { personId: string } };
        const thief: Actor = { role: 'technician', email: 'thief@agency.gov', token: t.token, personId: t.user.personId, deviceId: 'dev-thief' };
        expect(await outcome(thief, opOf(thief, 'ticketHistory', 'h-thief', { ...validRecord('ticketHistory', thief), by: 'local-person-1' }, later()))).toBe('forbidden');
        const t2 = (await signInAs(app, 'thief@agency.gov', { localPersonId: actors.admin.personId })).json() as { token: string };
        const thief2 = { ...thief, token: t2.token, deviceId: 'dev-thief-2' };
        expect(await outcome(thief2, opOf(thief2, 'ticketHistory', 'h-thief-2', { ...validRecord('ticketHistory', thief2), by: actors.admin.personId }, later()))).toBe('forbidden');
      });
    });

    describe('_conflicts', () => {
      const makeConflict = async (table: string, recordId: string) => {
        const c = conflictRecord(table, recordId, { field: 'name', value: 'x'.repeat(300), stamp: stampAt(T0, 'dev-z'), winnerValue: 'y', winnerStamp: stampAt(T0 + 1, 'dev-y') }, T0);
        await db.query('INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms) VALUES ($1, $2, $3, $4, 0, false, $5)', [CONFLICTS_TABLE, c.id, JSON.stringify(c.record.fields), JSON.stringify(c.record.stamps), T0]);
        return c.id;
      };

      it('are created by the server only, dismissed only by who may write the record, and never un-dismissed', async () => {
        const tech = actors.technician;
        const made = { table: 'tickets', recordId: 'tk', field: 'title', value: 'x', stamp: stampAt(T0, 'a'), winnerStamp: stampAt(T0, 'b'), at: T0, deleted: 0 };
        expect(await outcome(tech, opOf(tech, CONFLICTS_TABLE, 'c-forged', made, later()))).toBe('forbidden');
        expect(await stored(db, CONFLICTS_TABLE, 'c-forged')).toBeNull();
        expect(await outcome(actors.admin, opOf(actors.admin, CONFLICTS_TABLE, 'c-forged-2', { deleted: 1 }, later()))).toBe('forbidden');

        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-c', validRecord('tickets', tech), later()))).toBe('applied');
        const onTicket = await makeConflict('tickets', 'tk-c');
        expect(await outcome(tech, opOf(tech, CONFLICTS_TABLE, onTicket, { deleted: 1 }, later()))).toBe('applied');
        expect(await outcome(tech, opOf(tech, CONFLICTS_TABLE, onTicket, { deleted: 0 }, later()))).toBe('forbidden');
        expect(await outcome(actors.admin, opOf(actors.admin, CONFLICTS_TABLE, onTicket, { deleted: 0 }, later()))).toBe('forbidden');
        expect((await stored(db, CONFLICTS_TABLE, onTicket))!.deleted).toBe(1);

        const onAgency = await makeConflict('agencies', 'agency-c');
        expect(await outcome(tech, opOf(tech, CONFLICTS_TABLE, onAgency, { deleted: 1 }, later()))).toBe('forbidden');
        expect(await outcome(actors.coordinator, opOf(actors.coordinator, CONFLICTS_TABLE, onAgency, { deleted: 1 }, later()))).toBe('applied');
      });
    });

    describe('valid records only', () => {
      it('refuses the records that blanked the app, saying which field and why; the rest of the batch applies', async () => {
        const tech = actors.technician;
        const coord = actors.coordinator;
        const ticket = validRecord('tickets', tech);
        const bad: [string, Record<string, unknown>, RegExp][] = [
          ['tickets', { ...ticket, title: { text: 'x' } }, /tickets\.title: Title must be text/],
          ['tickets', { ...ticket, tags: 'a,b' }, /tickets\.tags/],
          ['tickets', { ...ticket, status: 'banana' }, /tickets\.status: Status must be/],
          ['tickets', { deleted: 0 }, /tickets\./],
          ['tickets', { ...ticket, title: 'x'.repeat(201) }, /too long/],
          ['tickets', { ...ticket, status: 'pending' }, /pendingReason/],
        ];
        const good = opOf(tech, 'tickets', 'tk-good', ticket, later());
        const ops = [good, ...bad.map(([table, fields], i) => opOf(tech, table, `tk-bad-${i}`, fields, later()))];
        const body = await pushAs(tech, ops);
        expect(body.applied).toEqual([good.opId]);
        expect(body.rejected).toHaveLength(bad.length);
        bad.forEach(([, , message], i) => {
          expect(body.rejected[i]).toMatchObject({ opId: ops[i + 1]!.opId, code: 'invalid_record', message: expect.stringMatching(message) });
        });
        for (let i = 0; i < bad.length; i++) expect(await stored(db, 'tickets', `tk-bad-${i}`)).toBeNull();
        // An edit that would break a stored ticket.
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-good', { priority: 'P9' }, later()))).toBe('invalid_record');
        expect((await stored(db, 'tickets', 'tk-good'))!.priority).toBe('P3');
        // Configuration with nonsense in it.
        const sla = opOf(coord, 'slaPolicies', 'sla-bad', { ...validRecord('slaPolicies', coord), targets: 'banana' }, later());
        expect((await pushAs(coord, [sla])).rejected[0]).toMatchObject({ code: 'invalid_record', message: expect.stringMatching(/^slaPolicies\.targets/) });
      });

      it('keeps fields a newer app added; a refused op is refused again when re-sent, its number not taken', async () => {
        const tech = actors.technician;
        const newer = { ...validRecord('tickets', tech), triageScore: 7 };
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-newer', newer, later()))).toBe('applied');
        expect((await stored(db, 'tickets', 'tk-newer'))!.triageScore).toBe(7);
        const bad = opOf(tech, 'tickets', 'tk-newer', { status: 'banana' }, later());
        expect(await outcome(tech, bad)).toBe('invalid_record');
        expect(await outcome(tech, bad)).toBe('invalid_record');
        expect((await db.query('SELECT 1 FROM applied_ops WHERE device_id = $1 AND device_seq = $2', [bad.deviceId, bad.deviceSeq])).rows).toEqual([]);
      });

      it('lets a record stored before validation be deleted, but not edited into another invalid state', async () => {
        const tech = actors.technician;
        const legacy = { title: { not: 'text' }, status: 'banana', deleted: 0 };
        const stamps = Object.fromEntries(Object.keys(legacy).map((k) => [k, stampAt(T0, 'old-device')]));
        await db.query("INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms) VALUES ('tickets', 'tk-legacy', $1, $2, 0, false, $3)", [JSON.stringify(legacy), JSON.stringify(stamps), T0]);
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-legacy', { category: 'x' }, later()))).toBe('invalid_record');
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-legacy', { deleted: 1, updatedAt: '2027-01-16T00:00:00.000Z' }, later()))).toBe('applied');
        expect((await stored(db, 'tickets', 'tk-legacy'))!.deleted).toBe(1);
        // A tombstone of a record the server never had is a record with nothing in it: invalid.
        expect(await outcome(tech, opOf(tech, 'tickets', 'tk-never', { deleted: 1 }, later()))).toBe('invalid_record');
      });
    });
  });
}
