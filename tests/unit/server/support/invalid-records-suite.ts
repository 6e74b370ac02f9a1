import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/db';
import { migrate } from '../../../../server/db/migrations';
import { SYNC_TABLE_NAMES, SYNC_TABLES } from '../../../../shared/sync/tables';
import type { SyncTableSpec } from '../../../../shared/sync/tables-spec';
import { addUser, bearer, makeApp, PASSWORD, resetDb, stampAt, T0, testClock } from './harness';
import { storePrerequisites, validRecord, type Who } from './valid-records';

/**
 * Fields a rule judges against the session or a stored record: a valid
 * value other than the expected one (another actor, a record that does not
 * exist, a copy that differs from the request it copies) is refused as
 * forbidden, not applied. Written out here, not read from the specs.
 */
const JUDGED: Record<string, readonly string[]> = {
  accessRequests: ['createdBy'],
  approvals: ['requestId', 'forPersonId', 'requestedBy', 'createdBy'],
  reviewDecisions: ['itemId', 'personId', 'campaignId'],
  revocations: ['recordedBy'],
  departures: ['recordedBy'],
  reviewCampaigns: ['createdBy'],
  changes: ['approvedBy'],
};

/**
 * A fast-check property over every synced table: records made domain-invalid
 * (wrong types, unknown enum values, missing required fields, oversized text
 * and lists, wrong nesting) are all refused, nothing of them is stored, and
 * the server never answers 5xx. The table's own schema is the oracle for the
 * rare mutation that happens to stay valid (a field with a default dropped,
 * a free-text field given other text): those must be applied.
 */

type Mutation =
  | { kind: 'wrongType'; value: unknown }
  | { kind: 'unknownEnum'; value: string }
  | { kind: 'missing' }
  | { kind: 'oversized' }
  | { kind: 'wrongNesting'; asArray: boolean }
  | { kind: 'onlyDeleted' };

const WrongValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }).filter((k) => /^[a-z]+$/.test(k)), fc.integer(), { maxKeys: 3 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);

const MutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: WrongValue.map((value) => ({ kind: 'wrongType' as const, value })) },
  { weight: 2, arbitrary: fc.constantFrom('banana', 'P9', 'closed-ish', 'STAFF', '').map((value) => ({ kind: 'unknownEnum' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'missing' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'oversized' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((asArray) => ({ kind: 'wrongNesting' as const, asArray })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'onlyDeleted' as const }) },
);

function mutate(record: Record<string, unknown>, field: string, m: Mutation): Record<string, unknown> {
  const out = { ...record };
  const current = record[field];
  switch (m.kind) {
    case 'wrongType':
      // A value of another JSON type than the field's.
      out[field] = typeof m.value === typeof current && Array.isArray(m.value) === Array.isArray(current) ? { wrong: [m.value] } : m.value;
      break;
    case 'unknownEnum':
      out[field] = m.value;
      break;
    case 'missing':
      delete out[field];
      break;
    case 'oversized':
      out[field] = Array.isArray(current) ? Array.from({ length: 5_000 }, () => current[0] ?? 'x') : 'x'.repeat(200_001);
      break;
    case 'wrongNesting':
      out[field] = m.asArray ? [current] : { value: current };
      break;
    case 'onlyDeleted':
      return { deleted: 0 };
  }
  return out;
}

export function describeInvalidRecords(label: string, getDb: () => Promise<Db>, numRuns: number): void {
  describe(`invalid records on ${label}`, () => {
    let db: Db;
    let app: FastifyInstance;
    let admin: Who & { token: string };

    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
      await resetDb(db);
      app = makeApp(db, testClock());
      await addUser(db, 'admin@agency.gov', 'admin');
      const res = await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { email: 'admin@agency.gov', password: PASSWORD, deviceId: 'dev-prop' }, remoteAddress: '10.2.0.1' });
      const body = res.json() as { token: string; user: { personId: string } };
      admin = { token: body.token, personId: body.user.personId, deviceId: 'dev-prop' };
      await storePrerequisites(db, T0);
    });

    it('refuses every domain-invalid record of every synced table: nothing stored, never a 5xx', async () => {
      let seq = 0;
      let refused = 0;
      let stayedValid = 0;
      const tables = [...SYNC_TABLE_NAMES];
      const Case = fc.record({
        mutations: fc.tuple(...tables.map(() => fc.record({ pick: fc.nat(), mutation: MutationArb }))),
      });
      await fc.assert(
        fc.asyncProperty(Case, async ({ mutations }) => {
          const ops = tables.map((table, i) => {
            const base = validRecord(table, admin, 'session-x');
            const fields = Object.keys(base).filter((f) => f !== 'deleted');
            const { pick, mutation } = mutations[i]!;
            const field = fields[pick % fields.length]!;
            const record = mutate(base, field, mutation);
            seq += 1;
            const id = `${table}-prop-${seq}`;
            const stamp = stampAt(T0, admin.deviceId);
            const spec = SYNC_TABLES[table] as SyncTableSpec;
            const valid = spec.schema!.safeParse({ ...record, id }).success;
            return { table, id, field, mutation, valid, dropsNull: mutation.kind === 'missing' && base[field] === null, op: { opId: `prop-${seq}`, deviceId: admin.deviceId, deviceSeq: seq, table, id, fields: Object.fromEntries(Object.entries(record).map(([k, value]) => [k, { value, stamp }])) } };
          });
          const res = await app.inject({ method: 'POST', url: '/v1/sync/push', headers: bearer(admin.token), payload: { ops: ops.map((o) => o.op) } });
          expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
          const body = res.json() as { applied: string[]; rejected: { opId: string; code: string; message: string }[] };
          const refusedById = new Map(body.rejected.map((r) => [r.opId, r]));
          const present = await db.query<{ tbl: string; id: string }>('SELECT tbl, id FROM records JOIN unnest($1::text[]) AS x(id) USING (id)', [ops.map((o) => o.id)]);
          const storedIds = new Set(present.rows.map((r) => r.id));
          for (const o of ops) {
            const what = `${o.table}.${o.field} ${JSON.stringify(o.mutation).slice(0, 80)}`;
            if (o.valid) {
              stayedValid += 1;
              // Still a valid record; refused only when it names someone else as an audit entry's author, or a field a rule judges
              // against the session or a stored record (leaving out a field that was null, such as a change's approver, names no one).
              const authorship = (SYNC_TABLES[o.table as keyof typeof SYNC_TABLES] as SyncTableSpec).rule?.authorship;
              if ((authorship && (o.field === authorship.actorField || o.field === authorship.deviceField)) || (JUDGED[o.table]?.includes(o.field) && !o.dropsNull)) expect(refusedById.get(o.op.opId)?.code, what).toBe('forbidden');
              else expect(body.applied, what).toContain(o.op.opId);
              continue;
            }
            refused += 1;
            const r = refusedById.get(o.op.opId);
            expect(r, what).toBeDefined();
            // invalid_record as a rule; a mutated actor of an audit entry is refused as forbidden first.
            expect(['invalid_record', 'forbidden', 'invalid_op'], `${what}: ${r?.code} ${r?.message}`).toContain(r!.code);
            expect(storedIds.has(o.id), `${what} was stored`).toBe(false);
          }
        }),
        { numRuns },
      );
      // The generator makes invalid records: nearly every case must have been one.
      expect(refused).toBeGreaterThan(stayedValid * 4);
    }, 240_000);
  });
}
