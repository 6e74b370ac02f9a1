import { describe, expect, it } from 'vitest';
import { ReportDefinitionInputSchema, ReportDefinitionSchema } from '../../../../shared/inform/report';
import { repeatState } from '../../../../shared/inform/report-repeat';
import { RecurrenceSchema } from '../../../../shared/operations/recurrence';

const weekly = RecurrenceSchema.parse({ freq: 'weekly', weekdays: ['mon'], start: '2026-11-01' });
const monthly = RecurrenceSchema.parse({ freq: 'monthly', by: 'day', monthDay: -1, start: '2026-01-01' });

describe('a repeating saved report', () => {
  it('is due from the latest date its rule fell on until it is run on or after it', () => {
    // Saturday Dec 5 2026: the last Monday was Nov 30.
    expect(repeatState(weekly, '2026-12-05', null)).toEqual({ dueSince: '2026-11-30', next: '2026-12-07', text: 'Weekly on Monday' });
    expect(repeatState(weekly, '2026-12-05', '2026-11-29')?.dueSince).toBe('2026-11-30');
    expect(repeatState(weekly, '2026-12-05', '2026-11-30')?.dueSince).toBeNull();
    expect(repeatState(weekly, '2026-12-07', '2026-12-01')?.dueSince).toBe('2026-12-07');
    // Not due before its first date.
    expect(repeatState(RecurrenceSchema.parse({ freq: 'weekly', weekdays: ['mon'], start: '2026-12-06' }), '2026-12-05', null)).toMatchObject({ dueSince: null, next: '2026-12-07' });
    expect(repeatState(monthly, '2026-12-05', '2026-11-30')).toEqual({ dueSince: null, next: '2026-12-31', text: 'Monthly on the last day' });
    expect(repeatState(monthly, '2026-12-05', '2026-11-02')?.dueSince).toBe('2026-11-30');
    expect(repeatState(null, '2026-12-05', null)).toBeNull();
  });

  it('is part of the synced definition: on demand by default, a bad rule refused', () => {
    const base = { name: 'Eastside monthly', scope: 'agency', scopeId: '0192b6c4-5b4e-7c2a-8d1e-3f4a5b6c7d8e' } as const;
    expect(ReportDefinitionInputSchema.parse(base).repeat).toBeNull();
    expect(ReportDefinitionInputSchema.parse({ ...base, repeat: { freq: 'weekly', weekdays: ['mon'], start: '2026-12-05' } }).repeat).toMatchObject({ freq: 'weekly', weekdays: ['mon'], interval: 1 });
    expect(ReportDefinitionInputSchema.safeParse({ ...base, repeat: { freq: 'hourly', start: '2026-12-05' } }).success).toBe(false);
    expect(ReportDefinitionInputSchema.safeParse({ ...base, repeat: { freq: 'weekly', weekdays: ['someday'], start: '2026-12-05' } }).success).toBe(false);
    // A record stored before repeating existed reads as on demand.
    const stored = { ...base, id: '0192b6c4-5b4e-7c2a-8d1e-3f4a5b6c7d8f', ownerId: '0192b6c4-5b4e-7c2a-8d1e-3f4a5b6c7d90', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', stamps: {}, deleted: 0 };
    expect(ReportDefinitionSchema.parse(stored).repeat).toBeNull();
  });
});
