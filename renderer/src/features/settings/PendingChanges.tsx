import { useLiveQuery } from 'dexie-react-hooks';
import { useData } from '../../app/data-context';

const SHOWN = 50;

/** The changes saved on this device that the server has not yet acknowledged. */
export function PendingChanges() {
  const { db } = useData();
  const data = useLiveQuery(async () => ({ count: await db.outbox.count(), latest: await db.outbox.orderBy('seq').reverse().limit(SHOWN).toArray() }), [db]);
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
              <li key={e.seq}>
                <span className="mono">#{e.seq}</span> {e.table} · {Object.keys(e.fields).length} fields · {new Date(e.at).toLocaleString()}
              </li>
            ))}
          </ol>
          {data.count > SHOWN ? <p className="muted">Showing the latest {SHOWN}.</p> : null}
        </>
      )}
    </section>
  );
}
