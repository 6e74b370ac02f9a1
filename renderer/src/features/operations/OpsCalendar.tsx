import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useData } from '../../app/data-context';
import { resolveActor } from '../../data/repositories/tickets';
import type { ReportDefinition } from '../../../../shared/inform/report';
import { EmptyState } from '../../ui/EmptyState';
import { addDays, addMonths, dayTitle, monthGrid, monthTitle, shortDay, today, WEEKDAYS, weekOf } from '../training/calendar';
import { calendarItems, forSystem, itemsByDay, KIND_LABELS, type CalendarItem } from './calendar-items';
import { opsHref } from './ops-route';
import { useNames, useOpsRepos } from './useOps';

// One formatter for every chip: making an Intl.DateTimeFormat costs far more than formatting with one (a month of
// 2,000 items spent most of its render making them).
const timeFormat = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
const time = (ms: number) => timeFormat.format(ms);

function Chip({ it }: { it: CalendarItem }) {
  const text = (
    <>
      <span className="cal-time">{time(it.at)}</span> <span className="visually-hidden">{KIND_LABELS[it.kind]}: </span>
      {it.label}
      {it.alert ? <strong className="ops-alert"> · {it.alert}</strong> : null}
    </>
  );
  const cls = `ops-chip ops-${it.kind}${it.alert ? ' has-alert' : ''}`;
  return it.href ? (
    <a className={cls} href={it.href} title={`${KIND_LABELS[it.kind]}: ${it.label}`}>
      {text}
    </a>
  ) : (
    <span className={cls} title={`${KIND_LABELS[it.kind]}: ${it.label}`}>
      {text}
    </span>
  );
}

/**
 * How many items a day of the month shows; the rest are behind "+N more", which opens that day's week (where
 * every item is listed). A busy month (2,000 items, some days 70) was otherwise a page of thousands of chips:
 * unreadable, and most of its first-screen time was laying them out.
 */
export const MONTH_DAY_MAX = 6;

function MoreOnDay({ items, day, onShow }: { items: readonly CalendarItem[]; day: string; onShow: () => void }) {
  const hidden = items.slice(MONTH_DAY_MAX);
  if (hidden.length === 0) return null;
  const alerts = hidden.filter((it) => it.alert).length;
  const label = `${hidden.length} more on ${dayTitle(day)}${alerts ? `, ${alerts} needing attention` : ''}: show the week`;
  return (
    <button type="button" className="ops-more" onClick={onShow} aria-label={label} title={label}>
      +{hidden.length} more{alerts ? <strong className="ops-alert"> · {alerts} ⚠</strong> : null}
    </button>
  );
}

/** Month and week calendar of occurrences (made and planned), output runs, windows, freezes and changes. */
export function OpsCalendar() {
  const repos = useOpsRepos();
  const { db } = useData();
  const t = repos.tables;
  const data = useLiveQuery(async () => {
    const [schedules, occurrences, windows, changes, runs, jobs, calendars] = await Promise.all([
      t.schedules.toArray(),
      t.occurrences.toArray(),
      t.windows.toArray(),
      t.changes.toArray(),
      t.runs.toArray(),
      t.jobs.toArray(),
      repos.tickets.tables.calendars.toArray(),
    ]);
    // The user's saved status reports that repeat (read before the actor, so the live query watches the table).
    const definitions = (await db.table('reportDefinitions').toArray()) as ReportDefinition[];
    const actor = await resolveActor(db);
    const mine = new Set([actor.id, ...(actor.ids ?? [])]);
    const reports = definitions.filter((d) => !d.deleted && d.repeat && mine.has(d.ownerId));
    return { schedules, occurrences, windows, changes, runs, jobs, reports, calendars: new Map(calendars.map((c) => [c.id, c])) };
  }, [repos, db]);
  const names = useNames();
  // The calendar of one system: its maintenance, runs, windows, freezes and changes.
  const [systemId, setSystemId] = useState('');
  const [mode, setMode] = useState<'month' | 'week'>('month');
  const [cursor, setCursor] = useState(() => today());
  const [nowMs] = useState(() => Date.now());
  const grid = mode === 'month' ? monthGrid(cursor) : [weekOf(cursor)];
  const from = grid[0]![0]!;
  const to = grid.at(-1)!.at(-1)!;
  const days = data ? itemsByDay(calendarItems(forSystem(data, systemId || null), from, to, nowMs)) : new Map<string, CalendarItem[]>();
  if (!data) return <p role="status">Loading the calendar…</p>;
  const now = today();
  const showWeekOf = (d: string) => {
    setMode('week');
    setCursor(d);
  };
  const step = (n: number) => setCursor((c) => (mode === 'month' ? addMonths(c, n) : addDays(c, n * 7)));
  const title = mode === 'month' ? monthTitle(cursor) : `Week of ${shortDay(grid[0]![0]!)}`;
  const empty = data.schedules.length + data.windows.length + data.changes.length + data.runs.length + data.reports.length === 0;

  return (
    <section aria-label="Calendar">
      <div className="toolbar view-toolbar">
        <div role="group" aria-label="Calendar view" className="segmented">
          {(['month', 'week'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'month' ? 'Month' : 'Week'}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => step(-1)} aria-label={`Previous ${mode}`}>
          ‹
        </button>
        <button type="button" onClick={() => setCursor(now)}>
          Today
        </button>
        <button type="button" onClick={() => step(1)} aria-label={`Next ${mode}`}>
          ›
        </button>
        {names && names.systems.length > 0 ? (
          <label>
            System{' '}
            <select value={systemId} onChange={(e) => setSystemId(e.target.value)}>
              <option value="">All systems</option>
              {names.systems.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <h2 className="cal-title" aria-live="polite">
          {title}
        </h2>
      </div>
      <p className="ops-legend muted">
        {(['maintenance', 'planned', 'run', 'window', 'freeze', 'change', 'report'] as const).map((k) => (
          <span key={k} className={`ops-chip ops-${k}`}>
            {KIND_LABELS[k]}
          </span>
        ))}
      </p>
      {empty ? (
        <EmptyState title="Nothing scheduled yet" action={<a href={opsHref({ view: 'schedule', id: 'new' })}>Add a schedule</a>}>
          <p>Maintenance schedules, output runs, maintenance windows, freezes and planned changes appear here by day.</p>
        </EmptyState>
      ) : null}
      {mode === 'month' ? (
        <table className="cal-month ops-month" aria-label={monthTitle(cursor)}>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col" abbr={d}>
                  {d.slice(0, 3)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((w) => (
              <tr key={w[0]}>
                {w.map((d) => (
                  <td key={d} className={`${d.slice(0, 7) !== cursor.slice(0, 7) ? 'other-month' : ''}${d === now ? ' is-today' : ''}`} aria-label={dayTitle(d)}>
                    <span className="cal-day" aria-hidden="true">
                      {Number(d.slice(8))}
                    </span>
                    {(days.get(d) ?? []).slice(0, MONTH_DAY_MAX).map((it) => (
                      <Chip key={it.key} it={it} />
                    ))}
                    <MoreOnDay items={days.get(d) ?? []} day={d} onShow={() => showWeekOf(d)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ol className="cal-week" aria-label={title}>
          {grid[0]!.map((d) => (
            <li key={d} className={d === now ? 'is-today' : undefined}>
              <h3>{shortDay(d)}</h3>
              {(days.get(d) ?? []).map((it) => (
                <Chip key={it.key} it={it} />
              ))}
              {(days.get(d) ?? []).length === 0 ? <p className="muted">Nothing</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
