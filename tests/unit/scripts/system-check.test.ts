import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planStart, planSystemCheck } from '../../../scripts/system/plan.mjs';

const repo = path.resolve(__dirname, '../../..');
const all = ['chromium', 'pdftotext', 'initdb', 'xvfb-run'];

describe('npm test: what the system check decides', () => {
  it('nothing missing: go on', () => {
    expect(planSystemCheck({ missing: [], isRoot: false, isDebian: true })).toEqual({ action: 'ok' });
  });

  it('root on Debian: one update, then one noninteractive install of exactly the missing packages', () => {
    expect(planSystemCheck({ missing: all, isRoot: true, isDebian: true })).toEqual({
      action: 'install',
      packages: ['chromium', 'poppler-utils', 'postgresql', 'xvfb'],
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', 'chromium', 'poppler-utils', 'postgresql', 'xvfb'],
      ],
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    });
    expect(planSystemCheck({ missing: ['pdftotext'], isRoot: true, isDebian: true })).toMatchObject({ action: 'install', packages: ['poppler-utils'] });
  });

  it('not root: names each missing program and its package, prints the exact command, and stops', () => {
    const plan = planSystemCheck({ missing: ['initdb', 'chromium'], isRoot: false, isDebian: true });
    expect(plan.action).toBe('stop');
    const text = plan.action === 'stop' ? plan.lines.join('\n') : '';
    expect(text).toContain('Chromium (Debian package chromium)');
    expect(text).toContain("PostgreSQL's initdb (Debian package postgresql)");
    expect(text).not.toContain('pdftotext');
    expect(text).toContain('\n  sudo apt-get install -y chromium postgresql\n');
  });

  it('root but not Debian: no apt-get to run, so it says what to install and stops', () => {
    const plan = planSystemCheck({ missing: ['xvfb-run'], isRoot: true, isDebian: false });
    expect(plan).toMatchObject({ action: 'stop', lines: expect.arrayContaining(['  sudo apt-get install -y xvfb']) });
    expect(plan.action === 'stop' ? plan.lines.join('\n') : '').toMatch(/package manager/);
  });

  it('a setting that points at nothing is named, even as root (installing would not fix it)', () => {
    const plan = planSystemCheck({ missing: [], broken: [{ env: 'CHROMIUM_PATH', value: '/opt/none', id: 'chromium' }], isRoot: true, isDebian: true });
    expect(plan).toEqual({ action: 'stop', lines: ['CHROMIUM_PATH=/opt/none is set, but there is no Chromium there.', 'Point it at the program, or unset CHROMIUM_PATH, then run npm test again.'] });
  });
});

describe('npm start: what it decides', () => {
  const base = { electron: false, chromium: true, display: true, headless: false, xvfbRun: true, isDebian: true, isRoot: false };
  it('Electron where its binary is; else Chromium; headless only when asked', () => {
    expect(planStart({ ...base, electron: true })).toEqual({ action: 'electron' });
    expect(planStart(base)).toEqual({ action: 'browser', headless: false });
    expect(planStart({ ...base, display: false, headless: true })).toEqual({ action: 'browser', headless: true });
  });

  it('neither Electron nor Chromium nor a display: says which package to install and to use xvfb-run, and stops', () => {
    const plan = planStart({ ...base, chromium: false, display: false, xvfbRun: false });
    expect(plan.action).toBe('stop');
    const text = plan.action === 'stop' ? plan.lines.join('\n') : '';
    expect(text).toContain('Install Chromium:  sudo apt-get install -y chromium');
    expect(text).toContain('xvfb-run -a npm start');
    expect(text).toContain('sudo apt-get install -y xvfb');
    expect(text).toContain('FIELDDESK_HEADLESS=1');
  });

  it('only the display missing: xvfb-run (no install line when it is there); as root, no sudo', () => {
    const plan = planStart({ ...base, display: false });
    expect(plan.action === 'stop' ? plan.lines.join('\n') : '').not.toContain('apt-get');
    const root = planStart({ ...base, electron: false, chromium: false, isRoot: true });
    expect(root.action === 'stop' ? root.lines.join('\n') : '').toContain('Install Chromium:  apt-get install -y chromium');
  });
});

describe('in practice, with the programs hidden', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** An empty machine: a PATH with only what the case links in, a root without /usr, a HOME without browsers. */
  function bareMachine({ debian = true }: { debian?: boolean } = {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fielddesk-bare-'));
    dirs.push(dir);
    for (const sub of ['bin', 'root/etc', 'home']) mkdirSync(path.join(dir, sub), { recursive: true });
    if (debian) writeFileSync(path.join(dir, 'root/etc/debian_version'), '12.11\n');
    const env = { PATH: path.join(dir, 'bin'), HOME: path.join(dir, 'home'), FIELDDESK_SYSTEM_ROOT: path.join(dir, 'root') };
    return { dir, env };
  }

  const run = (script: string, env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, [path.join(repo, script), ...args], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });

  it('check-system as root on Debian installs what is missing (a stand-in apt-get), once, and passes; not as root it prints the command and fails', () => {
    const { dir, env } = bareMachine();
    const log = path.join(dir, 'apt.log');
    const apt = path.join(dir, 'bin', 'apt-get');
    // A stand-in for apt-get: logs how it was called and "installs" each package's program.
    writeFileSync(
      apt,
      `#!/bin/sh
PATH=/usr/bin:/bin
echo "$DEBIAN_FRONTEND $*" >> "${log}"
[ "$1" = install ] || exit 0
for p in "$@"; do case "$p" in
  chromium) mkdir -p "${dir}/root/usr/bin" && ln -s /bin/true "${dir}/root/usr/bin/chromium";;
  poppler-utils) ln -s /bin/true "${dir}/bin/pdftotext";;
  xvfb) ln -s /bin/true "${dir}/bin/xvfb-run";;
  postgresql) mkdir -p "${dir}/root/usr/lib/postgresql/15/bin" && ln -s /bin/true "${dir}/root/usr/lib/postgresql/15/bin/initdb";;
esac; done
`,
    );
    chmodSync(apt, 0o755);
    symlinkSync('/bin/true', path.join(dir, 'bin', 'pdftotext'));

    const res = run('scripts/check-system.mjs', env);
    if (process.getuid?.() === 0) {
      expect(res.status, res.stderr).toBe(0);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['noninteractive update -qq', 'noninteractive install -y -qq chromium postgresql xvfb']);
      expect(res.stdout).toContain('installing chromium postgresql xvfb with apt-get');
      expect(res.stdout).toMatch(/system check: Chromium \(.*\/root\/usr\/bin\/chromium\)/);
      // Everything is there now: a second run installs nothing.
      expect(run('scripts/check-system.mjs', env).status).toBe(0);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
    } else {
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('sudo apt-get install -y chromium postgresql xvfb');
    }
  });

  it('check-system --dry-run on an empty Debian machine says what it would install and fails; a broken CHROMIUM_PATH is named', () => {
    const { dir, env } = bareMachine();
    symlinkSync('/bin/true', path.join(dir, 'bin', 'apt-get'));
    const dry = run('scripts/check-system.mjs', env, ['--dry-run']);
    expect(dry.status).toBe(1);
    if (process.getuid?.() === 0) expect(dry.stdout).toContain('would run: DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils postgresql xvfb');
    else expect(dry.stderr).toContain('sudo apt-get install -y chromium poppler-utils postgresql xvfb');
    const broken = run('scripts/check-system.mjs', { ...env, CHROMIUM_PATH: path.join(dir, 'no-chromium') });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`CHROMIUM_PATH=${path.join(dir, 'no-chromium')} is set, but there is no Chromium there.`);
    expect(run('scripts/check-system.mjs', { ...env, FIELDDESK_SKIP_SYSTEM_CHECK: '1' }).status).toBe(0);
  });

  it('npm start with neither Electron nor Chromium nor a display says what it needs and exits 1, before building anything', () => {
    const { dir, env } = bareMachine();
    symlinkSync('/usr/bin/apt-get', path.join(dir, 'bin', 'apt-get'));
    const res = run('electron/launch/start.mjs', env);
    expect(res.status, res.stdout + res.stderr).toBe(1);
    expect(res.stderr).toContain('FieldDesk cannot start on this machine:');
    expect(res.stderr).toMatch(/Install Chromium: {2}(sudo )?apt-get install -y chromium/);
    expect(res.stderr).toContain('xvfb-run -a npm start');
    expect(res.stderr).toMatch(/xvfb-run is not installed: {2}(sudo )?apt-get install -y xvfb/);
    expect(res.stdout).not.toContain('Starting FieldDesk');
  }, 120_000);
});
