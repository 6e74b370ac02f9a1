import { useData } from '../../app/data-context';
import { useSync } from '../../app/sync-store';
import { arrivingText, stillArriving, useFill } from '../../sync/fill';
import type { PullProgress } from '../../sync/pull';

/** The status bar's short form: "First sync — 12,000 records so far". Null when no first sync (or full resync) is running. */
export function firstSyncLabel(progress: PullProgress | null): string | null {
  if (!progress || !progress.fromStart) return null;
  return `First sync — ${progress.received.toLocaleString()} ${progress.received === 1 ? 'record' : 'records'} so far`;
}

/** How far a first sync (or a full resync) has come; each page is already saved, so closing the app loses nothing. */
export function FirstSyncProgress() {
  const progress = useSync((s) => s.progress);
  const { db } = useData();
  const arriving = stillArriving(useFill(db));
  if (!progress || !progress.fromStart) return null;
  return (
    <p role="status" data-testid="first-sync-progress">
      First sync: {progress.received.toLocaleString()} records received so far ({progress.pages} {progress.pages === 1 ? 'page' : 'pages'}).
      {arriving.length > 0 ? ` ${arriving.map(arrivingText).join('; ')}.` : ''} You can keep working; it resumes where it stopped if interrupted.
    </p>
  );
}
