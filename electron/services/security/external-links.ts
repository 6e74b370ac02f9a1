import { err, ok, type Result } from '../../../shared/result';

const EMAIL_RE = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]{2,}$/;
const MAX_URL = 2048;

/**
 * What shell.openExternal may be given: http(s) URLs with a host and no
 * credentials, and mailto: with one valid address. Everything else (file:,
 * javascript:, smb:, custom protocol handlers) can run code or reach the
 * network share, so it is refused.
 */
export function validateExternalUrl(raw: string): Result<string> {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL) return err('invalid_request', 'That link is empty or too long.');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return err('invalid_request', 'That is not a valid link.');
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    if (!u.hostname) return err('invalid_request', 'That link has no host.');
    if (u.username || u.password) return err('invalid_request', 'Links with a user name or password are not opened.');
    return ok(u.href);
  }
  if (u.protocol === 'mailto:') {
    const address = decodeURIComponent(u.pathname);
    if (!EMAIL_RE.test(address)) return err('invalid_request', 'That email address is not valid.');
    return ok(u.href);
  }
  return err('invalid_request', `Links of type ${u.protocol} are not opened.`);
}
