import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../../server/app';
import { openPglite } from '../../../../server/db/pglite';
import type { Db } from '../../../../server/db/db';
import { requestJson } from '../../../../renderer/src/sync/http';
import { waitingCount } from '../../../../renderer/src/sync/pending';
import { HealthResponseSchema, PROTOCOL_VERSION } from '../../../../shared/sync/protocol';
import { APP_VERSION, UPGRADE_MESSAGE } from '../../../../shared/sync/version';
import { addUser, makeDevice, person, startServer, type TestServer } from './support/harness';

let pg: Db;
let open: TestServer;
let strict: TestServer;

beforeAll(async () => {
  pg = await openPglite();
  // Two instances on one database: one takes any app, the other needs a newer one than this.
  open = await startServer(pg);
  strict = await startServer(pg, { minAppVersion: '99.0.0' });
  await addUser(pg, 'tech@agency.gov');
});
afterAll(async () => {
  await open.stop();
  strict.app.server.closeAllConnections();
  await strict.app.close();
  await pg.close();
});

describe('the app and server versions', () => {
  it('every request names the protocol and app version', async () => {
    const seen: Headers[] = [];
    const fake: typeof fetch = async (_url, init) => {
      seen.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ status: 'ok', protocol: 1, serverTime: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await requestJson({ baseUrl: 'http://x', fetch: fake, localNow: Date.now }, 'GET', '/health', HealthResponseSchema);
    expect(seen[0]!.get('x-fielddesk-protocol')).toBe(String(PROTOCOL_VERSION));
    expect(seen[0]!.get('x-fielddesk-version')).toBe(APP_VERSION);
  });

  it('a server that needs a newer FieldDesk: the status says so, and the outbox is kept', async () => {
    const device = await makeDevice(strict.url, { name: 'old', signInUrl: open.url });
    try {
      await device.db.people.add(person('p1', { name: 'Ivy' }) as never);
      const res = await device.engine.runOnce();
      expect(res).toMatchObject({ status: 'failed', error: { kind: 'upgrade_required', status: 426, message: UPGRADE_MESSAGE } });
      expect(device.engine.current).toMatchObject({ phase: 'error', error: UPGRADE_MESSAGE, errorKind: 'upgrade_required' });
      expect(await waitingCount(device.db)).toBe(1);
      // The server lowers its minimum (the same address, as after an update): the device pushes what it kept.
      const port = Number(new URL(strict.url).port);
      await strict.stop();
      strict.app = createServer({ db: pg, logger: false });
      await strict.app.listen({ host: '127.0.0.1', port });
      expect((await device.engine.runOnce()).status).toBe('synced');
      expect(await waitingCount(device.db)).toBe(0);
    } finally {
      await device.close();
    }
  });
});
