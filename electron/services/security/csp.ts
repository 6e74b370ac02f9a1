import { originOf } from './origins';

export interface CspOptions {
  /** The sync server, the only place the renderer may connect to. */
  syncServerUrl: string | null;
  /** The Vite dev server needs a websocket and injects <style> tags; only in development. */
  devServerUrl?: string | null;
}

/**
 * The Content-Security-Policy header for every app page: scripts only from the
 * app itself (no eval, no inline, no remote), no plugins, no framing, and
 * network access only to the configured sync server.
 */
export function buildCsp({ syncServerUrl, devServerUrl }: CspOptions): string {
  const connect = ["'self'"];
  const sync = syncServerUrl ? originOf(syncServerUrl) : null;
  if (sync && /^https?:\/\//.test(sync)) connect.push(sync);
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev) connect.push(dev, dev.replace(/^http/, 'ws'));
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': dev ? ["'self'", dev] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}
