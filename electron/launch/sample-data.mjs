// `npm run sample-data -- [--tickets 5000] [--people 1000] [--work-log 25000] [--seed 42] [--now ISO] [--out file.fdbackup]`
//
// Writes generated sample data (agencies, sites, systems, people, tickets,
// work log and history) as a FieldDesk backup file. Restore it from
// Settings → Backups → "Restore from a file…" to explore a filled profile.
// The TypeScript service runs through Vite in Node, as the benchmarks do.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const count = (name, dflt) => {
  const v = Number(opt(name, dflt));
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name} must be a whole number (got ${opt(name, dflt)})`);
    process.exit(2);
  }
  return v;
};
const tickets = count('tickets', 5000);
const options = {
  tickets,
  people: count('people', Math.max(50, Math.round(tickets / 5))),
  workLogEntries: count('work-log', tickets * 5),
  seed: opt('seed', '42'),
  // Tickets dated up to now (as the in-app loader does), so "Breaching today" and the SLA clocks have something to show.
  now: opt('now', new Date().toISOString()),
};
const out = path.resolve(opt('out', `fielddesk-sample-${tickets}.fdbackup`));

const { createServer } = await import('vite');
const vite = await createServer({ configFile: false, root, logLevel: 'error', server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom' });
try {
  const { writeSampleBackup } = await vite.ssrLoadModule('/electron/services/sample-data/sample-backup.ts');
  let last = 0;
  const r = await writeSampleBackup(out, {
    ...options,
    onProgress: (n) => {
      if (n - last >= 20000) {
        last = n;
        process.stdout.write(`\r${n.toLocaleString('en-US')} records…`);
      }
    },
  });
  process.stdout.write('\r');
  if (!r.ok) {
    console.error(`Could not write the sample data: ${r.error.message}`);
    process.exitCode = 1;
  } else {
    const total = Object.values(r.value.header.tables).reduce((a, b) => a + b, 0);
    console.log(`Wrote ${total.toLocaleString('en-US')} records (${tickets.toLocaleString('en-US')} tickets) to ${r.value.path}`);
    console.log('Restore it in FieldDesk: Settings → Backups → Restore from a file…');
  }
} finally {
  await vite.close();
}
