// What this machine needs for FieldDesk's tests and `npm start`, and what to
// do about what is missing. Pure functions: no file system, no processes, so
// the decisions are unit-tested (tests/unit/scripts/system-plan.test.ts);
// probe.mjs looks at the machine and check-system.mjs / start.mjs act.

/** The system programs the tests need, and the Debian package that brings each. */
export const REQUIREMENTS = [
  { id: 'chromium', what: 'Chromium', pkg: 'chromium', why: 'the end-to-end tests run the app in it' },
  { id: 'pdftotext', what: 'pdftotext', pkg: 'poppler-utils', why: 'the print tests read their PDFs back' },
  { id: 'initdb', what: "PostgreSQL's initdb", pkg: 'postgresql', why: 'the server tests start throwaway PostgreSQL clusters' },
  { id: 'xvfb-run', what: 'xvfb-run', pkg: 'xvfb', why: 'a virtual display, for windows on a machine without one' },
];

const byId = (id) => REQUIREMENTS.find((r) => r.id === id);

/**
 * What `npm test`'s system check does.
 * - missing: ids of REQUIREMENTS not found;
 * - broken: settings that point at nothing ({ env, value, id }), which
 *   installing a package would not fix;
 * - isRoot, isDebian (has /etc/debian_version and apt-get).
 * Returns { action: 'ok' } | { action: 'install', packages, commands, env }
 *   | { action: 'stop', lines } (print lines, exit non-zero).
 */
export function planSystemCheck({ missing, broken = [], isRoot, isDebian }) {
  if (broken.length > 0) {
    return {
      action: 'stop',
      lines: [
        ...broken.map((b) => `${b.env}=${b.value} is set, but there is no ${byId(b.id)?.what ?? b.id} there.`),
        `Point ${broken.length > 1 ? 'them' : 'it'} at the program, or unset ${broken.map((b) => b.env).join(' and ')}, then run npm test again.`,
      ],
    };
  }
  const need = REQUIREMENTS.filter((r) => missing.includes(r.id));
  if (need.length === 0) return { action: 'ok' };
  const packages = [...new Set(need.map((r) => r.pkg))];
  if (isRoot && isDebian) {
    return {
      action: 'install',
      packages,
      // One update, then one noninteractive install of everything missing.
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', ...packages],
      ],
      env: { DEBIAN_FRONTEND: 'noninteractive' },
    };
  }
  const install = `sudo apt-get install -y ${packages.join(' ')}`;
  return {
    action: 'stop',
    packages,
    lines: [
      "FieldDesk's tests need programs this machine does not have:",
      ...need.map((r) => `  - ${r.what} (Debian package ${r.pkg}): ${r.why}`),
      isDebian ? 'Install them, then run npm test again:' : "Install them with your system's package manager (on Debian or Ubuntu, the command is below), then run npm test again:",
      `  ${install}`,
      '(Or set FIELDDESK_SKIP_SYSTEM_CHECK=1 to run the tests anyway: the ones that need a missing program fail or say why they are skipped.)',
    ],
  };
}

/**
 * What `npm start` does.
 * - electron: Electron's binary is there; chromium: a Chromium to use instead;
 * - display: a screen to show the window on (always on macOS and Windows);
 * - headless: FIELDDESK_HEADLESS=1 (run without a window, for scripts);
 * - xvfbRun: xvfb-run is installed; isDebian; isRoot (commands without sudo).
 * Returns { action: 'electron' } | { action: 'browser', headless } | { action: 'stop', lines }.
 */
export function planStart({ electron, chromium, display, headless, xvfbRun, isDebian, isRoot = false }) {
  const lines = [];
  const sudo = isRoot ? '' : 'sudo ';
  if (!electron && !chromium) {
    lines.push(
      "  - Neither Electron's binary (npm could not download it) nor Chromium is installed.",
      isDebian ? `    Install Chromium:  ${sudo}apt-get install -y chromium` : '    Install Chromium (on Debian or Ubuntu: sudo apt-get install -y chromium),',
      '    or set CHROMIUM_PATH to a Chromium, or ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.',
    );
  }
  if (!display && !headless) {
    lines.push(
      '  - There is no display to show the window on (DISPLAY and WAYLAND_DISPLAY are not set).',
      '    Run it on a virtual display:  xvfb-run -a npm start',
      ...(xvfbRun ? [] : [isDebian ? `    (xvfb-run is not installed:  ${sudo}apt-get install -y xvfb)` : '    (xvfb-run comes with the xvfb package; on Debian or Ubuntu: sudo apt-get install -y xvfb)']),
      '    or set DISPLAY, or FIELDDESK_HEADLESS=1 to run it without a window.',
    );
  }
  if (lines.length > 0) return { action: 'stop', lines: ['FieldDesk cannot start on this machine:', ...lines] };
  if (electron) return { action: 'electron' };
  return { action: 'browser', headless: Boolean(headless) };
}
