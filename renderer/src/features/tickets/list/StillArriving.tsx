import type { FieldDeskDb } from '../../../data/db';
import { arrivingText, stillArriving, useFill } from '../../../sync/fill';

/**
 * During a new device's first sync in tiers, says plainly what is still
 * arriving and how much ("Closed and older tickets still arriving: 41,200 of
 * 88,000"), so a search or a view that misses a ticket is not mistaken for
 * "no such ticket". Open tickets arrive first (docs/sync-protocol.md), so
 * once they are in only the closed and older ones are named.
 */
export function StillArriving({ db }: { db: FieldDeskDb }) {
  const lines = stillArriving(useFill(db));
  if (lines.length === 0) return null;
  return (
    <p className="list-arriving muted" role="status" aria-live="polite" data-testid="still-arriving">
      {lines.map(arrivingText).join(' · ')}. Until they are in, search and views with closed tickets may miss some; open tickets are complete once they stop being
      listed here.
    </p>
  );
}
