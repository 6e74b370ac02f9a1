import { describe, expect, it } from 'vitest';
import { listReview } from '../../../../shared/access/list-review';

describe("a distribution list's periodic owner review", () => {
  const list = { reviewEveryDays: 90, lastReviewedAt: null, createdAt: '2026-01-10T15:00:00.000Z' };
  it('is due the set number of days after the list was made, then after each review', () => {
    expect(listReview(list, '2026-04-09')).toEqual({ dueOn: '2026-04-10', due: false });
    expect(listReview(list, '2026-04-10')).toEqual({ dueOn: '2026-04-10', due: true });
    expect(listReview({ ...list, lastReviewedAt: '2026-04-12T09:00:00.000Z' }, '2026-05-01')).toEqual({ dueOn: '2026-07-11', due: false });
  });
  it('is never due for a list without a cadence', () => {
    expect(listReview({ ...list, reviewEveryDays: null }, '2030-01-01')).toEqual({ dueOn: null, due: false });
  });
});
