import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dueRecurrences, nextDueDate, recurringCampaignId, recurringItemId } from '../../../../shared/access/recurrence';

describe('recurring review campaigns', () => {
  it('steps quarters and years by calendar months, keeping the day and the last day of a month', () => {
    expect(nextDueDate('quarterly', '2026-03-15')).toBe('2026-06-15');
    expect(nextDueDate('quarterly', '2026-01-31')).toBe('2026-04-30');
    expect(nextDueDate('quarterly', '2026-04-30')).toBe('2026-07-31');
    expect(nextDueDate('quarterly', '2026-11-30')).toBe('2027-02-28');
    expect(nextDueDate('yearly', '2028-02-29')).toBe('2029-02-28');
    expect(nextDueDate('yearly', '2026-06-30')).toBe('2027-06-30');
    expect(nextDueDate('none', '2026-06-30')).toBeNull();
    expect(() => addMonths('30/06/2026', 3)).toThrow('Not a date');
  });

  it('always moves forward by about the period', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.constantFrom('quarterly' as const, 'yearly' as const), (d, r) => {
        const date = d.toISOString().slice(0, 10);
        const next = nextDueDate(r, date)!;
        const days = (Date.parse(next) - Date.parse(date)) / 86_400_000;
        expect(next > date).toBe(true);
        expect(days).toBeGreaterThanOrEqual(r === 'quarterly' ? 88 : 364);
        expect(days).toBeLessThanOrEqual(r === 'quarterly' ? 93 : 366);
      }),
    );
  });

  it('derives ids from the series and the date, within the 64-character limit', () => {
    const series = '0192f0a1-7b2c-7d3e-8f40-123456789abc';
    expect(recurringCampaignId(series, '2026-06-30')).toBe(recurringCampaignId(series, '2026-06-30'));
    expect(recurringCampaignId(series, '2026-06-30')).not.toBe(recurringCampaignId(series, '2026-09-30'));
    expect(recurringCampaignId(series, '2026-06-30')).not.toBe(recurringCampaignId('0192f0a1-7b2c-7d3e-8f40-123456789abd', '2026-06-30'));
    const item = recurringItemId(recurringCampaignId(series, '2026-06-30'), series);
    expect(item.length).toBeLessThanOrEqual(64);
    expect(item).toBe(recurringItemId(recurringCampaignId(series, '2026-06-30'), series));
  });

  it('makes the next campaign of a series from its newest one, once, when its due date has come', () => {
    const first = { id: 'c1', recurrence: 'quarterly' as const, dueDate: '2026-03-31', deleted: 0 as const };
    expect(dueRecurrences([first], '2026-03-30')).toEqual([]);
    const [next] = dueRecurrences([first], '2026-03-31');
    expect(next).toEqual({ from: 'c1', id: recurringCampaignId('c1', '2026-06-30'), dueDate: '2026-06-30', seriesId: 'c1' });
    // Once it is held (made here or pulled from another laptop), not again.
    const second = { id: next!.id, recurrence: 'quarterly' as const, dueDate: '2026-06-30', seriesId: 'c1', deleted: 0 as const };
    expect(dueRecurrences([first, second], '2026-05-01')).toEqual([]);
    // A removed next campaign is not made again either.
    expect(dueRecurrences([first, { ...second, deleted: 1 as const }], '2026-05-01')).toEqual([]);
    // The series continues from its newest campaign.
    expect(dueRecurrences([first, second], '2026-07-01').map((d) => d.dueDate)).toEqual(['2026-09-30']);
    // One-off campaigns never recur; missed periods are skipped.
    expect(dueRecurrences([{ ...first, recurrence: 'none' }], '2030-01-01')).toEqual([]);
    expect(dueRecurrences([{ ...first, recurrence: 'yearly' }], '2029-04-01').map((d) => d.dueDate)).toEqual(['2030-03-31']);
  });
});
