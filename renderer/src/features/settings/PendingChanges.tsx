import { useLiveQuery } from 'dexie-react-hooks';
import { isUserTable, pendingInWords, wordsFor } from '../../../../shared/sync/table-words';
import { isSyncTable, SYNC_TABLES } from '../../../../shared/sync/tables';
import { useData } from '../../app/data-context';
import { waitingCount, waitingOps } from '../../sync/pending';

const SHOWN = 50;

const appendOnly = (table: string): boolean => isSyncTable(table) && SYNC_TABLES[table].merge === 'append';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The changes saved on this device that the server has not yet acknowledged, in the words of the screens. */
export function PendingChanges() {
  const { db } = useData();
  const data = useLiveQuery(async () => {
    const count = await waitingCount(db);
    if (count === 0) return { count, kinds: [], latest: [] };
    // The whole outbox, for the per-kind summary: small except after days offline, and read only on this screen.
    const ops = await waitingOps(db);
    const latest = ops
      .slice()
      .reverse()
      .filter((o) => isUserTable(o.table))
      .slice(0, SHOWN);
    return { count, kinds: pendingInWords(ops, appendOnly), latest };
  }, [db]);
  return (
    <section className="panel pending-changes" aria-labelledby="pending-title">
      <h2 id="pending-title">Changes waiting to sync</h2>
      {!data ? null : data.count === 0 ? (
        <p className="muted">Nothing waiting: every change on this device has reached the server.</p>
      ) : (
        <>
          <p>
            {data.count} {data.count === 1 ? 'change is' : 'changes are'} saved on this device and will sync when a server is reachable:
          </p>
          <ul aria-label="Waiting to sync, by kind">
            {data.kinds.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <h3>Latest changes</h3>
          <ol className="pending-list" aria-label="Pending changes">
            {data.latest.map((e) => (
              <li key={e.opId}>
                {capital(wordsFor(e.table).singular)} {appendOnly(e.table) ? 'added' : 'deleted' in e.fields && e.fields.deleted?.value === 1 ? 'removed' : 'changed'} ·{' '}
                {new Date(e.at).toLocaleString()}
              </li>
            ))}
          </ol>
          {data.count > SHOWN ? <p className="muted">Showing the latest {SHOWN}.</p> : null}
        </>
      )}
    </section>
  );
}
