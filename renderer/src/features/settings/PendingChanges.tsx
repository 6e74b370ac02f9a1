import { useLiveQuery } from 'dexie-react-hooks';
import { opsOfRow } from '../../../../shared/sync/outbox';
import { useData } from '../../app/data-context';
import { waitingCount } from '../../sync/pending';

const SHOWN = 50;

/** The changes saved on this device that the server has not yet acknowledged. */
export function PendingChanges() {
  const { db } = useData();
  const data = useLiveQuery(async () => {
    // Each row holds at least one waiting change, so the newest SHOWN rows hold the newest SHOWN changes.
    const rows = await db.outbox.orderBy('seq').reverse().limit(SHOWN).toArray();
    return { count: await waitingCount(db), latest: rows.flatMap((r) => opsOfRow(r).reverse()).slice(0, SHOWN) };
  }, [db]);
  return (
    <section className="panel pending-changes" aria-labelledby="pending-title">
      <h2 id="pending-title">Changes waiting to sync</h2>
      {!data ? null : data.count === 0 ? (
        <p className="muted">Nothing waiting: every change on this device has reached the server.</p>
      ) : (
        <>
          <p>
            {data.count} {data.count === 1 ? 'change is' : 'changes are'} saved on this device and will sync when a server is reachable.
          </p>
          <ol className="pending-list" aria-label="Pending changes">
            {data.latest.map((e) => (
              <li key={e.opId}>
                {e.table} · {Object.keys(e.fields).length} fields · {new Date(e.at).toLocaleString()}
              </li>
            ))}
          </ol>
          {data.count > SHOWN ? <p className="muted">Showing the latest {SHOWN}.</p> : null}
        </>
      )}
    </section>
  );
}
