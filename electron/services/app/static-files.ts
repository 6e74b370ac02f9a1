import { readFile } from 'node:fs/promises';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Map an app URL's path to a file under the renderer's folder. Returns null
 * for anything that would leave the folder (`..`, encoded slashes, absolute
 * paths), so the app scheme can never serve an arbitrary file from disk.
 * Paths without an extension fall back to index.html (client-side routes).
 */
export function resolveAppAsset(urlPath: string, rootDir: string): { file: string; mime: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const ext = path.extname(rel).toLowerCase();
  const target = path.resolve(root, ext ? rel : 'index.html');
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  const mime = MIME[path.extname(target).toLowerCase()];
  return mime ? { file: target, mime } : null;
}

export interface AssetResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Serve one app request with the security headers every page gets. */
export async function serveAppAsset(urlPath: string, rootDir: string, csp: string): Promise<AssetResponse> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const asset = resolveAppAsset(urlPath, rootDir);
  if (!asset) return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Not found' };
  try {
    const body = await readFile(asset.file);
    return { status: 200, headers: { ...headers, 'Content-Type': asset.mime }, body };
  } catch {
    return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Not found' };
  }
}
