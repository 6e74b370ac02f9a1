import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { groupByCategory, PLACEHOLDER_LABELS, PLACEHOLDERS, type CannedResponse } from '../../../../shared/inform/canned';
import { Field } from '../../ui/Field';
import { useInform } from './KnowledgeScreen';

/**
 * Settings → canned responses, grouped by category. Coordinators and admins
 * keep them (the server refuses anyone else's change); everyone uses them
 * from an update with `/` and the name.
 */
export function CannedResponsesSettings() {
  const inform = useInform();
  const list = useLiveQuery(() => inform.canned.list(), [inform]);
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  function edit(c: CannedResponse | null) {
    setEditing(c);
    setName(c?.name ?? '');
    setTitle(c?.title ?? '');
    setCategory(c?.category ?? '');
    setBody(c?.body ?? '');
    setErrors({});
  }
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await inform.canned.save(editing?.id ?? null, { name, title, category, body });
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      setMessage(r.error.message);
      return;
    }
    setMessage(`Saved /${r.value.name}`);
    edit(null);
  }

  return (
    <section className="panel" aria-label="Canned responses">
      <h2>Canned responses</h2>
      <p className="muted">
        Type / and the name in an update to insert one. Placeholders: {PLACEHOLDERS.map((p) => `{${p}} (${PLACEHOLDER_LABELS[p]})`).join(', ')}.
      </p>
      {list && list.length === 0 ? <p>No canned responses yet: add the replies you send most.</p> : null}
      {groupByCategory(list ?? []).map((g) => (
        <div key={g.category}>
          <h3>{g.category}</h3>
          <ul>
            {g.items.map((c) => (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => edit(c)}>
                  /{c.name}
                </button>{' '}
                {c.title}{' '}
                <button type="button" onClick={() => void inform.canned.remove(c.id)} aria-label={`Delete /${c.name}`}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <form onSubmit={save} aria-label={editing ? `Edit /${editing.name}` : 'New canned response'} noValidate>
        <Field label="Name (after /)" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
        <Field label="Category" value={category} onChange={(e) => setCategory(e.target.value)} error={errors.category} />
        <label htmlFor="canned-body">Text</label>
        <textarea id="canned-body" rows={5} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={errors.body ? true : undefined} />
        {errors.body ? <p className="form-error">{errors.body}</p> : null}
        <div className="form-actions">
          <button type="submit" className="primary">
            {editing ? 'Save changes' : 'Add canned response'}
          </button>
          {editing ? (
            <button type="button" onClick={() => edit(null)}>
              Cancel
            </button>
          ) : null}
        </div>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </section>
  );
}
