import { useLiveQuery } from 'dexie-react-hooks';
import { useData } from '../../app/data-context';
import { forgetSetAside, listSetAside } from '../../sync/set-aside';

/** Changes the server refused for good. They no longer hold up the queue; the user reads why and dismisses them. */
export function SetAsideList() {
  const { db } = useData();
  const list = useLiveQuery(() => listSetAside(db), [db]);
  if (!list || list.length === 0) return null;
  return (
    <div className="set-aside" data-testid="set-aside">
      <h3>Changes the server refused</h3>
      <p className="muted">These changes stay on this device only. Other changes keep syncing.</p>
      <ul aria-label="Refused changes">
        {list.map((op) => (
          <li key={op.seq}>
            {op.table} · {Object.keys(op.fields).join(', ')} — {op.message}{' '}
            <button type="button" className="link-button" onClick={() => void forgetSetAside(db, op.seq)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
