import { makeWay } from '../../../sync/apply';
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
    // In short steps, each after the user's reads and saves under way: the app is in use while this runs.
    await packWordBlocks(db, { step: HOOK_STEP, pause: () => makeWay(db) });
  }
};

/** Tickets per packing transaction at the fill's end: a quarter of the background packer's step, so a save waits less behind one. */
const HOOK_STEP = 256;

export function registerFirstViewsReady(): void {
  // The same function each time: registering again changes nothing.
  registerTierDoneHook(makeFirstViewsSearchable);
}
