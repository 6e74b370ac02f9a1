/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made on
 * any device sort by creation time and never need a server to be unique.
 * `random` is injectable so tests are deterministic.
 */
export type RandomBytes = (n: number) => Uint8Array;

const defaultRandom: RandomBytes = (n) => {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
};

let lastMs = -1;
let lastSeq = 0;

export function uuidv7(nowMs: number = Date.now(), random: RandomBytes = defaultRandom): string {
  const bytes = random(16);
  // Keep ids made within one millisecond in order: a 12-bit counter in rand_a.
  if (nowMs === lastMs) {
    lastSeq = (lastSeq + 1) & 0xfff;
  } else {
    lastMs = nowMs;
    lastSeq = ((bytes[6] ?? 0) << 4) & 0x7ff; // random start, leaves room to count up
  }
  const ms = BigInt(Math.max(0, Math.floor(nowMs)));
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | ((lastSeq >> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_V7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
