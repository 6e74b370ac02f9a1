import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldDeskDb } from '../../../data/db';
import { queuedWordRefreshes } from '../../../data/repositories/tickets/word-refresh';

/**
 * While a search is typed, says how many synced tickets the background
 * refresher has not completed the search words of yet (tickets whose
 * requester or work log arrived by sync after them; a pulled ticket itself
 * comes with its words), so a search that misses one of them is not mistaken
 * for "no such ticket".
 */
export function SearchBacklog({ db, searching }: { db: FieldDeskDb; searching: boolean }) {
  // Counted only while searching: during a first sync the queue changes with every page.
  const waiting = useLiveQuery(() => (searching ? queuedWordRefreshes(db) : 0), [db, searching]) ?? 0;
  if (!searching || waiting === 0) return null;
  return (
    <span className="muted" data-testid="search-backlog">
      {' '}
      · search is still indexing {waiting.toLocaleString('en-US')} synced ticket{waiting === 1 ? '' : 's'}
    </span>
  );
}
