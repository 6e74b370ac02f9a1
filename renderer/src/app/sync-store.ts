import { create } from 'zustand';
import type { PullProgress } from '../sync/pull';

/**
 * Sync progress as the status bar and Settings show it. The sync engine
 * (renderer/src/sync/engine.ts, started by useSyncEngine in the shell) drives
 * this; until a server is configured the app is simply offline-first.
 */
export interface SyncState {
  /** A server is set (until then the status bar says "Not syncing: no server set up"). */
  configured: boolean;
  phase: 'idle' | 'syncing' | 'synced' | 'error';
  lastSyncedAt: string | null;
  error: string | null;
  retry: (() => void) | null;
  /** Signed in to the configured server. */
  signedIn: boolean;
  /** Why the last run failed, for screens that react differently (sign in again vs wait). */
  errorKind: string | null;
  /** The pull in progress (first sync or resync shows it). */
  progress: PullProgress | null;
  /** When the next automatic attempt is due (epoch ms), or null. */
  nextAttemptAt: number | null;
  /** Ask the engine to sync now (after sign-in, a server change, a restore). */
  syncNow: (() => void) | null;
}

export const useSync = create<SyncState>(() => ({
  configured: false,
  phase: 'idle',
  lastSyncedAt: null,
  error: null,
  retry: null,
  signedIn: false,
  errorKind: null,
  progress: null,
  nextAttemptAt: null,
  syncNow: null,
}));
