import { SYNC_TABLES } from '../shared/sync/tables';
import { parseArgs } from './cli/args';
import { checkRecords, CHECK_RECORDS_USAGE } from './cli/check-records';
import { serve } from './cli/serve';
import { runUserCommand, USER_USAGE, type CliIo } from './cli/user-commands';
import { loadConfig } from './config';
import { openDatabase } from './db/open';
import { migrate } from './db/migrations';

/**
 * Entry point: `serve` (the default), `migrate`, `check-records` or `user …`.
 * Built to out/server/cli.js by server/build.mjs; see docs/deploy.md.
 */
const USAGE = `fielddesk-server [serve | migrate | check-records | user …]
${USER_USAGE}
${CHECK_RECORDS_USAGE}`;

const io: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', sub, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return 0;
  }
  if (!['serve', 'migrate', 'user', 'check-records'].includes(command)) {
    io.err(USAGE);
    return 2;
  }
  const config = loadConfig(process.env, process.cwd());
  const db = await openDatabase(config);
  const applied = await migrate(db);
  if (applied.length > 0) io.err(`applied migrations ${applied.join(', ')}`);

  if (command === 'serve') {
    const server = await serve(db, config, io);
    const stop = async () => {
      await server.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return -1; // keep running
  }
  try {
    if (command === 'migrate') return 0;
    const args = parseArgs(sub === undefined ? rest : [sub, ...rest]);
    if ('error' in args) {
      io.err(args.error);
      return 2;
    }
    if (command === 'check-records') {
      const batch = Number(args.options.batch ?? 1000);
      if (!Number.isSafeInteger(batch) || batch < 1) {
        io.err(CHECK_RECORDS_USAGE);
        return 2;
      }
      return await checkRecords(db, SYNC_TABLES, io, { batch });
    }
    const [subcommand, ...positionals] = args.positionals;
    return await runUserCommand(db, subcommand, { positionals, options: args.options }, io, Date.now());
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
