import { useEffect } from 'react';
import { useData } from '../app/data-context';
import { useSync } from '../app/sync-store';
import { SyncEngine } from './engine';
import { configuredServerUrl, ipcSessionStore } from './ipc-session-store';

/**
 * Runs the sync engine for as long as the shell is mounted: at start, after
 * local writes, every minute, and when the network comes back.
 */
export function useSyncEngine(): void {
  const { db } = useData();
  useEffect(() => {
    const engine = new SyncEngine({
      db,
      fetch: (input, init) => window.fetch(input, init),
      getServerUrl: configuredServerUrl,
      sessions: ipcSessionStore,
      isOnline: () => navigator.onLine,
      onState: (s) =>
        useSync.setState({
          configured: s.hasServer,
          phase: s.phase,
          lastSyncedAt: s.lastSyncedAt,
          error: s.error,
          errorKind: s.errorKind,
          signedIn: s.signedIn,
          progress: s.progress,
          nextAttemptAt: s.nextAttemptAt,
        }),
    });
    const now = () => engine.syncNow();
    useSync.setState({ retry: now, syncNow: now });
    window.addEventListener('online', now);
    engine.start();
    return () => {
      engine.stop();
      window.removeEventListener('online', now);
      useSync.setState({ retry: null, syncNow: null });
    };
  }, [db]);
}
