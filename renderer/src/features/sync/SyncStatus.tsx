import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { firstSyncLabel } from './FirstSyncProgress';
import { useData } from '../../app/data-context';
import { arrivingText, stillArriving, useFill } from '../../sync/fill';
import { waitingCount } from '../../sync/pending';
import { syncProblemCount } from '../../sync/problems';
import { SYNC_PROBLEMS_ID } from './SyncProblemsSection';
import { useUi } from '../../app/ui-store';
import { useSync } from '../../app/sync-store';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * Tells the user, at a glance, whether their work has reached the server. The
 * pending count is a live query on the outbox, so it moves with every save.
 */
export function SyncStatus() {
  const { db } = useData();
  const pending = useLiveQuery(() => waitingCount(db), [db], 0);
  const problems = useLiveQuery(() => syncProblemCount(db), [db], 0);
  const navigate = useUi((s) => s.navigate);
  const online = useOnline();
  const { phase, lastSyncedAt, error, configured, retry, progress } = useSync();
  // A first sync in tiers names what is still arriving and how much (sync/fill.ts).
  const arriving = stillArriving(useFill(db))[0];
  const firstSync = phase === 'syncing' ? (arriving ? `First sync — ${arrivingText(arriving)}` : firstSyncLabel(progress)) : null;

  let label: string;
  let tone: 'offline' | 'busy' | 'ok' | 'error' | 'warn';
  if (phase === 'error') {
    label = `Error — ${error ?? 'sync failed'}`;
    tone = 'error';
  } else if (!configured) {
    // Not a network problem: nothing will sync until someone sets a server up.
    label = `Not syncing: no server set up — ${changes(pending)} saved on this device`;
    tone = 'offline';
  } else if (!online) {
    label = `Offline — ${changes(pending)} saved on this device`;
    tone = 'offline';
  } else if (firstSync) {
    // A new device (or a full resync) takes a while: show that it is moving. Each page is saved as it comes.
    label = `${firstSync}…`;
    tone = 'busy';
  } else if (phase === 'syncing') {
    label = 'Syncing…';
    tone = 'busy';
  } else if (lastSyncedAt && problems > 0) {
    // Not green: something the server refused, or a record held back, waits for the user.
    label = `${problems} sync ${problems === 1 ? 'problem needs' : 'problems need'} your attention${pending > 0 ? ` · ${changes(pending)} waiting to sync` : ''}`;
    tone = 'warn';
  } else if (lastSyncedAt) {
    label = pending > 0 ? `${changes(pending)} waiting to sync` : `Synced at ${new Date(lastSyncedAt).toLocaleTimeString()}`;
    tone = 'ok';
  } else {
    label = `${changes(pending)} saved on this device`;
    tone = 'offline';
  }
  // A first sync cut off (offline, an error) still says what has not arrived yet.
  if (arriving && !firstSync && (tone === 'error' || tone === 'offline')) label = `${label} · First sync not finished: ${arrivingText(arriving)}`;
  return (
    <div className={`sync-status sync-${tone}`} role="status" aria-live="polite" data-testid="sync-status">
      <span className="sync-dot" aria-hidden="true" />
      <span>{label}</span>
      {tone === 'error' && retry ? (
        <button type="button" className="link-button" onClick={retry}>
          Retry
        </button>
      ) : null}
      {problems > 0 && tone !== 'warn' ? (
        <span>
          · {problems} sync {problems === 1 ? 'problem' : 'problems'}
        </span>
      ) : null}
      {problems > 0 ? (
        <a
          href="#/settings"
          className="link-button"
          onClick={(e) => {
            e.preventDefault();
            navigate('settings');
            // Settings mounts on the next frames: then bring the list into view and put focus on it.
            const show = (tries: number) => {
              const el = document.getElementById(SYNC_PROBLEMS_ID);
              if (el) {
                el.scrollIntoView({ block: 'start' });
                el.focus();
              } else if (tries > 0) requestAnimationFrame(() => show(tries - 1));
            };
            requestAnimationFrame(() => show(30));
          }}
        >
          Review sync problems
        </a>
      ) : null}
      {!configured && phase !== 'error' ? (
        <a href="#/settings" className="sync-settings-link">
          Set up sync
        </a>
      ) : null}
    </div>
  );
}
