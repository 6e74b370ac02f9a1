import { registerTierDoneHook, type TierDoneHook } from '../../../sync/fill';
import { packWordBlocks } from './word-blocks';
import { refreshQueuedWords } from './word-refresh';

/**
 * A first sync in tiers brings the active tickets (and their requesters and
 * work log) before the rest (docs/sync-protocol.md). Once they are in, their
 * search words are made before the rest is pulled, so All open, My open,
 * Unassigned, a site's open tickets and Waiting on requester are complete
 * and searchable while closed tickets still arrive. Words of tickets queued
 * before that are made too: the queue is drained in order, in the small
 * transactions of the background refresher. Safe to run twice.
 */
const makeFirstViewsSearchable: TierDoneHook = async (db, tier) => {
  if (tier === 'open') await refreshQueuedWords(db);
  // The last tier's tickets are found by the word blocks alone: pack them now, so search finds every ticket when
  // the first sync ends. Interrupted, the background packer finishes it (`wordsToPack`, word-blocks.ts).
  if (tier === 'rest') {
    await refreshQueuedWords(db);
    await packWordBlocks(db);
  }
};

export function registerFirstViewsReady(): void {
  // The same function each time: registering again changes nothing.
  registerTierDoneHook(makeFirstViewsSearchable);
}
