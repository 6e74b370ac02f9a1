/**
 * RFC 5545 text rules: escaping (3.3.11), folding at 75 octets (3.1) and CRLF.
 */

/** Escape a TEXT value: backslash, semicolon, comma, and newlines as \n. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ''); // eslint-disable-line no-control-regex -- CONTROL chars are not allowed in TEXT
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * Fold a content line so no physical line exceeds 75 octets, never splitting
 * a UTF-8 character; continuation lines start with one space.
 */
export function foldLine(line: string): string {
  if (octets(line) <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let curOctets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = octets(ch);
    if (curOctets + n > limit) {
      parts.push(cur);
      cur = '';
      curOctets = 0;
      limit = 74; // the leading space counts
    }
    cur += ch;
    curOctets += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

/** Join content lines into an iCalendar stream: folded, CRLF-terminated. */
export const icsStream = (lines: readonly string[]): string => lines.map(foldLine).join('\r\n') + '\r\n';

const p2 = (n: number) => String(n).padStart(2, '0');

/** UTC DATE-TIME form, `20260310T170000Z`. */
export function icsUtc(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}T${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
}

/** Local DATE-TIME form from `YYYY-MM-DDTHH:mm[:ss]`, `20260310T090000`. */
export function icsLocal(local: string): string {
  const [date = '', time = ''] = local.split('T');
  const [hh = '00', mm = '00', ss = '00'] = time.split(':');
  return `${date.replace(/-/g, '')}T${hh}${mm}${ss}`;
}

/** UTC-OFFSET form, `-0700`. */
export function icsOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`;
}
