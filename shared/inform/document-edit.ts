import { dayOfIsoDate } from '../tickets/calendar';

/**
 * The document editor's words and lists (pure): systems and tags are typed
 * as comma-separated text, the review-by date is judged against today.
 */

/** "Jury portal, CMS ,, jury portal" → ["Jury portal", "CMS"]: trimmed, blanks dropped, once each ignoring case. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of text.split(/[,;\n]/)) {
    const v = part.trim().replace(/\s+/g, ' ');
    const key = v.toLowerCase();
    if (!v || seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

export const joinList = (items: readonly string[]): string => items.join(', ');

/** Whole days from the review-by date to today (both YYYY-MM-DD); 0 or less while not past it. */
export function daysPastReview(reviewBy: string, today: string): number {
  return dayOfIsoDate(today) - dayOfIsoDate(reviewBy);
}

/** "Review was due 12 days ago (2026-10-22)", "Review due today", "Review by 2026-12-01". */
export function reviewText(reviewBy: string | null, today: string): string {
  if (reviewBy === null) return 'No review-by date';
  const past = daysPastReview(reviewBy, today);
  if (past > 0) return `Review was due ${past} day${past === 1 ? '' : 's'} ago (${reviewBy})`;
  if (past === 0) return `Review due today (${reviewBy})`;
  return `Review by ${reviewBy}`;
}

/** Today's local date (YYYY-MM-DD) in a zone, from an instant. */
export function localDate(nowMs: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(nowMs));
}
