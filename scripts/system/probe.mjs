// Looks at this machine for what plan.mjs decides about. Reads the
// environment it is given, so a test can hide programs: a PATH without them,
// FIELDDESK_SYSTEM_ROOT=<dir> to look for fixed paths (/usr/bin/chromium,
// /usr/lib/postgresql, /etc/debian_version) under another root, and HOME for
// Playwright's own browsers.
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The first executable `name` on env.PATH, or null. */
export function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

const list = (dir) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Playwright's own Chromium (what the tests prefer when it is there), or null. */
function playwrightChromium(env) {
  const base = env.PLAYWRIGHT_BROWSERS_PATH || (env.HOME ? path.join(env.HOME, '.cache', 'ms-playwright') : null);
  if (!base) return null;
  for (const dir of list(base).filter((d) => /^chromium-\d+$/.test(d))) {
    for (const sub of ['chrome-linux64', 'chrome-linux']) {
      const file = path.join(base, dir, sub, 'chrome');
      if (existsSync(file)) return file;
    }
  }
  return null;
}

/** Whether this is Debian (or a derivative) with apt-get to install packages. */
export function isDebianLike(env) {
  const root = env.FIELDDESK_SYSTEM_ROOT || '/';
  return existsSync(path.join(root, 'etc', 'debian_version')) && onPath('apt-get', env) !== null;
}

/**
 * Where each requirement is: { found: {id: path}, missing: [id], broken: [{env, value, id}] }.
 * Chromium is looked for as the tests look for it (electron/browser-host/chromium-path.ts):
 * Playwright's own, else CHROMIUM_PATH, else /usr/bin/chromium or `chromium` on PATH.
 * initdb as tests/integration/server/postgres.ts does: FIELDDESK_PG_BIN, else /usr/lib/postgresql/<version>/bin.
 */
export function probeSystem(env) {
  const root = env.FIELDDESK_SYSTEM_ROOT || '/';
  const at = (...p) => path.join(root, ...p);
  const found = {};
  const broken = [];

  const chromium = playwrightChromium(env);
  if (chromium) found.chromium = chromium;
  else if (env.CHROMIUM_PATH) {
    if (existsSync(env.CHROMIUM_PATH)) found.chromium = env.CHROMIUM_PATH;
    else broken.push({ env: 'CHROMIUM_PATH', value: env.CHROMIUM_PATH, id: 'chromium' });
  } else {
    const debian = at('usr', 'bin', 'chromium');
    const where = existsSync(debian) ? debian : onPath('chromium', env);
    if (where) found.chromium = where;
  }

  for (const id of ['pdftotext', 'xvfb-run']) {
    const where = onPath(id, env);
    if (where) found[id] = where;
  }

  if (env.FIELDDESK_PG_BIN) {
    const initdb = path.join(env.FIELDDESK_PG_BIN, 'initdb');
    if (existsSync(initdb)) found.initdb = initdb;
    else broken.push({ env: 'FIELDDESK_PG_BIN', value: env.FIELDDESK_PG_BIN, id: 'initdb' });
  } else {
    const versions = list(at('usr', 'lib', 'postgresql')).sort((a, b) => Number(b) - Number(a));
    const initdb = versions.map((v) => at('usr', 'lib', 'postgresql', v, 'bin', 'initdb')).find((f) => existsSync(f));
    if (initdb) found.initdb = initdb;
  }

  const missing = ['chromium', 'pdftotext', 'initdb', 'xvfb-run'].filter((id) => !found[id] && !broken.some((b) => b.id === id));
  return { found, missing, broken };
}
