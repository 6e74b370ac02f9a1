/**
 * Push throughput: 20 devices at once push batches of field operations (ticket
 * edits, as the outbox sends them: 200 ops per request, the next request after
 * the answer) over HTTP to the real server on a real PostgreSQL with
 * production durability. The baseline is raw INSERT throughput of the same
 * field operations as plain rows, through pg, 20 connections at once, one
 * multi-row INSERT per batch, in the same run on the same cluster.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createRng } from '../../shared/sample-data';
import { formatStamp } from '../../shared/sync/hlc';
import type { SyncOp } from '../../shared/sync/ops';
import { LEVELS, PRIORITIES } from '../../shared/tickets/enums';
import { seedServer, type ServerRecord } from './data';
import { signedInUser, startSyncServer, type SignedIn } from './servers';

export interface PushOptions {
  devices: number;
  batchesPerDevice: number;
  opsPerBatch: number;
  /** Connections the server's pool may open (one instance of the server). */
  poolSize: number;
}

export interface PushFigures {
  fieldOps: number;
  ops: number;
  /** Field operations per second through the server. */
  perSecond: number;
  /** Field operations per second as raw INSERTs. */
  rawPerSecond: number;
  serverMs: number;
  rawMs: number;
}

const FIELDS_PER_OP = 4;

/**
 * Each device's batches: edits of 4 fields (urgency, priority, assignee, updatedAt) of tickets picked at random, so devices sometimes edit the same ticket.
 * Every edit leaves a valid ticket (the server validates the merged record; a random status without its pending reason or resolution would be refused).
 */
function deviceBatches(device: number, ids: readonly string[], staff: readonly string[], o: PushOptions): SyncOp[][] {
  const rng = createRng(`push-${device}`);
  const deviceId = `bench-device-${String(device).padStart(2, '0')}`;
  const wall = Date.now();
  let counter = 0;
  let seq = 0;
  const stamp = () => formatStamp({ wall, counter: counter++ }, deviceId);
  const batches: SyncOp[][] = [];
  for (let b = 0; b < o.batchesPerDevice; b++) {
    const ops: SyncOp[] = [];
    for (let i = 0; i < o.opsPerBatch; i++) {
      seq++;
      ops.push({
        opId: `${deviceId}-op-${seq}`,
        deviceId,
        deviceSeq: seq,
        table: 'tickets',
        id: rng.pick(ids),
        fields: {
          urgency: { value: rng.pick(LEVELS), stamp: stamp() },
          priority: { value: rng.pick(PRIORITIES), stamp: stamp() },
          assigneeId: { value: rng.pick(staff), stamp: stamp() },
          updatedAt: { value: new Date(wall + seq).toISOString(), stamp: stamp() },
        },
      });
    }
    batches.push(ops);
  }
  return batches;
}

/** The same field operations as plain rows, inserted with 20 connections at once: what PostgreSQL itself absorbs. */
async function rawInserts(url: string, batches: SyncOp[][][]): Promise<number> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE TABLE raw_field_ops (device_id text, device_seq bigint, tbl text, id text, field text, value jsonb, stamp text, PRIMARY KEY (device_id, device_seq, field))`);
  await setup.end();
  const clients = await Promise.all(
    batches.map(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const t = performance.now();
  await Promise.all(
    batches.map(async (deviceBatches, d) => {
      const c = clients[d]!;
      for (const ops of deviceBatches) {
        const rows = ops.flatMap((op) => Object.entries(op.fields).map(([field, f]) => ({ device_id: op.deviceId, device_seq: op.deviceSeq, tbl: op.table, id: op.id, field, value: f.value, stamp: f.stamp })));
        await c.query(
          `INSERT INTO raw_field_ops SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(device_id text, device_seq bigint, tbl text, id text, field text, value jsonb, stamp text)`,
          [JSON.stringify(rows)],
        );
      }
    }),
  );
  const ms = performance.now() - t;
  await Promise.all(clients.map((c) => c.end()));
  return ms;
}

/** One measurement on a fresh database of `cluster` holding `records`. */
export async function measurePush(databaseUrl: string, records: readonly ServerRecord[], o: PushOptions, tmp: string, log: (s: string) => void): Promise<PushFigures> {
  const server = await startSyncServer(databaseUrl, o.poolSize);
  try {
    await seedServer(server.db, records, Date.now());
    const ids = records.map((r) => r.id);
    const staff = [...new Set(records.map((r) => r.fields.assigneeId).filter((a): a is string => typeof a === 'string'))];
    const batches = Array.from({ length: o.devices }, (_, d) => deviceBatches(d, ids, staff, o));
    const users: SignedIn[] = [];
    for (let d = 0; d < o.devices; d++) users.push(await signedInUser(server, `device${d}@bench.example.gov`));
    const file = path.join(tmp, `push-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ url: server.url, devices: batches.map((b, d) => ({ token: users[d]!.token, bodies: b.map((ops) => JSON.stringify({ ops })) })) }));
    const ops = o.devices * o.batchesPerDevice * o.opsPerBatch;
    const fieldOps = ops * FIELDS_PER_OP;
    log(`  pushing ${ops.toLocaleString('en-US')} ops (${fieldOps.toLocaleString('en-US')} field operations) from ${o.devices} devices…`);
    // Asynchronously: the server answering them lives in this process.
    const { stdout } = await promisify(execFile)(process.execPath, [path.resolve('bench/sync/push-client.mjs'), file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const out = JSON.parse(stdout) as {
      ms: number;
      applied: number;
      rejected: number;
      failureCount: number;
      failures: string[];
    };
    if (out.failureCount > 0 || out.rejected > 0 || out.applied !== ops) throw new Error(`push run incomplete: ${JSON.stringify(out)}`);
    const seq = await server.db.query<{ seq: number }>('SELECT seq FROM sync_state WHERE id = 1');
    log(`  server: ${(out.ms / 1000).toFixed(2)} s, ${Math.round((fieldOps / out.ms) * 1000).toLocaleString('en-US')} field ops/s (server sequence now ${Number(seq.rows[0]?.seq)}); raw INSERTs…`);
    const rawMs = await rawInserts(databaseUrl, batches);
    log(`  raw: ${(rawMs / 1000).toFixed(2)} s, ${Math.round((fieldOps / rawMs) * 1000).toLocaleString('en-US')} rows/s`);
    return { fieldOps, ops, perSecond: (fieldOps / out.ms) * 1000, rawPerSecond: (fieldOps / rawMs) * 1000, serverMs: out.ms, rawMs };
  } finally {
    await server.stop();
  }
}
