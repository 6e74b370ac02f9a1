import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapAdmin, DEFAULT_ADMIN_EMAIL } from '../../../../server/auth/bootstrap';
import { findUserByEmail } from '../../../../server/auth/users';
import { runUserCommand, type CliIo } from '../../../../server/cli/user-commands';
import { parseArgs, type ParsedArgs } from '../../../../server/cli/args';
import type { Db } from '../../../../server/db/db';
import { migrate, MIGRATIONS } from '../../../../server/db/migrations';
import { makeApp, resetDb, signIn, T0, testClock } from './harness';

function capture(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

const args = (...argv: string[]): ParsedArgs => parseArgs(argv) as ParsedArgs;

/** Migrations, first-run bootstrap and the `user` admin commands. */
export function describeAdministration(label: string, getDb: () => Promise<Db>): void {
  describe(`administration on ${label}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await getDb();
      await migrate(db);
    });
    beforeEach(async () => {
      await resetDb(db);
    });

    it('records every migration once; running them again applies nothing', async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('bootstraps the first admin once, with a generated password that works', async () => {
      const first = await bootstrapAdmin(db, {}, T0);
      expect(first).toMatchObject({ created: true, email: DEFAULT_ADMIN_EMAIL });
      const password = (first as { generatedPassword: string }).generatedPassword;
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(await bootstrapAdmin(db, { email: 'other@agency.gov', password: 'another long password' }, T0)).toEqual({ created: false });
      const app = makeApp(db, testClock());
      expect(await signIn(app, DEFAULT_ADMIN_EMAIL, password)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('bootstraps from the environment and refuses a short admin password', async () => {
      await expect(bootstrapAdmin(db, { email: 'root@agency.gov', password: 'short' }, T0)).rejects.toThrow(/at least/);
      expect(await bootstrapAdmin(db, { email: 'Root@Agency.gov', password: 'a long enough password' }, T0)).toEqual({ created: true, email: 'root@agency.gov' });
      expect((await findUserByEmail(db, 'root@agency.gov'))?.role).toBe('admin');
    });

    it('user add, list, disable, enable and reset-password', async () => {
      const io = capture();
      expect(await runUserCommand(db, 'add', args('ann@agency.gov', '--role', 'coordinator', '--name', 'Ann Lee', '--password', 'first password 1'), io, T0)).toBe(0);
      expect(await runUserCommand(db, 'add', args('bo@agency.gov', '--role=technician'), io, T0)).toBe(0);
      const generated = io.lines.find((l) => l.startsWith('password: '))!.slice('password: '.length);
      expect(await runUserCommand(db, 'list', args(), io, T0)).toBe(0);
      expect(io.lines).toContain('ann@agency.gov\tcoordinator\tactive\tAnn Lee');

      const app = makeApp(db, testClock());
      const token = await signIn(app, 'bo@agency.gov', generated);
      expect(await runUserCommand(db, 'disable', args('bo@agency.gov'), io, T0)).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
      expect(await runUserCommand(db, 'enable', args('bo@agency.gov'), io, T0)).toBe(0);

      const annToken = await signIn(app, 'ann@agency.gov', 'first password 1');
      expect(await runUserCommand(db, 'reset-password', args('ann@agency.gov', '--password', 'second password 2'), io, T0)).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/v1/auth/me', headers: { authorization: `Bearer ${annToken}` } })).statusCode).toBe(401);
      await expect(signIn(app, 'ann@agency.gov', 'first password 1')).rejects.toThrow(/401/);
      expect(await signIn(app, 'ann@agency.gov', 'second password 2')).toBeTruthy();
      expect(io.errors).toEqual([]);
    });

    it('refuses bad input with a message and a non-zero exit code', async () => {
      const io = capture();
      expect(await runUserCommand(db, 'add', args('not-an-email', '--role', 'admin'), io, T0)).toBe(1);
      expect(await runUserCommand(db, 'add', args('x@agency.gov', '--role', 'king'), io, T0)).toBe(1);
      expect(await runUserCommand(db, 'add', args('x@agency.gov', '--role', 'admin', '--password', 'short'), io, T0)).toBe(1);
      expect(await runUserCommand(db, 'disable', args('ghost@agency.gov'), io, T0)).toBe(1);
      expect(await runUserCommand(db, 'frobnicate', args(), io, T0)).toBe(2);
      expect(io.errors.slice(0, 4)).toEqual([
        'error: "not-an-email" is not a valid email address',
        'error: --role must be one of technician, coordinator, admin',
        'error: a password needs at least 10 characters',
        'error: no user ghost@agency.gov',
      ]);
      expect((await db.query('SELECT 1 FROM users')).rows).toEqual([]);
    });
  });
}
