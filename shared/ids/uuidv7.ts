/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made on
 * any device sort by creation time and never need a server to be unique.
 * `random` is injectable so tests are deterministic.
 */
export type RandomBytes = (n: number) => Uint8Array;

// Random bytes are drawn from the system in blocks: one getRandomValues call per id cost more than the rest
// of making it, and a save makes several (the history event's, each change's op id).
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;

const defaultRandom: RandomBytes = (n) => {
  if (poolAt + n > pool.length) {
    pool = new Uint8Array(Math.max(POOL_BYTES, n));
    globalThis.crypto.getRandomValues(pool);
    poolAt = 0;
  }
  // A copy: the caller writes the time and version into its bytes.
  const bytes = pool.slice(poolAt, poolAt + n);
  poolAt += n;
  return bytes;
};

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

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
  // 48 bits of milliseconds, big-endian: exact in a double (below 2^53), so plain division will do.
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((lastSeq >> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let hex = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) hex += '-';
    hex += HEX[bytes[i]!];
  }
  return hex;
}

export const UUID_V7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
