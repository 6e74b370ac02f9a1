import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for integration tests: initdb into a temp
 * folder, start on 127.0.0.1 with a free port, stop and delete afterwards.
 * PostgreSQL refuses to run as root, so as root (CI) the cluster belongs to
 * the `postgres` user and the binaries run through `runuser`.
 */
export interface PgCluster {
  url: (database?: string) => string;
  createDatabase: () => Promise<string>;
  stop: () => void;
}

type Found = { ok: true; bin: string; asUser: string | null; uid: number; gid: number } | { ok: false; reason: string };

function run(cmd: string, args: string[], asUser: string | null): { status: number | null; output: string } {
  const [file, argv] = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** Where the PostgreSQL binaries are and who must run them, or why the tests cannot run here. */
export function findPostgres(): Found {
  const candidates = process.env.FIELDDESK_PG_BIN
    ? [process.env.FIELDDESK_PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const bin = candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (!bin) return { ok: false, reason: 'no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin; install the Debian postgresql package or set FIELDDESK_PG_BIN' };
  if (process.getuid?.() !== 0) return { ok: true, bin, asUser: null, uid: -1, gid: -1 };
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) return { ok: false, reason: 'running as root but there is no `postgres` user to run the cluster as' };
  if (spawnSync('runuser', ['--help'], { encoding: 'utf8' }).error) return { ok: false, reason: 'running as root but `runuser` is not available' };
  return { ok: true, bin, asUser: 'postgres', uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** `durable`: keep PostgreSQL's crash-safety defaults (fsync, synchronous commit), for benchmarks; tests turn them off. */
export async function startPostgres(found: Extract<Found, { ok: true }>, { durable = false }: { durable?: boolean } = {}): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'fielddesk-pg-'));
  if (found.asUser) chownSync(dir, found.uid, found.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const init = run(join(found.bin, 'initdb'), ['-D', data, '-U', 'fielddesk', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], found.asUser);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.output}`);
  }
  const port = await freePort();
  // Durability settings are off: these clusters are thrown away, and the tests are about ordering, not crash safety.
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fast} -c max_connections=200`;
  const start = run(join(found.bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', opts, 'start'], found.asUser);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    run(join(found.bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], found.asUser);
    rmSync(dir, { recursive: true, force: true });
  };
  // If the test process dies without afterAll, do not leave a server running.
  process.once('exit', stop);
  if (start.status !== 0) {
    const logText = existsSync(log) ? readFileSync(log, 'utf8') : '';
    stop();
    throw new Error(`pg_ctl start failed:\n${start.output}\n${logText}`);
  }
  const url = (database = 'postgres') => `postgres://fielddesk@127.0.0.1:${port}/${database}`;
  let n = 0;
  return {
    url,
    stop,
    async createDatabase() {
      const { default: pg } = await import('pg');
      const name = `t${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
  };
}

/** Skip, loudly, when this machine cannot run PostgreSQL; never pass silently. */
export function postgresOrReason(): Found {
  const found = findPostgres();
  if (!found.ok) console.warn(`\n[integration] SKIPPING real-PostgreSQL tests: ${found.reason}\n`);
  return found;
}
