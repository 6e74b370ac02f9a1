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
});
