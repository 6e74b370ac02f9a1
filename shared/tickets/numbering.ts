import { err, ok, type Result } from '../result';

/**
 * Human ticket numbers such as `KX7Q-00042`: a short code for the device that
 * created the ticket, then that device's own counter. Each device numbers its
 * tickets alone, offline, and two devices never produce the same number as
 * long as their codes differ.
 *
 * The code is derived from the device id (a uuid) by hashing, so it needs no
 * server. Four Crockford base-32 characters give 1,048,576 codes; among the
 * hundred or so laptops of one agency the chance that two share a code is about
 * 0.5 %. That residue is handled, not ignored: `deviceCode(id, attempt)` yields
 * a different code for each attempt, and a device that sees its code on another
 * device's tickets after a sync moves to the next attempt for its new tickets.
 * The ticket's id, not its number, is the key, so an old clash only ever
 * affects how two tickets are displayed.
 */

// Crockford base 32: no I, L, O or U, so a number read over the phone cannot be
// mistaken (1/I/L, 0/O) and cannot spell most words.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DEVICE_CODE_LENGTH = 4;
const MIN_SEQ_DIGITS = 5;
const MAX_SEQ = 99_999_999;

/** FNV-1a, 32-bit: small, fast, good enough spread for a short code. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The short code of a device. `attempt` picks an alternative code when the
 * first one turns out to be taken. The first character is always a letter so
 * a number never looks like a plain number or a date.
 */
export function deviceCode(deviceId: string, attempt = 0): string {
  const key = attempt === 0 ? deviceId.toLowerCase() : `${deviceId.toLowerCase()}#${attempt}`;
  let h = fnv1a(key);
  // First character from the 22 letters only.
  const letters = ALPHABET.slice(10);
  let code = letters[h % letters.length] as string;
  h = Math.floor(h / letters.length);
  for (let i = 1; i < DEVICE_CODE_LENGTH; i++) {
    code += ALPHABET[h % 32];
    h = Math.floor(h / 32);
  }
  return code;
}

/** The first code for this device that no other device is known to use. */
export function pickDeviceCode(deviceId: string, takenByOthers: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = deviceCode(deviceId, attempt);
    if (!takenByOthers.has(code)) return code;
  }
  // 1000 clashes in a space of a million codes means the set is not what we think.
  throw new RangeError('Could not find a free device code');
}

const CODE_RE = new RegExp(`^[${ALPHABET}]{3,6}$`);

export function formatTicketNumber(code: string, seq: number): string {
  if (!CODE_RE.test(code)) throw new RangeError(`Not a device code: ${code}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`Ticket sequence out of range: ${seq}`);
  return `${code}-${String(seq).padStart(MIN_SEQ_DIGITS, '0')}`;
}

export interface ParsedTicketNumber {
  code: string;
  seq: number;
}

const NUMBER_RE = /^([0-9A-Za-z]{3,6})-(\d{1,8})$/;

/**
 * Parse what a person typed: case and the usual look-alikes are forgiven
 * (`kx7q-42`, `KX7Q-00042`, ` KX7Q-O0042 ` all parse), since numbers are read
 * aloud on the phone and copied from e-mail.
 */
export function parseTicketNumber(input: string): Result<ParsedTicketNumber> {
  const raw = input.trim().replace(/^#/, '').toUpperCase();
  const m = NUMBER_RE.exec(raw.replace(/[O]/g, '0').replace(/[IL]/g, '1'));
  const invalid = err('invalid_request', `"${input.trim().slice(0, 40)}" is not a ticket number; they look like KX7Q-00042`);
  if (!m) return invalid;
  const code = m[1] as string;
  const seq = Number(m[2]);
  if (!CODE_RE.test(code) || !ALPHABET.slice(10).includes(code[0] as string) || seq < 1) return invalid;
  return ok({ code, seq });
}

/** Sort numbers by device code, then numerically by sequence (`-100000` after `-99999`). */
export function compareTicketNumbers(a: string, b: string): number {
  const pa = parseTicketNumber(a);
  const pb = parseTicketNumber(b);
  if (!pa.ok || !pb.ok) return a < b ? -1 : a > b ? 1 : 0;
  if (pa.value.code !== pb.value.code) return pa.value.code < pb.value.code ? -1 : 1;
  return pa.value.seq - pb.value.seq;
}

/** The next number for this device, given the highest sequence it has used. */
export function nextTicketNumber(code: string, lastSeq: number): { number: string; seq: number } {
  const seq = lastSeq + 1;
  return { number: formatTicketNumber(code, seq), seq };
}

export const TICKET_NUMBER_RE = /^[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{2,5}-\d{5,8}$/;
