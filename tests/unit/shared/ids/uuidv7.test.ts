import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UUID_V7_RE, uuidv7, uuidv7Time } from '../../../../shared/ids/uuidv7';

describe('uuidv7', () => {
  it('has the RFC 9562 version and variant bits, and carries its time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), (ms) => {
        const id = uuidv7(ms);
        expect(id).toMatch(UUID_V7_RE);
        expect(uuidv7Time(id)).toBe(ms);
      }),
    );
  });
  it('sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 500)));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('draws fresh random bits for every id, across refills of its pool of random bytes', () => {
    // 16 bytes an id from a 4,096-byte pool: 1,000 ids refill it three times.
    const tails = Array.from({ length: 1000 }, (_, i) => uuidv7(1_700_000_000_000 + i * 1000).slice(-12));
    expect(new Set(tails).size).toBe(tails.length);
  });
  it('keeps the whole 48-bit time, to the last millisecond', () => {
    const ms = 2 ** 48 - 1;
    expect(uuidv7(ms).slice(0, 13)).toBe('ffffffff-ffff');
    expect(uuidv7Time(uuidv7(ms))).toBe(ms);
  });
});
