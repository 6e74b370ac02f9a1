/**
 * The app is served from its own scheme, never file://, so that its origin is
 * distinct from anything on disk and a Content-Security-Policy can apply.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'fielddesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Non-special schemes report origin "null"; build it from scheme and host instead.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && appOrigins.includes(origin);
}
