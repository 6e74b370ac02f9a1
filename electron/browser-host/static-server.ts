import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAppAsset } from '../services/app/static-files';

/**
 * Serves the built renderer the way the app:// protocol handler does — same
 * file resolution, same CSP and headers — on a loopback port, so the real
 * renderer runs in real Chromium under the real policy.
 */
export async function startStaticServer(rendererDir: string, csp: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void serveAppAsset(new URL(req.url ?? '/', 'http://x').pathname, rendererDir, csp()).then((r) => {
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
