import { useSync } from '../../app/sync-store';

/** How far a first sync (or a full resync) has come; each page is already saved, so closing the app loses nothing. */
export function FirstSyncProgress() {
  const progress = useSync((s) => s.progress);
  if (!progress || !progress.fromStart) return null;
  return (
    <p role="status" data-testid="first-sync-progress">
      First sync: {progress.received.toLocaleString()} records received so far ({progress.pages} {progress.pages === 1 ? 'page' : 'pages'}). You can keep working; it resumes
      where it stopped if interrupted.
    </p>
  );
}
