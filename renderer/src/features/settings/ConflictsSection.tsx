import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useData } from '../../app/data-context';
import { useSync } from '../../app/sync-store';
import { useUi } from '../../app/ui-store';
import { dismissConflict, listConflicts, restoreConflict } from '../../sync/conflicts';

const preview = (v: unknown): string => {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 280 ? `${text.slice(0, 280)}…` : text;
};

/**
 * Long texts that lost to another device's edit. Nothing typed is thrown
 * away: the losing version waits here until the user restores or dismisses it.
 */
export function ConflictsSection() {
  const { db } = useData();
  const conflicts = useLiveQuery(() => listConflicts(db), [db]);
  const announce = useUi((s) => s.announce);
  const syncNow = useSync((s) => s.syncNow);
  const [error, setError] = useState<string | null>(null);
  const restore = async (id: string) => {
    const res = await restoreConflict(db, id);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    announce(`Restored the earlier ${res.value.field}`);
    syncNow?.();
  };
  const dismiss = async (id: string) => {
    await dismissConflict(db, id);
    announce('Conflict dismissed');
  };
  return (
    <section className="panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">Edit conflicts</h2>
      {!conflicts ? null : conflicts.length === 0 ? (
        <p className="muted">No conflicts: when two devices change the same long text, the version that lost is kept here.</p>
      ) : (
        <ul className="conflicts-list" aria-label="Conflicts">
          {conflicts.map((c) => (
            <li key={c.id}>
              <p>
                <strong>
                  {c.table} · {c.field}
                </strong>{' '}
                <span className="muted">replaced {new Date(c.at).toLocaleString()}</span>
              </p>
              <blockquote className="conflict-value">{preview(c.value)}</blockquote>
              <div className="form-actions">
                <button type="button" onClick={() => void restore(c.id)} aria-label={`Restore this ${c.field}`}>
                  Restore
                </button>
                <button type="button" onClick={() => void dismiss(c.id)} aria-label={`Dismiss this ${c.field}`}>
                  Dismiss
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
