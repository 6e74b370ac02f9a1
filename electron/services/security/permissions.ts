import { isAppUrl } from './origins';

/**
 * Permission requests are denied unless listed here, and only the app's own
 * origin may have these. FieldDesk needs no camera, microphone, geolocation,
 * notifications or MIDI; adding one is a deliberate change to this list.
 */
const ALLOWED_FOR_APP = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function decidePermission(permission: string, requestingUrl: string, appOrigins: readonly string[]): boolean {
  return ALLOWED_FOR_APP.has(permission) && isAppUrl(requestingUrl, appOrigins);
}
