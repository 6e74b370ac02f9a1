import { create } from 'zustand';

/**
 * Sync progress as the status bar shows it. The sync engine (issue 4) drives
 * this; until a server is configured the app is simply offline-first.
 */
export interface SyncState {
  configured: boolean;
  phase: 'idle' | 'syncing' | 'synced' | 'error';
  lastSyncedAt: string | null;
  error: string | null;
  retry: (() => void) | null;
}

export const useSync = create<SyncState>(() => ({
  configured: false,
  phase: 'idle',
  lastSyncedAt: null,
  error: null,
  retry: null,
}));
