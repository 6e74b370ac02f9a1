import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAppAsset } from '../services/app/static-files';

/**
 * Serves the built renderer the way the app:// protocol handler does — same
 * file resolution, same CSP and headers — on a loopback port, so the real
 * renderer runs in real Chromium under the real policy.
 */
/** `port` 0 picks a free one; a fixed port keeps the origin (and so its IndexedDB) the same across runs. */
export async function startStaticServer(rendererDir: string, csp: () => string, port = 0): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void serveAppAsset(new URL(req.url ?? '/', 'http://x').pathname, rendererDir, csp()).then((r) => {
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
