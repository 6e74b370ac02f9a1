import { useLiveQuery } from 'dexie-react-hooks';
import { isUserTable, pendingInWords, wordsFor } from '../../../../shared/sync/table-words';
import { isSyncTable, SYNC_TABLES } from '../../../../shared/sync/tables';
import { fieldLabel } from '../../../../shared/tickets/history-format';
import { useData } from '../../app/data-context';
import { waitingCount, waitingOps } from '../../sync/pending';

const SHOWN = 50;

const appendOnly = (table: string): boolean => isSyncTable(table) && SYNC_TABLES[table].merge === 'append';
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/**
 * A record is added when its first version waits (it carries every field: its creation time, or its tombstone
 * flag still 0), removed when its tombstone does.
 */
const isAdd = (fields: Record<string, { value: unknown }>): boolean => 'createdAt' in fields || fields.deleted?.value === 0;
const verb = (table: string, fields: Record<string, { value: unknown }>): string =>
  appendOnly(table) || isAdd(fields) ? 'added' : fields.deleted?.value === 1 ? 'removed' : 'changed';
/** A ticket's changed fields by their labels on screen ("Status, Assignee"); bookkeeping fields are left out. */
const fieldsText = (fields: Record<string, unknown>): string => {
  const labels = Object.keys(fields)
    .filter((f) => f !== 'deleted' && fieldLabel(f) !== f)
    .map(fieldLabel);
  return labels.length ? ` (${labels.join(', ')})` : '';
};

/** The changes saved on this device that the server has not yet acknowledged, in the words of the screens. */
export function PendingChanges() {
  const { db } = useData();
  const data = useLiveQuery(async () => {
    const count = await waitingCount(db);
    if (count === 0) return { count, kinds: [], latest: [], names: new Map<string, string>() };
    // The whole outbox, for the per-kind summary: small except after days offline, and read only on this screen.
    const ops = await waitingOps(db);
    const latest = ops
      .slice()
      .reverse()
      .filter((o) => isUserTable(o.table))
      .slice(0, SHOWN);
    // The records by what the screens call them: a ticket by its number, a person by name.
    const ticketIds = [...new Set(latest.filter((o) => o.table === 'tickets').map((o) => o.id))];
    const personIds = [...new Set(latest.filter((o) => o.table === 'people').map((o) => o.id))];
    const [tickets, people] = await Promise.all([db.table<{ id: string; number: string }, string>('tickets').bulkGet(ticketIds), db.people.bulkGet(personIds)]);
    const names = new Map<string, string>([...tickets.flatMap((t) => (t ? [[t.id, t.number] as const] : [])), ...people.flatMap((p) => (p ? [[p.id, p.name] as const] : []))]);
    return { count, kinds: pendingInWords(ops.map((o) => ({ table: o.table, id: o.id, added: isAdd(o.fields) })), appendOnly), latest, names };
  }, [db]);
  return (
    <section className="panel pending-changes" aria-labelledby="pending-title">
      <h2 id="pending-title">Changes waiting to sync</h2>
      {!data ? null : data.count === 0 ? (
        <p className="muted">Nothing waiting: every change on this device has reached the server.</p>
      ) : (
        <>
          <p>
            {data.count.toLocaleString()} {data.count === 1 ? 'change is' : 'changes are'} saved on this device and will sync when a server is reachable:
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
                {capital(wordsFor(e.table).singular)}
                {data.names.has(e.id) ? ` ${data.names.get(e.id)}` : ''} {verb(e.table, e.fields)}
                {e.table === 'tickets' && verb(e.table, e.fields) === 'changed' ? fieldsText(e.fields) : ''} · {new Date(e.at).toLocaleString()}
              </li>
            ))}
          </ol>
          {data.count > SHOWN ? <p className="muted">Showing the latest {SHOWN}.</p> : null}
        </>
      )}
    </section>
  );
}
