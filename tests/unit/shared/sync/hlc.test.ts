import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStamps, formatStamp, HybridClock, latestStamp, observe, parseStamp, tick } from '../../../../shared/sync/hlc';

describe('hybrid logical clock', () => {
  it('formats stamps that sort as strings exactly as (wall, counter, device)', () => {
    const arb = fc.record({ wall: fc.integer({ min: 0, max: 10 ** 14 }), counter: fc.integer({ min: 0, max: 999_999 }), deviceId: fc.constantFrom('a', 'b', 'dev-9') });
    fc.assert(
      fc.property(arb, arb, (x, y) => {
        const sx = formatStamp(x, x.deviceId);
        const sy = formatStamp(y, y.deviceId);
        const expected = x.wall - y.wall || x.counter - y.counter || (x.deviceId < y.deviceId ? -1 : x.deviceId > y.deviceId ? 1 : 0);
        expect(Math.sign(compareStamps(sx, sy))).toBe(Math.sign(expected));
        expect(parseStamp(sx)).toEqual(x);
      }),
    );
  });
  it('never goes backwards, whatever the wall clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 13 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let state = { wall: 0, counter: 0 };
        let prev = formatStamp(state, 'd');
        for (const w of walls) {
          state = tick(state, w);
          const s = formatStamp(state, 'd');
          expect(compareStamps(s, prev)).toBeGreaterThan(0);
          prev = s;
        }
      }),
    );
  });
  it('orders a stamp issued after observing a remote one after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), fc.integer({ min: 0, max: 10 ** 13 }), fc.integer({ min: 0, max: 999_998 }), (local, remote, rc) => {
        const after = observe({ wall: local, counter: 0 }, { wall: remote, counter: rc }, 0);
        expect(compareStamps(formatStamp(after, 'a'), formatStamp({ wall: remote, counter: rc }, 'a'))).toBeGreaterThan(0);
      }),
    );
  });
  it('re-anchors to server time so a clock three days off stamps near the truth', () => {
    const threeDays = 3 * 24 * 3600 * 1000;
    const truth = 1_800_000_000_000;
    const clock = new HybridClock('dev', () => truth + threeDays);
    clock.anchor(truth, truth + threeDays);
    const stamp = parseStamp(clock.next())!;
    expect(Math.abs(stamp.wall - truth)).toBeLessThan(1000);
  });
  it('resumes from a persisted stamp', () => {
    const a = new HybridClock('dev', () => 5000);
    a.next();
    const saved = a.next();
    const b = new HybridClock('dev', () => 10, saved);
    expect(compareStamps(b.next(), saved)).toBeGreaterThan(0);
  });
  it('rejects malformed stamps', () => {
    expect(parseStamp('12:34:dev')).toBeNull();
    expect(parseStamp('')).toBeNull();
    expect(() => formatStamp({ wall: -1, counter: 0 }, 'd')).toThrow();
  });
});

describe('latestStamp', () => {
  it('picks the newest valid stamp and ignores missing or malformed ones', () => {
    const a = formatStamp({ wall: 5, counter: 2 }, 'dev-a');
    const b = formatStamp({ wall: 5, counter: 10 }, 'dev-a');
    const c = formatStamp({ wall: 4, counter: 999 }, 'dev-b');
    expect(latestStamp([a, undefined, b, 'not a stamp', c])).toBe(b);
    expect(latestStamp([undefined, 'junk'])).toBeUndefined();
    expect(latestStamp([])).toBeUndefined();
  });

  it('agrees with sorting by compareStamps', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ wall: fc.nat(1e12), counter: fc.nat(999_999), dev: fc.constantFrom('a', 'b', 'c') }), { minLength: 1 }), (xs) => {
        const stamps = xs.map((x) => formatStamp({ wall: x.wall, counter: x.counter }, x.dev));
        expect(latestStamp(stamps)).toBe([...stamps].sort(compareStamps).at(-1));
      }),
    );
  });
});
