import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { copyAddresses, currentMembers, exportMembers, LIST_EXPORT_FORMATS, LIST_EXPORT_LABELS, type ListExportFormat } from '../../../../shared/access/lists-export';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { listReview } from '../../../../shared/access/list-review';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey } from '../../ui/drafts';
import { EmptyState } from '../../ui/EmptyState';
import { useDraft, useDraftState } from '../../ui/useDraft';
import { accessHref, goToAccess } from './route';
import { formatDate, formatWhen, useAccessRepos, useLookups, useToday } from './useAccess';

/** Distribution lists: purpose, owner, how many members, when last reviewed. */
export function ListsView({ query }: { query: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const data = useLiveQuery(async () => {
    const [lists, memberships] = await Promise.all([repos.tables.lists.orderBy('name').toArray(), repos.tables.memberships.toArray()]);
    return { lists: lists.filter((l) => !l.deleted), memberships: memberships.filter((m) => !m.deleted && m.status === 'member') };
  }, [repos]);
  const today = useToday();
  // The new list's fields are a draft until it is created or cancelled; a form left with text opens again.
  const draft = useDraft(draftKey('access.list', 'new'), { name: '', purpose: '', address: '', owner: '', reviewEveryDays: '365' });
  const { name, purpose, address, owner, reviewEveryDays } = draft.values;
  const [creating, setCreating] = useState(() => draft.restoredAt !== null);
  const [error, setError] = useState('');
  if (!data || !names) return <p role="status">Loading lists…</p>;
  const shown = data.lists.filter((l) => `${l.name} ${l.purpose} ${l.address} ${names.person(l.ownerPersonId)}`.toLowerCase().includes(query.toLowerCase()));
  const create = async () => {
    const every = reviewEveryDays.trim() === '' ? null : Number(reviewEveryDays);
    if (every !== null && !(Number.isInteger(every) && every >= 1 && every <= 3660)) return setError('Owner review: a whole number of days from 1 to 3660, or empty for none.');
    const res = await repos.lists.save(null, { name, purpose, address, ownerPersonId: owner || null, reviewEveryDays: every });
    if (!res.ok) return setError(res.error.message);
    draft.discard();
    goToAccess({ view: 'list', id: res.value.id });
  };
  return (
    <section aria-label="Distribution lists">
      <div className="toolbar">
        <button type="button" onClick={() => setCreating(true)} disabled={creating}>
          New list
        </button>
      </div>
      {creating ? (
        <form
          className="panel"
          aria-labelledby="new-list-title"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h2 id="new-list-title">New distribution list</h2>
          <DraftNotice restoredAt={draft.restoredAt} onDiscard={draft.discard} what="list" />
          <div className="two-col">
            <div className="field">
              <label htmlFor="list-name">Name</label>
              <input id="list-name" value={name} onChange={(e) => draft.set({ name: e.target.value })} required autoFocus />
            </div>
            <div className="field">
              <label htmlFor="list-address">List address</label>
              <input id="list-address" type="email" value={address} onChange={(e) => draft.set({ address: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="list-owner">Owner</label>
              <select id="list-owner" value={owner} onChange={(e) => draft.set({ owner: e.target.value })}>
                <option value="">No owner yet</option>
                {names.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="list-review">Days between reviews (empty for none)</label>
              <input id="list-review" inputMode="numeric" value={reviewEveryDays} onChange={(e) => draft.set({ reviewEveryDays: e.target.value })} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="list-purpose">Purpose</label>
            <textarea id="list-purpose" value={purpose} onChange={(e) => draft.set({ purpose: e.target.value })} />
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="primary">
            Create list
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              draft.discard();
              setCreating(false);
            }}
          >
            Cancel
          </button>
        </form>
      ) : null}
      {data.lists.length === 0 && !creating ? (
        <EmptyState title="No distribution lists yet">
          <p>Keep each list’s owner of record, members with end dates, and a join and leave log; export members for Microsoft 365, Google Groups or Mailman. Leavers are removed from every list.</p>
        </EmptyState>
      ) : null}
      {shown.length ? (
        <table className="data-table" aria-label="Distribution lists">
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col">Owner</th>
              <th scope="col">Members</th>
              <th scope="col">Last reviewed</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={l.id}>
                <td>
                  <a data-row href={accessHref({ view: 'list', id: l.id })}>
                    {l.name}
                  </a>
                </td>
                <td>{l.ownerPersonId ? names.person(l.ownerPersonId) : <span className="badge warn">No owner</span>}</td>
                <td>{data.memberships.filter((m) => m.listId === l.id).length}</td>
                <td>
                  {l.lastReviewedAt ? formatWhen(l.lastReviewedAt) : 'Never'}
                  {listReview(l, today).due ? <span className="badge warn"> Owner review due</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** One list: members (with end dates), add and remove, exports, copy addresses, owner review and the log. */
export function ListPage({ id }: { id: string }) {
  const repos = useAccessRepos();
  const names = useLookups();
  const announce = useUi((s) => s.announce);
  const data = useLiveQuery(async () => {
    const list = await repos.tables.lists.get(id);
    if (!list || list.deleted) return { list: null };
    const [memberships, log] = await Promise.all([repos.tables.memberships.where('listId').equals(id).toArray(), repos.tables.listLog.where('[listId+at]').between([id, ''], [id, '\uffff']).toArray()]);
    return { list, memberships: memberships.filter((m) => !m.deleted), log: log.reverse() };
  }, [repos, id]);
  const today = useToday();
  // The member being added is a draft until added.
  const [personId, setPersonId] = useDraftState('access.listMember', id, 'personId', '');
  const [email, setEmail] = useDraftState('access.listMember', id, 'email', '');
  const [outsideName, setOutsideName] = useDraftState('access.listMember', id, 'name', '');
  const [endDate, setEndDate] = useDraftState('access.listMember', id, 'endDate', '');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [paper, setPaper] = useState<PaperSize>('Letter');
  if (!data || !names) return <p role="status">Opening the list…</p>;
  if (!data.list)
    return (
      <EmptyState title="List not found" action={<a href={accessHref({ view: 'lists' })}>Back to lists</a>}>
        <p>It may not have reached this device yet.</p>
      </EmptyState>
    );
  const list = data.list;
  const current = data.memberships.filter((m) => m.status === 'member').sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email));
  const { members, withoutAddress } = currentMembers(current);
  const say = (error: boolean, text: string) => {
    setMessage({ error, text });
    if (!error) announce(text);
  };
  const add = async () => {
    const res = await repos.lists.addMember(list.id, personId ? { personId, endDate: endDate || null, ...(email ? { email } : {}) } : { name: outsideName, email, endDate: endDate || null });
    if (!res.ok) return say(true, res.error.message);
    say(false, `Added ${res.value.name || res.value.email}`);
    setPersonId('');
    setEmail('');
    setOutsideName('');
    setEndDate('');
  };
  const exportAs = async (format: ListExportFormat) => {
    if (members.length === 0) return say(true, 'No member has an e-mail address to export.');
    const res = await platform.access.saveText({ defaultName: `${list.name} ${format}`, ext: format === 'mailman' ? 'txt' : 'csv', text: exportMembers(format, list.address, members) });
    if (!res.ok) return say(true, `Nothing was exported: ${res.error.message}`);
    if (!res.value.cancelled) say(false, `Exported ${members.length} member${members.length === 1 ? '' : 's'} for ${LIST_EXPORT_LABELS[format]} to ${res.value.path.split(/[\\/]/).pop()}${withoutAddress ? `; ${withoutAddress} without an address left out` : ''}.`);
  };
  const print = async () => {
    const res = await platform.access.printPdf({
      paper,
      document: {
        kind: 'distributionList',
        name: list.name,
        address: list.address,
        owner: list.ownerPersonId ? names.person(list.ownerPersonId) : '',
        purpose: list.purpose,
        lastReviewed: list.lastReviewedAt ? `Last reviewed ${formatWhen(list.lastReviewedAt)}` : 'Never reviewed',
        members: current.map((m) => ({ name: m.name, email: m.email, until: m.endDate ? formatDate(m.endDate) : '', note: m.personId && names.departed.has(m.personId) ? 'Departed' : '' })),
        printedOn: new Date().toLocaleDateString(undefined, { dateStyle: 'long' }),
      },
    });
    if (!res.ok) return say(true, `The list was not printed: ${res.error.message}`);
    if (!res.value.cancelled) say(false, `Saved the list as ${res.value.path.split(/[\\/]/).pop()}${res.value.pages ? ` (${res.value.pages} page${res.value.pages === 1 ? '' : 's'})` : ''}.`);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(copyAddresses(members));
      say(false, `Copied ${members.length} address${members.length === 1 ? '' : 'es'}.`);
    } catch {
      say(true, 'The clipboard is not available here.');
    }
  };
  return (
    <article aria-labelledby="list-title">
      <nav aria-label="Breadcrumb">
        <a href={accessHref({ view: 'lists' })}>← Lists</a>
      </nav>
      <h2 id="list-title">{list.name}</h2>
      <dl className="detail-grid">
        <dt>Address</dt>
        <dd>{list.address || 'None'}</dd>
        <dt>Owner</dt>
        <dd>{list.ownerPersonId ? names.person(list.ownerPersonId) : <span className="badge warn">No owner of record</span>}</dd>
        <dt>Purpose</dt>
        <dd>{list.purpose || 'Not stated'}</dd>
        <dt>Owner review</dt>
        <dd>
          {list.lastReviewedAt ? `Last reviewed ${formatWhen(list.lastReviewedAt)}` : 'Never reviewed'}
          {list.reviewEveryDays ? ` · every ${list.reviewEveryDays} days` : ''}
          {listReview(list, today).due ? <span className="badge warn"> Owner review due</span> : listReview(list, today).dueOn ? ` · next by ${formatDate(listReview(list, today).dueOn)}` : ''}{' '}
          <button type="button" onClick={async () => (await repos.lists.markReviewed(list.id)).ok && say(false, 'Marked as reviewed by the owner')}>
            Mark reviewed
          </button>
        </dd>
      </dl>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'form-error' : 'ok-text'}>
          {message.text}
        </p>
      ) : null}
      <div className="toolbar wrap" role="group" aria-label="Export members">
        {LIST_EXPORT_FORMATS.map((f) => (
          <button key={f} type="button" onClick={() => void exportAs(f)}>
            Export for {LIST_EXPORT_LABELS[f]}
          </button>
        ))}
        <button type="button" onClick={() => void copy()}>
          Copy addresses
        </button>
        <span className="inline-field">
          <label htmlFor="list-paper">Paper</label>
          <select id="list-paper" value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)}>
            <option value="Letter">Letter</option>
            <option value="A4">A4</option>
          </select>
          <button type="button" onClick={() => void print()}>
            Print the list (PDF)
          </button>
        </span>
      </div>
      <h3>Members ({current.length})</h3>
      {current.length === 0 ? (
        <p className="muted">No members yet.</p>
      ) : (
        <table className="data-table" aria-label="Members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Until</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {current.map((m) => (
              <tr key={m.id}>
                <td>
                  <span data-row tabIndex={0}>
                    {m.name || 'Outside address'}
                  </span>
                  {m.personId && names.departed.has(m.personId) ? <span className="badge warn"> departed</span> : null}
                </td>
                <td>{m.email || <span className="badge warn">No address</span>}</td>
                <td>{m.endDate ? formatDate(m.endDate) : 'No end date'}</td>
                <td>
                  <button type="button" aria-label={`Remove ${m.name || m.email}`} onClick={async () => { const r = await repos.lists.removeMember(m.id, 'Removed by hand'); say(!r.ok, r.ok ? `Removed ${m.name || m.email}` : r.error.message); }}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="panel"
        aria-labelledby="add-member-title"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3 id="add-member-title">Add a member</h3>
        <div className="two-col">
          <div className="field">
            <label htmlFor="member-person">Person in the directory</label>
            <select id="member-person" value={personId} onChange={(e) => setPersonId(e.target.value)}>
              <option value="">An outside address…</option>
              {names.people
                .filter((p) => !names.departed.has(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.email ? ` <${p.email}>` : ''}
                  </option>
                ))}
            </select>
          </div>
          {!personId ? (
            <div className="field">
              <label htmlFor="member-name">Name (outside member)</label>
              <input id="member-name" value={outsideName} onChange={(e) => setOutsideName(e.target.value)} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="member-email">E-mail{personId ? ' (if not the directory’s)' : ''}</label>
            <input id="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="member-end">Member until (optional)</label>
            <input id="member-end" type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          </div>
        </div>
        <button type="submit" className="primary">
          Add member
        </button>
      </form>
      <h3>Join and leave log</h3>
      {data.log.length === 0 ? (
        <p className="muted">Nobody has joined or left yet.</p>
      ) : (
        <table className="data-table" aria-label="Join and leave log">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {data.log.map((l) => (
              <tr key={l.id}>
                <td>{formatWhen(l.at)}</td>
                <td>{l.who}</td>
                <td>
                  {l.action === 'join' ? 'Joined' : 'Left'}
                  {l.reason ? ` (${l.reason})` : ''}
                </td>
                <td>{names.person(l.actor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
