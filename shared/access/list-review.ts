/**
 * A distribution list's periodic owner review: every `reviewEveryDays` days
 * after the last review (or, never reviewed, after the list was made) the
 * owner confirms its members. Pure, for the Lists view and the list page.
 */
import type { DistributionList } from './schema';

const DAY_MS = 86_400_000;

export interface ListReview {
  /** The date (YYYY-MM-DD) the next owner review is due, or null when the list has no review cadence. */
  dueOn: string | null;
  /** Due on or before `today`. */
  due: boolean;
}

export function listReview(list: Pick<DistributionList, 'reviewEveryDays' | 'lastReviewedAt' | 'createdAt'>, today: string): ListReview {
  if (!list.reviewEveryDays) return { dueOn: null, due: false };
  const from = Date.parse(list.lastReviewedAt ?? list.createdAt);
  if (Number.isNaN(from)) return { dueOn: today, due: true };
  const dueOn = new Date(from + list.reviewEveryDays * DAY_MS).toISOString().slice(0, 10);
  return { dueOn, due: dueOn <= today };
}
