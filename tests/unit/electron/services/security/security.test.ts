import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../../../electron/services/security/csp';
import { validateExternalUrl } from '../../../../../electron/services/security/external-links';
import { decideNavigation, decideWindowOpen } from '../../../../../electron/services/security/navigation';
import { APP_ORIGIN, isAppUrl, originOf } from '../../../../../electron/services/security/origins';
import { decidePermission } from '../../../../../electron/services/security/permissions';
import { isTrustedSender } from '../../../../../electron/services/security/sender';
import { createWindowOptions } from '../../../../../electron/services/security/window-options';

const origins = [APP_ORIGIN];

describe('origins', () => {
  it('derives the origin of the custom app scheme', () => {
    expect(originOf('app://fielddesk/index.html#/tickets')).toBe('app://fielddesk');
    expect(isAppUrl('app://fielddesk/assets/x.js', origins)).toBe(true);
    expect(isAppUrl('app://evil/index.html', origins)).toBe(false);
    expect(isAppUrl('file:///C:/app/index.html', origins)).toBe(false);
    expect(isAppUrl('not a url', origins)).toBe(false);
  });
});

describe('navigation (will-navigate, will-redirect)', () => {
  it('allows the app origin only', () => {
    expect(decideNavigation('app://fielddesk/index.html#/people', origins)).toEqual({ allow: true });
    expect(decideNavigation('file:///etc/passwd', origins)).toEqual({ allow: false });
    expect(decideNavigation('app://fielddesk.evil/x', origins)).toEqual({ allow: false });
  });
  it('hands web links to the OS browser instead of loading them', () => {
    expect(decideNavigation('https://courts.ca.gov/rules', origins)).toEqual({ allow: false, openExternally: 'https://courts.ca.gov/rules' });
  });
  it('denies every window.open, opening only safe links externally', () => {
    expect(decideWindowOpen('https://example.gov/')).toEqual({ action: 'deny', openExternally: 'https://example.gov/' });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('app://fielddesk/index.html')).toEqual({ action: 'deny' });
  });
});

describe('external links (shell.openExternal)', () => {
  it.each([
    ['https://www.courts.ca.gov/forms.htm', true],
    ['http://intranet.county.k12.ca.us/', true],
    ['mailto:help@county.k12.ca.us', true],
    ['mailto:help@county.k12.ca.us?subject=Ticket%20KX7-00042', true],
    ['mailto:not-an-address', false],
    ['mailto:a@b.c,d@e.f', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['smb://fileserver/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://user:pass@example.gov/', false],
    ['', false],
    [`https://example.gov/${'a'.repeat(3000)}`, false],
  ])('%s → %s', (url, allowed) => {
    expect(validateExternalUrl(url).ok).toBe(allowed);
  });
});

describe('permissions', () => {
  it('denies by default, even to the app', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'pointerLock', 'display-capture', 'unknown-future-permission']) {
      expect(decidePermission(p, 'app://fielddesk/index.html', origins)).toBe(false);
    }
  });
  it('allows the short list only to the app origin', () => {
    expect(decidePermission('clipboard-sanitized-write', 'app://fielddesk/index.html', origins)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', 'https://example.com/', origins)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only the app origin in the top-level frame', () => {
    expect(isTrustedSender({ url: 'app://fielddesk/index.html', isTopFrame: true }, origins)).toBe(true);
    expect(isTrustedSender({ url: 'app://fielddesk/index.html', isTopFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'about:srcdoc', isTopFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: '', isTopFrame: true }, origins)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  it('allows scripts from the app only: no eval, no inline, no remote', () => {
    const d = directives(buildCsp({ syncServerUrl: null }));
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['style-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
  });
  it('limits connect-src to the configured sync server origin', () => {
    const d = directives(buildCsp({ syncServerUrl: 'https://sync.example.gov/fielddesk' }));
    expect(d['connect-src']).toEqual(["'self'", 'https://sync.example.gov']);
  });
  it('never admits a non-http sync server into the policy', () => {
    expect(buildCsp({ syncServerUrl: 'javascript:alert(1)' })).not.toContain('javascript');
  });
  it('relaxes only what the dev server needs, only in development', () => {
    const d = directives(buildCsp({ syncServerUrl: null, devServerUrl: 'http://localhost:5173' }));
    expect(d['connect-src']).toContain('ws://localhost:5173');
    expect(buildCsp({ syncServerUrl: null, devServerUrl: 'http://localhost:5173' })).not.toContain('unsafe-eval');
  });
});

describe('BrowserWindow options', () => {
  it('has the hardened webPreferences of the security checklist', () => {
    const o = createWindowOptions({ preloadPath: '/app/preload/index.cjs', darkBackground: false });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(o.show).toBe(false);
  });
  it('starts with the theme background so there is no flash', () => {
    expect(createWindowOptions({ preloadPath: 'p', darkBackground: true }).backgroundColor).not.toBe(
      createWindowOptions({ preloadPath: 'p', darkBackground: false }).backgroundColor,
    );
  });
});
