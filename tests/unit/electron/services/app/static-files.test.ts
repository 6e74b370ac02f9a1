import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset, serveAppAsset } from '../../../../../electron/services/app/static-files';

const root = mkdtempSync(path.join(os.tmpdir(), 'fd-static-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(os.tmpdir(), 'fd-secret.txt'), 'secret');

describe('app protocol file resolution', () => {
  it('maps app paths to files in the renderer folder', () => {
    expect(resolveAppAsset('/assets/app.js', root)).toEqual({ file: path.join(root, 'assets', 'app.js'), mime: 'text/javascript; charset=utf-8' });
    expect(resolveAppAsset('/', root)?.file).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('/tickets/123', root)?.file).toBe(path.join(root, 'index.html'));
  });
  it.each(['/../fd-secret.txt', '/..%2Ffd-secret.txt', '/assets/..%2F..%2Ffd-secret.txt', '/%2e%2e/fd-secret.txt', '/assets/%00.js', '/assets\\..\\..\\x.js', '/%E0%A4%A'])(
    'refuses to leave the folder: %s',
    (p) => {
      expect(resolveAppAsset(p, root)).toBeNull();
    },
  );
  it('refuses unknown file types', () => {
    expect(resolveAppAsset('/assets/payload.exe', root)).toBeNull();
  });
  it('serves with the CSP and nosniff headers, and 404s what is missing', async () => {
    const ok = await serveAppAsset('/index.html', root, "default-src 'none'");
    expect(ok.status).toBe(200);
    expect(ok.headers['Content-Security-Policy']).toBe("default-src 'none'");
    expect(ok.headers['X-Content-Type-Options']).toBe('nosniff');
    const missing = await serveAppAsset('/assets/missing.js', root, 'x');
    expect(missing.status).toBe(404);
    expect(missing.headers['Content-Security-Policy']).toBe('x');
  });
});
