import { EmailSchema, ROLES, RoleSchema } from '../../shared/sync/protocol';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../auth/passwords';
import { findUserByEmail, insertUser, listUsers, setDisabled, setPassword } from '../auth/users';
import type { Db } from '../db/db';
import type { ParsedArgs } from './args';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const USER_USAGE = `Usage:
  user add <email> --role technician|coordinator|admin [--name "Full Name"] [--password <pw>]
  user list
  user disable <email>
  user enable <email>
  user reset-password <email> [--password <pw>]
A password not given is generated and printed once.`;

function pickEmail(args: ParsedArgs): string | { error: string } {
  const raw = args.options.email ?? args.positionals[0];
  if (!raw) return { error: 'an email is required' };
  const parsed = EmailSchema.safeParse(raw);
  return parsed.success ? parsed.data : { error: `"${raw}" is not a valid email address` };
}

function pickPassword(args: ParsedArgs): { password: string; generated: boolean } | { error: string } {
  const given = args.options.password;
  if (given === undefined) return { password: generatePassword(), generated: true };
  if (given.length < MIN_PASSWORD_LENGTH) return { error: `a password needs at least ${MIN_PASSWORD_LENGTH} characters` };
  return { password: given, generated: false };
}

/** `user …` subcommands. Returns the process exit code. */
export async function runUserCommand(db: Db, sub: string | undefined, args: ParsedArgs, io: CliIo, now: number): Promise<number> {
  const fail = (message: string): number => {
    io.err(`error: ${message}`);
    return 1;
  };
  switch (sub) {
    case 'list': {
      const users = await listUsers(db);
      if (users.length === 0) io.out('(no users)');
      for (const u of users) io.out([u.email, u.role, u.disabled ? 'disabled' : 'active', u.name].join('\t'));
      return 0;
    }
    case 'add': {
      const email = pickEmail(args);
      if (typeof email !== 'string') return fail(email.error);
      const role = RoleSchema.safeParse(args.options.role);
      if (!role.success) return fail(`--role must be one of ${ROLES.join(', ')}`);
      const pw = pickPassword(args);
      if ('error' in pw) return fail(pw.error);
      if (await findUserByEmail(db, email)) return fail(`${email} already exists`);
      await insertUser(db, { email, name: args.options.name ?? '', role: role.data, password: pw.password }, now);
      io.out(`added ${email} (${role.data})`);
      if (pw.generated) io.out(`password: ${pw.password}`);
      return 0;
    }
    case 'disable':
    case 'enable': {
      const email = pickEmail(args);
      if (typeof email !== 'string') return fail(email.error);
      const user = await findUserByEmail(db, email);
      if (!user) return fail(`no user ${email}`);
      await setDisabled(db, user.id, sub === 'disable', now);
      io.out(sub === 'disable' ? `disabled ${email} and signed out its sessions` : `enabled ${email}`);
      return 0;
    }
    case 'reset-password': {
      const email = pickEmail(args);
      if (typeof email !== 'string') return fail(email.error);
      const pw = pickPassword(args);
      if ('error' in pw) return fail(pw.error);
      const user = await findUserByEmail(db, email);
      if (!user) return fail(`no user ${email}`);
      await setPassword(db, user.id, pw.password, now);
      io.out(`new password set for ${email}; its sessions were signed out`);
      if (pw.generated) io.out(`password: ${pw.password}`);
      return 0;
    }
    default:
      io.err(USER_USAGE);
      return 2;
  }
}
