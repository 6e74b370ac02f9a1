import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../../../electron/services/app-services';
import { createIpcRouter, type Handlers, type IpcRouter } from '../../../../../electron/services/ipc/router';
import { CHANNEL_NAMES } from '../../../../../shared/ipc/contract';
import { err, ok } from '../../../../../shared/result';

const trusted = { url: 'app://fielddesk/index.html', isTopFrame: true };
let dataDir: string;
let opened: string[];
let router: IpcRouter;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-router-'));
  opened = [];
  ({ router } = await createAppServices({
    appInfo: { name: 'FieldDesk', version: '1.2.3', platform: 'linux', electron: null },
    dataDir,
    viewDir: path.join(dataDir, 'view'),
    appOrigins: () => ['app://fielddesk'],
    openExternal: async (u) => {
      opened.push(u);
    },
    openPath: async (f) => {
      opened.push(f);
      return '';
    },
    // A user who cancels every dialog: handlers must cope.
    dialogs: { pickFiles: async () => [], saveFile: async () => null },
    printer: {
      toPdf: async () => {
        throw new Error('tests of bad input must never print');
      },
      printWithDialog: async () => false,
    },
    fontsDir: path.resolve('resources/fonts'),
  }));
});

const snapshot = () => ({
  files: readdirSync(dataDir).sort(),
  config: existsSync(path.join(dataDir, 'config.json')) ? readFileSync(path.join(dataDir, 'config.json'), 'utf8') : null,
  opened: [...opened],
});

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;
let deep: unknown = {};
for (let i = 0; i < 5000; i++) deep = { d: deep };

const BAD_PAYLOADS: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'hello'],
  ['an array', [1, 2, 3]],
  ['an unknown key', { __proto__x: 1, unexpected: true }],
  ['wrongly typed fields', { url: 12345 }],
  ['oversized (2 MB)', { url: 'x'.repeat(2_000_000) }],
  ['a cycle', cyclic],
  ['deep nesting', deep],
  ['a prototype-pollution attempt', JSON.parse('{"__proto__": {"polluted": true}, "url": 7}')],
];

describe('IPC router', () => {
  it('every contract channel has a handler', () => {
    expect([...router.channelNames].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  for (const channel of CHANNEL_NAMES) {
    for (const [label, payload] of BAD_PAYLOADS) {
      it(`${channel}: ${label} gets a typed error and changes nothing`, async () => {
        const before = snapshot();
        const res = await router.handle(channel, trusted, payload);
        // Channels whose request is an empty object accept {} only; everything above is wrong for every channel.
        expect(res.ok).toBe(false);
        if (res.ok) return;
        expect(['invalid_request', 'too_large']).toContain(res.error.code);
        expect(res.error.message.length).toBeGreaterThan(5);
        expect(snapshot()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    }
  }

  it('rejects unknown channels before anything else', async () => {
    expect(await router.handle('fs.readFile', trusted, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router.handle(undefined, trusted, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router.handle('__proto__', trusted, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await router.handle('toString', trusted, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('rejects untrusted senders without running the handler', async () => {
    const before = snapshot();
    const res = await router.handle('app.openExternal', { url: 'https://evil.example/', isTopFrame: true }, { url: 'https://example.gov/' });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const sub = await router.handle('config.setSyncServer', { url: 'app://fielddesk/index.html', isTopFrame: false }, { url: 'https://x.example' });
    expect(sub).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(snapshot()).toEqual(before);
  });

  it('returns typed values for valid requests', async () => {
    expect(await router.handle('app.info', trusted, {})).toEqual(ok({ name: 'FieldDesk', version: '1.2.3', platform: 'linux', electron: null, dataDir }));
    expect(await router.handle('config.setSyncServer', trusted, { url: ' https://sync.example.gov/fd/ ' })).toEqual(ok({ syncServerUrl: 'https://sync.example.gov/fd' }));
    expect(JSON.parse(readFileSync(path.join(dataDir, 'config.json'), 'utf8'))).toEqual({ syncServerUrl: 'https://sync.example.gov/fd' });
    expect(await router.handle('app.openExternal', trusted, { url: 'mailto:help@example.gov' })).toEqual(ok({ opened: true }));
    expect(opened).toEqual(['mailto:help@example.gov']);
  });

  it('refuses a dangerous link with a reason, without opening anything', async () => {
    const res = await router.handle('app.openExternal', trusted, { url: 'file:///etc/passwd' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('file:') } });
    expect(opened).toEqual([]);
  });

  it('turns a throwing handler into an internal error without leaking details', async () => {
    const failing = createIpcRouter({
      handlers: {
        'app.info': () => {
          throw new Error('secret path /home/x');
        },
        'app.openExternal': () => err('unavailable', 'no'),
        'config.get': () => ok({ syncServerUrl: 5 as unknown as string }),
        'config.setSyncServer': () => ok({ syncServerUrl: null }),
        'attachments.add': () => ok({ stored: [], refused: [] }),
        'attachments.open': () => ok({ opened: true as const }),
      } as unknown as Handlers,
      isTrustedSender: () => true,
    });
    const thrown = await failing.handle('app.info', trusted, {});
    expect(thrown).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(thrown)).not.toContain('secret');
    expect(await failing.handle('app.openExternal', trusted, { url: 'https://a.example' })).toEqual(err('unavailable', 'no'));
    // A handler answering outside the contract is caught too.
    expect(await failing.handle('config.get', trusted, {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
