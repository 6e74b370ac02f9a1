import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { SavedView } from '../../../../shared/tickets/views';
import type { FieldDeskDb } from '../../data/db';
import { savedViewsRepository, type SavedViewsRepository } from '../../data/repositories/tickets/saved-views';

const NONE: SavedView[] = [];

/**
 * The views this person saved, live: a save, rename or delete in any window
 * shows at once on the list and in the command palette. Empty while loading.
 */
export function useSavedViews(db: FieldDeskDb): { repo: SavedViewsRepository; views: SavedView[] } {
  const repo = useMemo(() => savedViewsRepository(db), [db]);
  const views = useLiveQuery(() => repo.list(), [repo]) ?? NONE;
  return { repo, views };
}
