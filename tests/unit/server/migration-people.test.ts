import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../server/db/db';
import { migrate, MIGRATIONS, splitStatements } from '../../../server/db/migrations';
import { openPglite } from '../../../server/db/pglite';
import { SYNC_TABLES } from '../../../shared/sync/tables';

let db: Db;
beforeAll(async () => {
  db = await openPglite();
});
afterAll(() => db.close());

it('migration 3 gives accounts made before it a person id and a staff record, numbered after every change', async () => {
  // A server as it stood before: migrations 1 and 2, two accounts, one change.
  await db.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
    for (const statement of splitStatements(m.sql)) await db.query(statement);
    await db.query('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.version, m.name]);
  }
  const at = new Date('2026-05-01T10:00:00Z');
  await db.query("INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES ('u1', 'ana@court.example.gov', 'Ana Ruiz', 'admin', 'x', $1, $1), ('u2', 'bo@court.example.gov', '', 'technician', 'x', $1, $1)", [at]);
  await db.query("INSERT INTO records VALUES ('tickets', 't1', '{}'::jsonb, '{}'::jsonb, 7, false, 0)");
  await db.query('UPDATE sync_state SET seq = 7');

  expect(await migrate(db)).toEqual(MIGRATIONS.filter((x) => x.version > 2).map((x) => x.version));

  const users = (await db.query<{ id: string; person_id: string }>('SELECT id, person_id FROM users ORDER BY id')).rows;
  for (const u of users) expect(u.person_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(users[0]!.person_id.replace(/-/g, '').slice(0, 12)).toBe(at.getTime().toString(16).padStart(12, '0'));
  expect(new Set(users.map((u) => u.person_id)).size).toBe(2);

  const staff = (await db.query<{ id: string; fields: Record<string, unknown>; stamps: Record<string, string>; server_seq: number }>("SELECT id, fields, stamps, server_seq FROM records WHERE tbl = 'people' ORDER BY server_seq")).rows;
  expect(staff.map((r) => r.id).sort()).toEqual(users.map((u) => u.person_id).sort());
  expect(staff.map((r) => Number(r.server_seq))).toEqual([8, 9]);
  expect(Number((await db.query<{ seq: number }>('SELECT seq FROM sync_state')).rows[0]!.seq)).toBe(9);
  const ana = staff.find((r) => r.id === users[0]!.person_id)!;
  expect(ana.fields).toMatchObject({ name: 'Ana Ruiz', email: 'ana@court.example.gov', kind: 'staff', deleted: 0 });
  expect(staff.find((r) => r.id === users[1]!.person_id)!.fields.name).toBe('bo');
  for (const r of staff) {
    // Valid under the people schema the server and the app check records with, and stamped by the server.
    expect(SYNC_TABLES.people.schema.safeParse({ ...r.fields, id: r.id }).success).toBe(true);
    expect(Object.keys(r.stamps).sort()).toEqual(Object.keys(r.fields).sort());
    for (const s of Object.values(r.stamps)) expect(s).toMatch(/^\d{15}:000000:server$/);
  }
});
