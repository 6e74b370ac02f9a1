import { useEffect, useState, type RefObject } from 'react';
import { ACTIVE_STATUSES, LABELS, PRIORITIES, STATUSES, type Status } from '../../../../../shared/tickets/enums';
import { siteView, type TicketFilter } from '../../../../../shared/tickets/views';
import { leaveField } from '../../../app/key-guard';
import { useTicketsUi, VIEWS } from '../store';
import type { Desk } from '../useDesk';
import { useSavedViews } from '../useSavedViews';
import { SavedViewActions } from './SavedViewActions';
import { NeedsUpdateTab } from '../../inform/NeedsUpdateTab';

const ACTIVE = ACTIVE_STATUSES.join(',');
const statusValue = (f: TicketFilter) => (f.statuses?.length ? f.statuses.join(',') : '');
const one = (ids: readonly string[] | undefined) => (ids?.length === 1 ? ids[0]! : '');
const asList = (v: string) => (v ? [v] : undefined);

/** Local midnight / end of day of a date input, as instants. */
const dayStart = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : undefined);
const dayEnd = (d: string) => (d ? new Date(`${d}T23:59:59.999`).toISOString() : undefined);
const toDate = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Saved views (built in, then the person's own), search and filters of the list. */
export function FilterBar({ desk, searchRef }: { desk: Desk; searchRef: RefObject<HTMLInputElement | null> }) {
  const { viewId, filter, chooseView, setFilter } = useTicketsUi();
  const [text, setText] = useState(filter.text ?? '');
  // Typing is debounced: each keystroke would otherwise re-plan the query.
  useEffect(() => {
    const h = setTimeout(() => {
      if ((useTicketsUi.getState().filter.text ?? '') !== text) setFilter({ text: text || undefined });
    }, 200);
    return () => clearTimeout(h);
  }, [text, setFilter]);
  useEffect(() => setText(filter.text ?? ''), [filter.text]);
  const { catalog } = desk;
  const saved = useSavedViews(desk.db);
  const siteChoice = viewId.startsWith('site-') ? viewId.slice(5) : '';

  return (
    <div className="ticket-filters">
      <div className="view-bar">
        <div className="view-tabs" role="group" aria-label="Saved views">
          {VIEWS.map((v) => (
            <button key={v.id} type="button" aria-pressed={viewId === v.id} onClick={() => chooseView(v)}>
              {v.name}
            </button>
          ))}
          {/* Reads the work log, so it is a view of its own rather than a filter (features/inform). */}
          <NeedsUpdateTab />
          {saved.views.map((v) => (
            <button key={v.id} type="button" aria-pressed={viewId === v.id} onClick={() => chooseView(v)}>
              {v.name}
            </button>
          ))}
          <select
            aria-label="View by site"
            value={siteChoice}
            onChange={(e) => {
              const site = catalog.sites.find((s) => s.id === e.target.value);
              if (site) chooseView(siteView(site));
            }}
          >
            <option value="">By site…</option>
            {catalog.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <SavedViewActions views={saved.views} repo={saved.repo} />
      </div>
      <div className="filter-row">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search tickets"
          aria-keyshortcuts="/"
          placeholder="Search number, title, requester, work log…  ( / )"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setFilter({ text: text || undefined });
            // Esc leaves the box for the screen, so j and k move in the list again.
            if (e.key === 'Escape') leaveField(e.target as HTMLInputElement);
          }}
        />
        <select aria-label="Status" value={statusValue(filter)} onChange={(e) => setFilter({ statuses: e.target.value ? (e.target.value.split(',') as Status[]) : undefined })}>
          <option value="">Any status</option>
          <option value={ACTIVE}>Open (new, open, pending)</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {LABELS.status[s]}
            </option>
          ))}
        </select>
        <select aria-label="Priority" value={filter.priorities?.length === 1 ? filter.priorities[0] : ''} onChange={(e) => setFilter({ priorities: e.target.value ? [e.target.value as 'P1'] : undefined })}>
          <option value="">Any priority</option>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <select
          aria-label="Assignee"
          value={typeof filter.assignee === 'string' ? filter.assignee : one(filter.assignee)}
          onChange={(e) => {
            const v = e.target.value;
            setFilter({ assignee: v === '' ? undefined : v === 'me' || v === 'unassigned' ? v : [v] });
          }}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {desk.catalog.staff.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <select aria-label="SLA" value={filter.sla ?? ''} onChange={(e) => setFilter({ sla: (e.target.value || undefined) as TicketFilter['sla'] })}>
          <option value="">Any SLA</option>
          <option value="at_risk">At risk</option>
          <option value="breached">Breached</option>
          <option value="at_risk_or_breached">At risk or breached</option>
        </select>
      </div>
      <details className="more-filters">
        <summary>More filters</summary>
        <div className="filter-row">
          <select aria-label="Team" value={one(filter.teamIds)} onChange={(e) => setFilter({ teamIds: asList(e.target.value) })}>
            <option value="">Any team</option>
            {catalog.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <select aria-label="Site" value={one(filter.siteIds)} onChange={(e) => setFilter({ siteIds: asList(e.target.value) })}>
            <option value="">Any site</option>
            {catalog.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <select aria-label="System" value={one(filter.systemIds)} onChange={(e) => setFilter({ systemIds: asList(e.target.value) })}>
            <option value="">Any system</option>
            {catalog.systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <input
            // Typed freely and read on blur; a chosen view with other tags remounts it with them.
            key={filter.tags?.join(',') ?? ''}
            aria-label="Tags"
            placeholder="Tags (comma separated)"
            defaultValue={filter.tags?.join(', ') ?? ''}
            onBlur={(e) => setFilter({ tags: e.target.value.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean) })}
          />
          <label>
            Created from <input type="date" value={toDate(filter.createdFrom)} onChange={(e) => setFilter({ createdFrom: dayStart(e.target.value) })} />
          </label>
          <label>
            to <input type="date" value={toDate(filter.createdTo)} onChange={(e) => setFilter({ createdTo: dayEnd(e.target.value) })} />
          </label>
          <label>
            Updated from <input type="date" value={toDate(filter.updatedFrom)} onChange={(e) => setFilter({ updatedFrom: dayStart(e.target.value) })} />
          </label>
          <label>
            to <input type="date" value={toDate(filter.updatedTo)} onChange={(e) => setFilter({ updatedTo: dayEnd(e.target.value) })} />
          </label>
        </div>
      </details>
    </div>
  );
}
