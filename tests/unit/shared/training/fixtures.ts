import { deflateSync } from 'node:zlib';

/** Test data shared by the training and print tests: deterministic, no randomness. */

let counter = 0;
/** Ids that sort by creation, like UUIDv7, without the clock. */
export const seqId = (prefix = 'id') => `${prefix}-${String(++counter).padStart(6, '0')}`;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real RGB PNG: coloured bands in a dark frame, visible in renders and small once deflated. */
export function makePng(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const frame = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
      const band = Math.floor((y / height) * 4);
      raw[o] = frame ? 30 : [70, 230, 240, 120][band]!;
      raw[o + 1] = frame ? 30 : [130, 230, 200, 190][band]!;
      raw[o + 2] = frame ? 30 : [180, 235, 120, 140][band]!;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}

export const pngDataUri = (w = 4, h = 4) => `data:image/png;base64,${Buffer.from(makePng(w, h)).toString('base64')}`;

const FIRST = ['Maria', 'James', 'Linh', 'Robert', 'Aisha', 'David', 'Sofía', 'Michael', 'Priya', 'William', 'Chen', 'Emily', 'José', 'Sarah', 'Kwame', 'Olivia', 'Thảo', 'Daniel', 'Fatima', 'Joseph'];
const LAST = ['Garcia', 'Smith', 'Nguyễn', 'Johnson', 'Okafor', 'Brown', 'Núñez', 'Lee', 'Patel', 'Davis'];
const AGENCIES = ['Superior Court — Civil', 'Superior Court — Family Law', 'County Office of Education', 'Probation', 'District Attorney'];

/** `n` distinct attendees with real-world names (accents and all). */
export function makeRoster(n: number): { name: string; agency: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${Math.floor(i / (FIRST.length * LAST.length)) + 1}` : ''}`,
    agency: AGENCIES[i % AGENCIES.length]!,
  }));
}

/**
 * A long work instruction: `sections` sections, each with numbered steps, a
 * screenshot, a table, and prose; one long table that must span pages.
 */
export function makeLongHandout(sections: number): string {
  const parts = ['Use this guide when filing a new civil case in the case management system.', ''];
  for (let s = 1; s <= sections; s++) {
    parts.push(`## Section ${s}: Filing task ${s}`, '');
    parts.push(`Before you start section ${s}, make sure the case number is open and you have the clerk's stamp ready. This paragraph is long enough to wrap over several lines so that page breaks fall in ordinary prose, the way they do in real handouts.`, '');
    for (let k = 1; k <= 6; k++) parts.push(`${k}. Step ${s}.${k}: choose **Case > Edit**, enter the value from the form, and press Save.`);
    parts.push('', `![Screen for section ${s}](image:shot${s % 3})`, '');
    parts.push('| Field | Value | Notes |', '|---|---|---|');
    for (let r = 1; r <= 4; r++) parts.push(`| Field ${s}-${r} | Value ${r} | Check against the paper form |`);
    parts.push('');
    if (s === 2) {
      parts.push('### Fee codes', '', '| Code | Description | Amount |', '|---|---|--:|');
      for (let r = 1; r <= 70; r++) parts.push(`| FEE-${String(r).padStart(3, '0')} | Filing fee category ${r} | $${(r * 7.5).toFixed(2)} |`);
      parts.push('');
    }
  }
  return parts.join('\n');
}
