#!/usr/bin/env node
// `npm test` runs this first: are the system programs the tests need here?
// Missing ones are installed with apt-get when running as root on Debian
// (one update, one noninteractive install); otherwise it prints the exact
// command to run and exits 1. Node only, no packages, so it runs before
// anything else. --dry-run says what it would install without installing.
// FIELDDESK_SKIP_SYSTEM_CHECK=1 skips it.
import { spawnSync } from 'node:child_process';
import { planSystemCheck, REQUIREMENTS } from './system/plan.mjs';
import { isDebianLike, probeSystem } from './system/probe.mjs';

const dryRun = process.argv.includes('--dry-run');
const env = process.env;

if (env.FIELDDESK_SKIP_SYSTEM_CHECK === '1') {
  console.log('system check: skipped (FIELDDESK_SKIP_SYSTEM_CHECK=1)');
  process.exit(0);
}

const check = () => {
  const probe = probeSystem(env);
  return { probe, plan: planSystemCheck({ ...probe, isRoot: process.getuid?.() === 0, isDebian: isDebianLike(env) }) };
};

const report = (found) => console.log(`system check: ${REQUIREMENTS.map((r) => `${r.what} (${found[r.id]})`).join(', ')}`);
const stop = (lines) => {
  for (const line of lines) console.error(line);
  process.exit(1);
};

let { probe, plan } = check();
if (plan.action === 'ok') {
  report(probe.found);
  process.exit(0);
}
if (plan.action === 'stop') stop(plan.lines);

// Root on Debian: install what is missing.
console.log(`system check: installing ${plan.packages.join(' ')} with apt-get (missing: ${probe.missing.join(', ')})`);
if (dryRun) {
  for (const command of plan.commands) console.log(`  would run: ${Object.entries(plan.env).map(([k, v]) => `${k}=${v} `).join('')}${command.join(' ')}`);
  process.exit(1);
}
for (const [file, ...args] of plan.commands) {
  const run = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, ...plan.env } });
  if (run.status !== 0) {
    stop([`system check: \`${[file, ...args].join(' ')}\` failed (${run.error ? run.error.message : `exit ${run.status}`}).`, `Install the packages yourself, then run npm test again:`, `  apt-get install -y ${plan.packages.join(' ')}`]);
  }
}
({ probe, plan } = check());
if (plan.action !== 'ok') stop(['system check: still missing after the install: ' + probe.missing.join(', '), ...(plan.action === 'stop' ? plan.lines : [])]);
report(probe.found);
