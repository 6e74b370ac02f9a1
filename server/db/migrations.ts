import type { Db } from './db';

/**
 * Versioned schema changes, applied in order on start. Never edit a migration
 * that has shipped: add a new one. The SQL runs unchanged on PostgreSQL and PGlite.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts and sessions',
    sql: `
      CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL DEFAULT '',
        role text NOT NULL CHECK (role IN ('technician', 'coordinator', 'admin')),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at_ms bigint NOT NULL,
        expires_at_ms bigint NOT NULL,
        revoked_at_ms bigint
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);
      CREATE TABLE sign_in_attempts (
        key text PRIMARY KEY,
        window_start_ms bigint NOT NULL,
        attempts integer NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'sync records',
    sql: `
      -- One row: the commit-ordered sequence counter. A push takes this row's lock
      -- only to number its changes and holds it to commit, so sequences become
      -- visible in order and a pull cursor never passes a commit still in flight.
      CREATE TABLE sync_state (
        id integer PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        horizon_seq bigint NOT NULL,
        epoch text NOT NULL
      );
      INSERT INTO sync_state (id, seq, horizon_seq, epoch) VALUES (1, 0, 0, replace(gen_random_uuid()::text, '-', ''));

      CREATE TABLE records (
        tbl text NOT NULL,
        id text NOT NULL,
        fields jsonb NOT NULL,
        stamps jsonb NOT NULL,
        server_seq bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        updated_at_ms bigint NOT NULL,
        PRIMARY KEY (tbl, id)
      );
      CREATE INDEX records_seq_idx ON records (server_seq);
      CREATE INDEX records_tombstones_idx ON records (updated_at_ms) WHERE deleted;

      CREATE TABLE applied_ops (
        device_id text NOT NULL,
        device_seq bigint NOT NULL,
        op_id text NOT NULL,
        user_id text NOT NULL,
        applied_at_ms bigint NOT NULL,
        PRIMARY KEY (device_id, device_seq)
      );
    `,
  },
  {
    version: 3,
    name: 'devices, people of accounts',
    sql: `
      -- A device id belongs to the first account that signs in or pushes with it;
      -- no other account can ever write under it (or use up its deviceSeq numbers).
      CREATE TABLE devices (
        device_id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        registered_at_ms bigint NOT NULL
      );
      CREATE INDEX devices_user_idx ON devices (user_id);
      -- The device a session pushes from: set at sign-in or by its first push.
      ALTER TABLE sessions ADD COLUMN device_id text REFERENCES devices(device_id) ON DELETE CASCADE;

      -- Every account is a person in the directory (a staff record in people).
      -- Existing accounts get a UUIDv7 from their creation time and random bits.
      ALTER TABLE users ADD COLUMN person_id text;
      UPDATE users SET person_id = (
        SELECT substr(t, 1, 8) || '-' || substr(t, 9, 4) || '-7' || substr(r, 1, 3) || '-' ||
               substr('89ab', (get_byte(decode(substr(r, 4, 2), 'hex'), 0) % 4) + 1, 1) || substr(r, 6, 3) || '-' || substr(r, 9, 12)
          FROM (SELECT lpad(to_hex((extract(epoch FROM users.created_at) * 1000)::bigint), 12, '0') AS t,
                       md5(users.id || random()::text || clock_timestamp()::text) AS r) AS g
      );
      ALTER TABLE users ALTER COLUMN person_id SET NOT NULL;
      CREATE UNIQUE INDEX users_person_idx ON users (person_id);

      -- Each existing account's staff record, as server/auth/people.ts makes one
      -- for a new account: stamped by the server, numbered after every change.
      INSERT INTO records (tbl, id, fields, stamps, server_seq, deleted, updated_at_ms)
      SELECT 'people', u.person_id,
             jsonb_build_object('name', left(CASE WHEN btrim(u.name) = '' THEN split_part(u.email, '@', 1) ELSE btrim(u.name) END, 200),
                                'email', u.email, 'phone', '', 'agency', '', 'site', '', 'title', '', 'kind', 'staff',
                                'createdAt', c.at, 'updatedAt', c.at, 'deleted', 0),
             (SELECT jsonb_object_agg(k, c.stamp) FROM unnest(ARRAY['name', 'email', 'phone', 'agency', 'site', 'title', 'kind', 'createdAt', 'updatedAt', 'deleted']) AS k),
             s.seq + row_number() OVER (ORDER BY u.id), false, c.ms
        FROM users u, sync_state s,
             (SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
                     lpad(floor(extract(epoch FROM now()) * 1000)::bigint::text, 15, '0') || ':000000:server' AS stamp,
                     floor(extract(epoch FROM now()) * 1000)::bigint AS ms) AS c
       WHERE s.id = 1
      ON CONFLICT (tbl, id) DO NOTHING;
      UPDATE sync_state SET seq = seq + (SELECT count(*) FROM users) WHERE id = 1;

      -- Person ids an account claimed at sign-in: the local profile's staff
      -- record of a device that worked before it signed in. First claim wins.
      CREATE TABLE person_aliases (
        person_id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        claimed_at_ms bigint NOT NULL
      );
      CREATE INDEX person_aliases_user_idx ON person_aliases (user_id);

      -- The schemas a record was last validated under (server/sync/write-rules.ts,
      -- VALIDATION_MARK): a record so marked has its unchanged fields trusted and
      -- only the changed ones checked on its next change. Null: check in full.
      ALTER TABLE records ADD COLUMN valid_mark text;
    `,
  },
];

/**
 * One statement per query, because PGlite's query() (extended protocol) takes
 * exactly one. Migrations here never put `;` at a line end inside a statement.
 */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--[^\n]*/g, '').trim().length > 0);
}

// Any constant works; it only has to be the same for every instance of the server.
const MIGRATION_LOCK = 4_231_771_001;

/**
 * Apply pending migrations in one transaction under an advisory lock, so
 * instances starting together do not race; a failure leaves the schema unchanged.
 */
export async function migrate(db: Db, now: () => number = Date.now): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL
    )`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date(now())]);
      applied.push(m.version);
    }
    return applied;
  });
}
