import { expect, onboard, test } from './fixtures';
import { CHANNEL_NAMES } from '../../shared/ipc/contract';

const BRIDGE_KEYS = [...new Set(CHANNEL_NAMES.map((n) => n.split('.')[0]!)), 'onMenuCommand'].sort();

type Bridge = Record<string, Record<string, (req: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>>>;

test.describe('the bridge in the page', () => {
  test('exposes named methods only, frozen, with no way to reach ipcRenderer', async ({ app }) => {
    const shape = await app.evaluate(() => {
      const fd = (window as unknown as { fielddesk: Record<string, unknown> }).fielddesk;
      return {
        namespaces: Object.keys(fd).sort(),
        frozen: Object.isFrozen(fd),
        hasRequire: 'require' in window,
        hasIpc: Object.values(fd).some((v) => typeof v === 'object' && v !== null && 'invoke' in v),
      };
    });
    expect(shape).toEqual({ namespaces: BRIDGE_KEYS, frozen: true, hasRequire: false, hasIpc: false });
  });

  test('valid calls return typed results; bad payloads get typed errors and change nothing', async ({ app, host }) => {
    await onboard(app);
    const info = await app.evaluate(() => (window as unknown as { fielddesk: Bridge }).fielddesk.app!.info!({}));
    expect(info).toMatchObject({ ok: true, value: { name: 'FieldDesk', electron: null, dataDir: host.dataDir } });

    const bad = await app.evaluate(async () => {
      const fd = (window as unknown as { fielddesk: Bridge }).fielddesk;
      return Promise.all([
        fd.config!.setSyncServer!({ url: 'javascript:alert(1)' }),
        fd.config!.setSyncServer!({ url: 42 }),
        fd.config!.setSyncServer!({ url: 'https://ok.example', extra: true }),
        fd.app!.openExternal!({ url: 'file:///etc/passwd' }),
        fd.app!.openExternal!({ url: 'x'.repeat(5000) }),
        fd.app!.info!('not an object'),
      ]);
    });
    expect(bad.map((r) => r.ok)).toEqual([false, false, false, false, false, false]);
    expect(bad.map((r) => r.error!.code)).toEqual(['invalid_request', 'invalid_request', 'invalid_request', 'invalid_request', 'invalid_request', 'invalid_request']);
    expect(host.config.get().syncServerUrl).toBeNull();
    expect(host.opened).toEqual([]);

    const good = await app.evaluate(() => (window as unknown as { fielddesk: Bridge }).fielddesk.app!.openExternal!({ url: 'https://courts.ca.gov/' }));
    expect(good.ok).toBe(true);
    expect(host.opened).toEqual(['https://courts.ca.gov/']);
  });

  test('an unknown channel and a call from a subframe are refused', async ({ app }) => {
    await onboard(app);
    const unknown = await app.evaluate(() =>
      (window as unknown as { __fielddeskIpc(c: string, p: unknown): Promise<{ ok: boolean; error: { code: string } }> }).__fielddeskIpc('fs.readFile', { path: '/etc/passwd' }),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });

    // A same-origin subframe (srcdoc, as a print preview is) gets no bridge, as in Electron; even the raw binding is refused by main.
    await app.evaluate(async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = '<p>preview</p>';
      frame.title = 'preview';
      const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      document.body.append(frame);
      await loaded;
    });
    const sub = app.frames().find((f) => f !== app.mainFrame());
    expect(sub).toBeDefined();
    const fromFrame = await sub!.evaluate(() =>
      (window as unknown as { __fielddeskIpc(c: string, p: unknown): Promise<unknown> }).__fielddeskIpc('app.info', {}),
    );
    expect(fromFrame).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  test('the sync server setting round-trips through main and shapes the Content-Security-Policy', async ({ app, host }) => {
    await onboard(app);
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByLabel('Server address').fill('ftp://nope');
    await app.getByRole('button', { name: 'Save server' }).click();
    await expect(app.locator('.field-error', { hasText: 'Enter the server address' })).toBeVisible();
    await app.getByLabel('Server address').fill('https://sync.example.gov/fielddesk/');
    await app.getByRole('button', { name: 'Save server' }).click();
    await expect(app.getByText('This device syncs with https://sync.example.gov/fielddesk.')).toBeVisible();
    const res = await app.request.get(`${host.origin}/index.html`);
    expect(res.headers()['content-security-policy']).toContain("connect-src 'self' https://sync.example.gov");
    expect(res.headers()['content-security-policy']).not.toContain('unsafe-eval');
  });

  test.describe('Content-Security-Policy', () => {
    test.use({ allowErrors: /violates the following Content Security Policy|Refused to connect because it violates/ });
    test('blocks inline script and remote loads', async ({ app }) => {
      await onboard(app);
      const blocked = await app.evaluate(async () => {
        const events: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => events.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.head.append(s);
        const fetched = await fetch('https://example.com/').then(
          () => 'loaded',
          () => 'blocked',
        );
        await new Promise((r) => setTimeout(r, 100));
        return { inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, fetched, events };
      });
      expect(blocked.inlineRan).toBe(false);
      expect(blocked.fetched).toBe('blocked');
      expect(blocked.events).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
    });
  });
});
