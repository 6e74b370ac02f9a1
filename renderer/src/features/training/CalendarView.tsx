import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { Course } from '../../../../shared/training/course';
import type { Session } from '../../../../shared/training/session';
import { EmptyState } from '../../ui/EmptyState';
import { addDays, addMonths, byDay, dayTitle, monthGrid, monthTitle, shortDay, today, WEEKDAYS, weekOf, type CalendarMode } from './calendar';
import { placeText, startText, timeText } from './session-text';
import { trainingHref } from './training-route';
import { useTrainingRepos } from './useTraining';

const AGENDA_DAYS = 60;

function SessionChip({ s, course, long }: { s: Session; course: Course | undefined; long?: boolean }) {
  const title = course?.title ?? 'Removed course';
  return (
    <a className={`cal-session${s.status === 'cancelled' ? ' is-cancelled' : ''}`} href={trainingHref({ view: 'session', id: s.id })} title={`${title} · ${timeText(s)}`}>
      <span className="cal-time">{long ? timeText(s) : startText(s)}</span> {title}
      {long ? <span className="muted"> · {placeText(s)}</span> : null}
      {s.status === 'cancelled' ? <span className="muted"> (cancelled)</span> : null}
    </a>
  );
}

/** Sessions by month, week, or as an agenda of the coming weeks. */
export function CalendarView() {
  const repos = useTrainingRepos();
  const data = useLiveQuery(async () => ({ sessions: await repos.sessions.list(), courses: await repos.courses.list() }), [repos]);
  const [mode, setMode] = useState<CalendarMode>('month');
  const [cursor, setCursor] = useState(() => today());
  const days = useMemo(() => byDay(data?.sessions ?? []), [data]);
  const courses = useMemo(() => new Map((data?.courses ?? []).map((c) => [c.id, c])), [data]);
  if (!data) return <p role="status">Loading the calendar…</p>;

  const now = today();
  const step = (n: number) => setCursor((c) => (mode === 'month' ? addMonths(c, n) : addDays(c, n * (mode === 'week' ? 7 : AGENDA_DAYS))));
  const week = weekOf(cursor);
  const title = mode === 'month' ? monthTitle(cursor) : mode === 'week' ? `Week of ${shortDay(week[0]!)}` : `From ${shortDay(cursor)}`;
  const agendaDays = [...days.keys()].filter((d) => d >= cursor && d < addDays(cursor, AGENDA_DAYS));

  return (
    <section aria-label="Calendar">
      <div className="toolbar view-toolbar">
        <div role="group" aria-label="Calendar view" className="segmented">
          {(['month', 'week', 'agenda'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'month' ? 'Month' : m === 'week' ? 'Week' : 'Agenda'}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => step(-1)} aria-label={`Previous ${mode === 'agenda' ? 'period' : mode}`}>
          ‹
        </button>
        <button type="button" onClick={() => setCursor(now)}>
          Today
        </button>
        <button type="button" onClick={() => step(1)} aria-label={`Next ${mode === 'agenda' ? 'period' : mode}`}>
          ›
        </button>
        <h2 className="cal-title" aria-live="polite">
          {title}
        </h2>
      </div>
      {data.sessions.length === 0 ? (
        <EmptyState title="Nothing on the calendar" action={<a href={trainingHref({ view: 'sessions' })}>Schedule a session</a>}>
          <p>Scheduled sessions appear here by the day they meet, in the time zone where they meet.</p>
        </EmptyState>
      ) : null}
      {mode === 'month' ? (
        <table className="cal-month" aria-label={monthTitle(cursor)}>
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
            {monthGrid(cursor).map((w) => (
              <tr key={w[0]}>
                {w.map((d) => (
                  <td key={d} className={`${d.slice(0, 7) !== cursor.slice(0, 7) ? 'other-month' : ''}${d === now ? ' is-today' : ''}`} aria-label={dayTitle(d)}>
                    <span className="cal-day" aria-hidden="true">
                      {Number(d.slice(8))}
                    </span>
                    {(days.get(d) ?? []).map((s) => (
                      <SessionChip key={s.id} s={s} course={courses.get(s.courseId)} />
                    ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mode === 'week' ? (
        <ol className="cal-week" aria-label={title}>
          {week.map((d) => (
            <li key={d} className={d === now ? 'is-today' : undefined}>
              <h3>{shortDay(d)}</h3>
              {(days.get(d) ?? []).map((s) => (
                <SessionChip key={s.id} s={s} course={courses.get(s.courseId)} long />
              ))}
              {(days.get(d) ?? []).length === 0 ? <p className="muted">No sessions</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {mode === 'agenda' ? (
        agendaDays.length === 0 ? (
          <p className="muted">No sessions in the {AGENDA_DAYS} days from {shortDay(cursor)}.</p>
        ) : (
          <ol className="cal-agenda" aria-label="Agenda">
            {agendaDays.map((d) => (
              <li key={d}>
                <h3>{dayTitle(d)}</h3>
                <ul>
                  {days.get(d)!.map((s) => (
                    <li key={s.id}>
                      <SessionChip s={s} course={courses.get(s.courseId)} long />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
