/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so sample data is the
 * same on every machine and run: the benchmark and a bug report about "ticket
 * KX7Q-01234 of seed 7" then mean the same records everywhere. Not for
 * anything secret.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick with weights: [[value, weight], ...]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A uuidv7-shaped id whose time part is `ms`, random part from this generator. */
  uuid(ms: number): string;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Strings seed by their FNV-1a hash, so `createRng('demo')` works too. */
function seedNumber(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function createRng(seed: number | string): Rng {
  const init = splitmix32(seedNumber(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up: the first outputs of sfc32 are correlated with the seed.
  for (let i = 0; i < 12; i++) u32();

  const next = () => u32() / 4294967296;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r < 0) return v;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    uuid: (ms) => {
      // Built from a byte-to-hex table: this runs once per generated record.
      const t = Math.max(0, Math.floor(ms));
      const hi = Math.floor(t / 0x1000000); // top 24 bits of the 48-bit time
      const lo = t % 0x1000000;
      const r1 = u32();
      const r2 = u32();
      const r3 = u32();
      const h = (b: number) => HEX[b & 0xff] as string;
      return (
        h(hi >>> 16) + h(hi >>> 8) + h(hi) + h(lo >>> 16) + '-' + h(lo >>> 8) + h(lo) + '-' +
        h(0x70 | ((r1 >>> 8) & 0x0f)) + h(r1) + '-' + h(0x80 | ((r1 >>> 16) & 0x3f)) + h(r1 >>> 24) + '-' +
        h(r2) + h(r2 >>> 8) + h(r2 >>> 16) + h(r2 >>> 24) + h(r3) + h(r3 >>> 8)
      );
    },
  };
  return rng;
}
