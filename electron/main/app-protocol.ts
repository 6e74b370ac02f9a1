import type { Protocol } from 'electron';
import { serveAppAsset } from '../services/app/static-files';
import { APP_SCHEME } from '../services/security/origins';

/** Serve the built renderer on app://fielddesk with the CSP header on every response. */
export function registerAppProtocol(protocol: Protocol, rendererDir: string, csp: () => string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const res = await serveAppAsset(pathname, rendererDir, csp());
    return new Response(new Uint8Array(typeof res.body === 'string' ? Buffer.from(res.body) : res.body), {
      status: res.status,
      headers: res.headers,
    });
  });
}
