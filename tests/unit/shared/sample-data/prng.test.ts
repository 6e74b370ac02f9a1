import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UUID_V7_RE, uuidv7Time } from '../../../../shared/ids/uuidv7';
import { createRng } from '../../../../shared/sample-data/prng';
import { publicHolidays } from '../../../../shared/sample-data/holidays';

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(createRng('demo').next()).toBe(createRng('demo').next());
  });

  it('stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (seed, min, span) => {
        const r = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = r.int(min, min + span);
          expect(n >= min && n <= min + span && Number.isInteger(n)).toBe(true);
        }
      }),
    );
  });

  it('is roughly uniform', () => {
    const r = createRng(1);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r.next() * 10)]++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('weighted never picks a zero-weight item and follows the weights', () => {
    const r = createRng(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.weighted([['a', 1], ['b', 0], ['c', 3]] as const)]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.6);
    expect(counts.c / counts.a).toBeLessThan(3.4);
  });

  it('makes uuidv7-shaped ids carrying the given time', () => {
    const r = createRng(5);
    const ms = Date.parse('2025-03-14T16:30:00.123Z');
    const ids = Array.from({ length: 1000 }, () => r.uuid(ms));
    for (const id of ids) {
      expect(id).toMatch(UUID_V7_RE);
      expect(uuidv7Time(id)).toBe(ms);
    }
    expect(new Set(ids).size).toBe(1000);
  });
});

describe('publicHolidays', () => {
  it('finds the floating holidays and moves weekend ones', () => {
    const h2025 = publicHolidays(2025, 'court');
    expect(h2025).toEqual(expect.arrayContaining(['2025-01-20', '2025-05-26', '2025-09-01', '2025-11-27', '2025-11-28', '2025-09-26', '2025-12-25']));
    expect(publicHolidays(2026, 'court')).toContain('2026-07-03'); // 4 July 2026 is a Saturday
    expect(publicHolidays(2027, 'school')).toContain('2027-12-27');
    expect(publicHolidays(2025, 'school')).not.toContain('2025-03-31');
  });
});
