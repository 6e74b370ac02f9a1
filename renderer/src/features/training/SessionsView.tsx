import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { seatCounts } from '../../../../shared/training/waitlist';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { EmptyState } from '../../ui/EmptyState';
import { icsSession } from './print-data';
import { isPast, placeText, STATUS_LABEL, whenText } from './session-text';
import { hasSessionDraft, SessionForm } from './SessionForm';
import { goTo, trainingHref } from './training-route';
import { usePeople, useTrainingRepos } from './useTraining';

/** Every session, soonest first, with seats and the wait list at a glance. */
export function SessionsView() {
  const repos = useTrainingRepos();
  const announce = useUi((s) => s.announce);
  const people = usePeople();
  const data = useLiveQuery(async () => {
    const [sessions, courses, registrations] = await Promise.all([repos.sessions.list(), repos.courses.list(), repos.tables.registrations.toArray()]);
    return { sessions, courses, registrations: registrations.filter((r) => !r.deleted) };
  }, [repos]);
  // A new session left unsaved comes back open.
  const [scheduling, setScheduling] = useState(() => hasSessionDraft(undefined));
  const [showPast, setShowPast] = useState(false);
  const [exportMessage, setExportMessage] = useState<{ error: boolean; text: string } | null>(null);

  const courseById = useMemo(() => new Map((data?.courses ?? []).map((c) => [c.id, c])), [data]);
  const names = useMemo(() => new Map((people ?? []).map((p) => [p.id, p.name])), [people]);
  if (!data || !people) return <p role="status">Loading sessions…</p>;

  const shown = data.sessions.filter((s) => showPast || !isPast(s));
  const hiddenPast = data.sessions.length - shown.length;

  const exportAll = async () => {
    const upcoming = shown.filter((s) => s.status !== 'cancelled');
    const res = await platform.training.exportIcs({
      sessions: upcoming.map((s) => icsSession(s, courseById.get(s.courseId), s.trainerIds.map((id) => names.get(id) ?? '').filter(Boolean))),
      calendarName: 'FieldDesk training',
      defaultName: 'Training sessions',
    });
    if (!res.ok) setExportMessage({ error: true, text: `Nothing was exported: ${res.error.message}` });
    else if (!res.value.cancelled) {
      setExportMessage({ error: false, text: `Exported ${res.value.events} session${res.value.events === 1 ? '' : 's'} to ${res.value.path.split(/[\\/]/).pop()}.` });
      announce('Calendar file saved');
    }
  };

  return (
    <section aria-label="Sessions">
      <div className="toolbar view-toolbar">
        <button type="button" className="primary" onClick={() => setScheduling(true)} disabled={scheduling}>
          Schedule a session
        </button>
        <button type="button" onClick={exportAll} disabled={shown.every((s) => s.status === 'cancelled')}>
          Export to calendar (.ics)
        </button>
        <label className="check">
          <input type="checkbox" checked={showPast} onChange={(e) => setShowPast(e.target.checked)} />
          Show past sessions{hiddenPast > 0 && !showPast ? ` (${hiddenPast})` : ''}
        </label>
      </div>
      {exportMessage ? (
        <p role={exportMessage.error ? 'alert' : 'status'} className={exportMessage.error ? 'form-error' : 'ok-text'}>
          {exportMessage.text}
        </p>
      ) : null}
      {scheduling ? (
        data.courses.length === 0 ? (
          <div className="panel" role="alert">
            <p>Sessions are runs of a course. Add a course to the library first.</p>
            <a href={trainingHref({ view: 'courses' })}>Go to the course library</a>
          </div>
        ) : (
          <SessionForm
            courses={data.courses}
            people={people}
            sessions={data.sessions}
            onCancel={() => setScheduling(false)}
            onSubmit={async (input) => {
              const res = await repos.sessions.create(input);
              if (res.ok) {
                announce(res.value.warnings.length ? `Session scheduled, with a warning: ${res.value.warnings[0]!.message}` : 'Session scheduled');
                goTo({ view: 'session', id: res.value.session.id });
              }
              return res;
            }}
          />
        )
      ) : null}
      {data.sessions.length === 0 && !scheduling ? (
        <EmptyState
          title="No training sessions yet"
          action={
            <button type="button" className="primary" onClick={() => setScheduling(true)}>
              Schedule the first session
            </button>
          }
        >
          <p>Schedule a run of a course: when and where, who trains, and how many seats. Rosters, attendance and printed sign-in sheets follow from it.</p>
        </EmptyState>
      ) : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" aria-label="Training sessions">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Course</th>
                <th scope="col">Where</th>
                <th scope="col">Trainers</th>
                <th scope="col">Seats</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => {
                const seats = seatCounts(s, data.registrations);
                const course = courseById.get(s.courseId);
                return (
                  <tr key={s.id} className={s.status === 'cancelled' ? 'is-cancelled' : undefined}>
                    <td>
                      <a href={trainingHref({ view: 'session', id: s.id })}>{whenText(s)}</a>
                    </td>
                    <td>{course ? `${course.title} (${course.system})` : 'Removed course'}</td>
                    <td>{placeText(s)}</td>
                    <td>{s.trainerIds.map((id) => names.get(id) ?? 'Unknown').join(', ')}</td>
                    <td>
                      {seats.registered} of {s.capacity}
                      {seats.waitlisted ? `, ${seats.waitlisted} waiting` : ''}
                    </td>
                    <td>{STATUS_LABEL[s.status]}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {data.sessions.length > 0 && shown.length === 0 ? <p className="muted">No upcoming sessions. Tick “Show past sessions” to see earlier ones.</p> : null}
    </section>
  );
}
