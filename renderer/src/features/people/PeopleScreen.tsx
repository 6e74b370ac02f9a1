import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Person } from '../../../../shared/people/schema';
import { useData } from '../../app/data-context';
import { useUi } from '../../app/ui-store';
import { EmptyState } from '../../ui/EmptyState';
import { ImportPeople } from './ImportPeople';
import { drafts } from '../../ui/drafts';
import { personHref, usePersonRoute } from './people-route';
import { PersonPage } from './PersonPage';
import { PersonForm, personDraftKey } from './PersonForm';

/** The directory of requesters and staff that tickets, training and access point at; `#/people/<id>` is one person's page. */
export function PeopleScreen() {
  const personId = usePersonRoute();
  return personId ? <PersonPage key={personId} id={personId} /> : <Directory />;
}

function Directory() {
  const { db, people } = useData();
  const announce = useUi((s) => s.announce);
  // A new person left half typed comes back open (an edit comes back when that person's Edit is chosen).
  const [editing, setEditing] = useState<Person | 'new' | null>(() => (drafts.get(personDraftKey(undefined)) ? 'new' : null));
  const [importing, setImporting] = useState(false);
  const [query, setQuery] = useState('');
  const list = useLiveQuery(() => people.list(), [db]);
  const q = query.trim().toLowerCase();
  const shown = (list ?? []).filter((p) => !q || `${p.name} ${p.email} ${p.agency} ${p.site}`.toLowerCase().includes(q));

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>People</h1>
        <div className="toolbar">
          <input type="search" aria-label="Filter people" placeholder="Filter by name, email, agency…" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="button" onClick={() => setImporting(true)}>
            Import…
          </button>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Add person
          </button>
        </div>
      </header>
      {importing ? <ImportPeople onClose={() => setImporting(false)} /> : null}
      {editing ? (
        <PersonForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSubmit={async (input) => {
            const res = editing === 'new' ? await people.create(input) : await people.update(editing.id, input);
            if (res.ok) {
              setEditing(null);
              announce(`Saved ${res.value.name}`);
            }
            return res;
          }}
        />
      ) : null}
      {list && list.length === 0 && !editing && !importing ? (
        <EmptyState
          title="No people yet"
          action={
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Add the first person
            </button>
          }
        >
          <p>Requesters, trainees and staff you work with will be listed here, so tickets and sessions can point at them.</p>
        </EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" aria-label="People">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Agency or court</th>
                <th scope="col">Site</th>
                <th scope="col">Kind</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={personHref(p.id)}>{p.name}</a>
                  </td>
                  <td>{p.email}</td>
                  <td>{p.agency}</td>
                  <td>{p.site}</td>
                  <td>{p.kind === 'staff' ? 'Staff' : 'Requester'}</td>
                  <td className="row-actions">
                    <button type="button" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Remove ${p.name}`}
                      onClick={async () => {
                        if (!confirm(`Remove ${p.name} from the directory?`)) return;
                        const res = await people.remove(p.id);
                        announce(res.ok ? `Removed ${p.name}` : res.error.message);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list && list.length > 0 && shown.length === 0 ? <p className="muted">No one matches “{query}”.</p> : null}
    </div>
  );
}
