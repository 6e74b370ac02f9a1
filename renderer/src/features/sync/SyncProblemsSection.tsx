import { useLiveQuery } from 'dexie-react-hooks';
import { changeSummary, refusalWords } from '../../../../shared/sync/refusals';
import { fieldLabel, recordTitle, tableLabel } from '../../../../shared/sync/record-schemas';
import { useData } from '../../app/data-context';
import { useUi } from '../../app/ui-store';
import { dismissQuarantined, listQuarantine } from '../../sync/quarantine';
import { forgetSetAside, listSetAside } from '../../sync/set-aside';
import { RESYNC_KEY } from '../../sync/state-keys';

export const SYNC_PROBLEMS_ID = 'sync-problems';

const shown = (v: unknown): string => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text === undefined ? '' : text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

/**
 * Settings → Sync problems: changes the server refused (undone here, with the
 * reason and the values that were refused, so nothing typed is lost) and
 * pulled records held back because they fail this app's rules.
 */
export function SyncProblemsSection() {
  const { db } = useData();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => {
    const refused = await listSetAside(db);
    // The record as it is here now (after the undo), for its name; a create the server never had is gone.
    const current = await Promise.all(
      refused.map(async (op) => (db.tables.some((t) => t.name === op.table) ? ((await db.table(op.table).get(op.id)) as Record<string, unknown> | undefined) : undefined)),
    );
    const undoing = (await db.syncState.get(RESYNC_KEY)) !== undefined;
    return { refused, current, undoing, held: await listQuarantine(db) };
  }, [db]);
  if (!data) return null;
  const { refused, current, undoing, held } = data;
  return (
    <section className="panel sync-problems" id={SYNC_PROBLEMS_ID} tabIndex={-1} aria-labelledby="sync-problems-title" data-testid="sync-problems">
      <h2 id="sync-problems-title">Sync problems</h2>
      {refused.length === 0 && held.length === 0 ? <p className="muted">None: the server accepted every change from this device, and every record it sent is valid.</p> : null}
      {refused.length > 0 ? (
        <>
          <h3 id="refused-title">Changes the server refused</h3>
          <p className="muted">
            {undoing
              ? 'These changes are being undone on this device: the server’s version comes back at the next sync.'
              : 'These changes were undone on this device and the server’s version is back. The values you entered are kept here so nothing is lost.'}
          </p>
          <ul aria-labelledby="refused-title" className="problem-list">
            {refused.map((op, i) => {
              const fields = Object.keys(op.fields);
              const values = Object.fromEntries(Object.entries(op.fields).map(([f, c]) => [f, (c as { value: unknown }).value]));
              const name = recordTitle(current[i] ?? {}) ?? recordTitle(values);
              const what = changeSummary(op.table, fields);
              return (
                <li key={op.seq}>
                  <p>
                    <strong>{what}</strong>
                    {name ? <> · “{name}”</> : null}{' '}
                    <span className="muted">
                      {current[i] ? '' : '(not on this device any more) '}made {new Date(op.at).toLocaleString()}
                    </span>
                  </p>
                  <p>{refusalWords(op.code, op.message)}</p>
                  <details>
                    <summary>What was refused</summary>
                    <dl className="problem-values">
                      {Object.entries(values).map(([f, v]) => (
                        <div key={f}>
                          <dt>{fieldLabel(f)}</dt>
                          <dd>{shown(v)}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                  <button
                    type="button"
                    onClick={() => void forgetSetAside(db, op.seq).then(() => announce('Refused change dismissed'))}
                    aria-label={`Dismiss refused change: ${what}${name ? ` “${name}”` : ''}`}
                  >
                    Dismiss
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {held.length > 0 ? (
        <>
          <h3 id="quarantine-title">Records held back</h3>
          <p className="muted">The server sent these records, but they do not meet this app’s rules, so they are kept aside instead of shown. They come back on their own once they are corrected on the server.</p>
          <ul aria-labelledby="quarantine-title" className="problem-list" data-testid="quarantine-list">
            {held.map((q) => (
              <li key={`${q.table}:${q.id}`} className={q.dismissed ? 'dismissed' : undefined}>
                <p>
                  <strong>{tableLabel(q.table)}</strong> · {q.title ? `“${q.title}”` : <span className="muted">(no readable name)</span>}{' '}
                  <span className="muted">held back {new Date(q.at).toLocaleString()}</span>
                </p>
                <p>{q.reason}</p>
                {q.dismissed ? (
                  <p className="muted">Dismissed: still held back.</p>
                ) : (
                  <button
                    type="button"
                    onClick={() => void dismissQuarantined(db, q.table, q.id).then(() => announce('Held-back record dismissed'))}
                    aria-label={`Dismiss held-back ${tableLabel(q.table).toLowerCase()}${q.title ? ` “${q.title}”` : ''}`}
                  >
                    Dismiss
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
