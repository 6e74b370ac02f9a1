import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampStamps, DEFAULT_MAX_AHEAD_MS, needsClamp, stampLimit } from '../../../../shared/sync/clamp';
import { formatStamp, parseStamp } from '../../../../shared/sync/hlc';

const NOW = 1_800_000_000_000;
const DAY = 24 * 3600_000;
const st = (wall: number, device = 'dev', counter = 0) => formatStamp({ wall, counter }, device);

describe('clampStamps', () => {
  it('leaves stamps within the allowance alone', () => {
    const ok = [st(NOW - DAY), st(NOW), st(NOW + DEFAULT_MAX_AHEAD_MS - 1)];
    expect(clampStamps(ok, NOW, DEFAULT_MAX_AHEAD_MS).size).toBe(0);
    expect(ok.some((s) => needsClamp(s, NOW, DEFAULT_MAX_AHEAD_MS))).toBe(false);
  });

  it('pulls a stamp 3 days ahead back to the limit, keeping its device id', () => {
    const future = st(NOW + 3 * DAY, 'laptop-7');
    const out = clampStamps([future], NOW, DEFAULT_MAX_AHEAD_MS);
    const clamped = parseStamp(out.get(future) as string);
    expect(clamped).toEqual({ wall: stampLimit(NOW, DEFAULT_MAX_AHEAD_MS), counter: 0, deviceId: 'laptop-7' });
    expect(needsClamp(future, NOW, DEFAULT_MAX_AHEAD_MS)).toBe(true);
  });

  it('a clamped stamp loses to an honest write made after the allowance', () => {
    const future = st(NOW + 3 * DAY, 'bad-clock');
    const clamped = clampStamps([future], NOW, DEFAULT_MAX_AHEAD_MS).get(future) as string;
    expect(st(NOW + DEFAULT_MAX_AHEAD_MS + 1, 'good-clock') > clamped).toBe(true);
  });

  it('keeps the relative order of every stamp in the batch (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: -DAY, max: 5 * DAY }), counter: fc.integer({ min: 0, max: 5 }), device: fc.constantFrom('a', 'b') }), { maxLength: 40 }),
        (specs) => {
          const stamps = specs.map((s) => st(NOW + s.offset, s.device, s.counter));
          const map = clampStamps(stamps, NOW, DEFAULT_MAX_AHEAD_MS);
          const after = (s: string) => map.get(s) ?? s;
          const limit = stampLimit(NOW, DEFAULT_MAX_AHEAD_MS);
          for (const a of stamps) {
            expect((parseStamp(after(a)) as { wall: number }).wall).toBeLessThanOrEqual(limit);
            for (const b of stamps) {
              if (a < b) expect(after(a) < after(b)).toBe(true);
              if (a === b) expect(after(a)).toBe(after(b));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
