import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../../../electron/services/app-services';
import { nodeTokenCrypto } from '../../../../../electron/services/sync/node-token-crypto';
import { createTokenStore, type TokenCrypto } from '../../../../../electron/services/sync/token-store';

const session = {
  serverUrl: 'https://fielddesk.example.gov',
  token: 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG',
  expiresAt: 1_900_000_000_000,
  user: { id: 'u1', email: 'tech@agency.gov', name: 'Tess', role: 'technician' as const },
};

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'fd-token-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sync token store', () => {
  it('keeps the session encrypted on disk and reads it back after a restart', async () => {
    const dir = tmp();
    const file = path.join(dir, 'sync-session.bin');
    const crypto = nodeTokenCrypto(path.join(dir, 'key'));
    expect(await createTokenStore({ file, crypto }).set(session)).toBe(true);
    expect(readFileSync(file).includes(Buffer.from(session.token))).toBe(false);
    expect(readFileSync(file).includes(Buffer.from('tech@agency.gov'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    expect(await createTokenStore({ file, crypto: nodeTokenCrypto(path.join(dir, 'key')) }).get()).toEqual(session);
  });

  it('never writes the token in plain text when encryption is unavailable', async () => {
    const dir = tmp();
    const file = path.join(dir, 'sync-session.bin');
    const unavailable: TokenCrypto = { isAvailable: () => false, encrypt: () => Buffer.from('x'), decrypt: () => 'x' };
    const store = createTokenStore({ file, crypto: unavailable });
    expect(await store.set(session)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(await store.get()).toEqual(session); // for this run only
    expect(await createTokenStore({ file, crypto: unavailable }).get()).toBeNull();
  });

  it('reads a file it cannot decrypt (another key, corruption) as signed out', async () => {
    const dir = tmp();
    const file = path.join(dir, 'sync-session.bin');
    await createTokenStore({ file, crypto: nodeTokenCrypto(path.join(dir, 'key-a')) }).set(session);
    expect(await createTokenStore({ file, crypto: nodeTokenCrypto(path.join(dir, 'key-b')) }).get()).toBeNull();
    writeFileSync(file, 'garbage');
    expect(await createTokenStore({ file, crypto: nodeTokenCrypto(path.join(dir, 'key-a')) }).get()).toBeNull();
  });

  it('serves the session over the IPC channels, validating what the renderer sends', async () => {
    const dataDir = tmp();
    const { router } = await createAppServices({
      appInfo: { name: 'FieldDesk', version: '1', platform: 'linux', electron: null },
      dataDir,
      viewDir: path.join(dataDir, 'view'),
      appOrigins: () => ['app://fielddesk'],
      openExternal: async () => undefined,
      openPath: async () => '',
      dialogs: { pickFiles: async () => [], saveFile: async () => null },
      printer: { toPdf: async () => Buffer.from(''), printWithDialog: async () => false },
      fontsDir: path.resolve('resources/fonts'),
      tokenCrypto: nodeTokenCrypto(path.join(dataDir, 'key')),
    });
    const sender = { url: 'app://fielddesk/index.html', isTopFrame: true };
    expect(await router.handle('sync.getToken', sender, {})).toEqual({ ok: true, value: { session: null } });
    expect(await router.handle('sync.setToken', sender, session)).toEqual({ ok: true, value: { stored: true, persisted: true } });
    expect(await router.handle('sync.getToken', sender, {})).toEqual({ ok: true, value: { session } });
    const bad = await router.handle('sync.setToken', sender, { ...session, token: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await router.handle('sync.getToken', { url: 'https://evil.example', isTopFrame: true }, {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await router.handle('sync.clearToken', sender, {})).toEqual({ ok: true, value: { cleared: true } });
    expect(await router.handle('sync.getToken', sender, {})).toEqual({ ok: true, value: { session: null } });
    expect(existsSync(path.join(dataDir, 'sync-session.bin'))).toBe(false);
  });
});
