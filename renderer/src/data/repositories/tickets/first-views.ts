import { chunkBudget, makeWay, nextChunkSize } from '../../../sync/apply';
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
    // The background packer's steps, in short transactions, each after the user's reads and saves under way: the app
    // is in use while this runs.
    await packWordBlocks(db, {
      ...HOOK_PACKING,
      // Each transaction sized to the sync's own budget: short while the user is at work, longer while nobody is.
      resize: (size, ms) => nextChunkSize(size, ms, chunkBudget(db.activity.idleFor())),
      pause: () => makeWay(db),
    });
  }
};

/**
 * Packing at the fill's end: steps as large as the background packer's (1,024
 * tickets: a search reads a word's blocks one record each, and steps of 256
 * gave it four times as many to read), read and written in transactions
 * that start at these sizes and then fit the sync's budget, so a save or a
 * screen waits behind a short one.
 */
export const HOOK_PACKING = { step: 1024, readChunk: 32, writeChunk: 128 } as const;

export function registerFirstViewsReady(): void {
  // The same function each time: registering again changes nothing.
  registerTierDoneHook(makeFirstViewsSearchable);
}
