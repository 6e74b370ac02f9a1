import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { canMark } from '../../../../shared/training/attendance';
import { completionDateText } from '../../../../shared/training/completion';
import { overlapsFor } from '../../../../shared/training/overlap';
import type { PaperSize } from '../../../../shared/print/pageSetup';
import { attendeeDisplay, rosterRows } from '../../../../shared/training/roster';
import { seatCounts, waitlistOrder } from '../../../../shared/training/waitlist';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { EmptyState } from '../../ui/EmptyState';
import { AddAttendees } from './AddAttendees';
import { AttendanceRoster } from './AttendanceRoster';
import { PaperSelect } from '../../ui/print/PaperSelect';
import { attendanceSummaryDocument, certificateDocument, icsSession, signInSheetDocument } from './print-data';
import { placeText, STATUS_LABEL, whenText } from './session-text';
import { hasSessionDraft, SessionForm } from './SessionForm';
import { trainingHref } from './training-route';
import { PrintFeedbackLine, usePrint } from './usePrint';
import { ATTENDANCE_COLUMNS, attendanceExportRows } from '../../../../shared/training/attendance-export';
import { exportRows } from '../../platform/export-rows';
import { useNameOf, useNow, usePeople, useStaffIdentity, useTrainingRepos } from './useTraining';

/** One session: its details, roster and wait list, attendance at the door, and its printouts. */
export function SessionPage({ id }: { id: string }) {
  const repos = useTrainingRepos();
  const announce = useUi((s) => s.announce);
  const people = usePeople();
  const me = useStaffIdentity();
  const nameOf = useNameOf(people, me);
  const print = usePrint();
  const now = useNow();
  const [paper, setPaper] = useState<PaperSize>('Letter');
  // A session edit left unsaved comes back open.
  const [editing, setEditing] = useState(() => hasSessionDraft(id));
  const [issueCertificates, setIssueCertificates] = useState(true);
  const [actionMessage, setActionMessage] = useState<{ error: boolean; text: string } | null>(null);

  const data = useLiveQuery(async () => {
    const session = await repos.sessions.get(id);
    if (!session) return { session: null };
    const [course, courses, sessions, registrations, attendance, completions] = await Promise.all([
      repos.tables.courses.get(session.courseId),
      repos.courses.list(),
      repos.sessions.list(),
      repos.registrations.forSession(id),
      repos.attendance.forSession(id),
      repos.attendance.completions(id),
    ]);
    return { session, course, courses, sessions, registrations, attendance, completions };
  }, [repos, id]);

  const personLookup = useMemo(() => {
    const byId = new Map((people ?? []).map((p) => [p.id, p]));
    return { name: (pid: string) => byId.get(pid)?.name, agency: (pid: string) => byId.get(pid)?.agency, email: (pid: string) => byId.get(pid)?.email };
  }, [people]);

  if (!data || !people) return <p role="status">Loading the session…</p>;
  if (!data.session) {
    return (
      <EmptyState title="Session not found" action={<a href={trainingHref({ view: 'sessions' })}>Back to sessions</a>}>
        <p>It may have been deleted on another device.</p>
      </EmptyState>
    );
  }
  const { session, course, registrations, attendance, completions } = data;
  const title = course?.title ?? 'Removed course';
  const trainerNames = session.trainerIds.map(nameOf);
  const rows = rosterRows({ sessionId: id, registrations, attendance, people: personLookup, staffName: nameOf });
  const seats = seatCounts(session, registrations);
  const waiting = waitlistOrder(session, registrations);
  const overlaps = overlapsFor(session, data.sessions, nameOf);
  const firstRegistered = registrations.find((r) => r.status === 'registered');
  const probe = canMark(session, firstRegistered ?? { id: '', sessionId: id, attendee: { kind: 'walkIn', name: 'x', agency: '', email: '' }, status: 'registered', waitlistedAt: null, statusChangedAt: '' }, now);
  const closedReason = probe.ok ? null : probe.error.message;
  const registeredPersonIds = new Set(registrations.filter((r) => r.status !== 'cancelled' && r.attendee.kind === 'person').map((r) => (r.attendee.kind === 'person' ? r.attendee.personId : '')));

  const say = (error: boolean, text: string) => {
    setActionMessage({ error, text });
    announce(text);
  };

  const exportAttendance = async (format: 'xlsx' | 'csv') => {
    const res = await exportRows('attendance', format, attendanceExportRows(session, title, rows), { exportedBy: me?.name || 'FieldDesk user', scope: `Attendance: ${title}, ${whenText(session)}` }, ATTENDANCE_COLUMNS.map((c) => c.key));
    if (!res.ok) say(true, res.error.message);
    else if ('cancelled' in res.value) say(false, 'Attendance export cancelled.');
    else say(false, `Exported attendance of ${res.value.rows} people to ${res.value.path}`);
  };

  const setStatus = async (status: 'scheduled' | 'completed' | 'cancelled') => {
    if (status === 'cancelled' && !confirm(`Cancel the session “${title}” on ${whenText(session)}? Attendance can no longer be taken.`)) return;
    const res = await repos.sessions.setStatus(id, status);
    say(!res.ok, res.ok ? `Session ${STATUS_LABEL[status].toLowerCase()}.` : res.error.message);
  };

  const exportIcs = async () => {
    const res = await platform.training.exportIcs({ sessions: [icsSession(session, course, trainerNames)], calendarName: title });
    if (!res.ok) say(true, `Not exported: ${res.error.message}`);
    else if (!res.value.cancelled) say(false, `Saved the calendar file ${res.value.path.split(/[\\/]/).pop()}.`);
  };

  const recordCompletions = async () => {
    const res = await repos.attendance.recordCompletions(id, { issueCertificates });
    if (!res.ok) return say(true, res.error.message);
    say(false, `Completions recorded: ${res.value.created} added${res.value.removed ? `, ${res.value.removed} withdrawn` : ''}.`);
  };

  const certificateRecipients = completions.map((c) => {
    const reg = registrations.find((r) => r.id === c.registrationId);
    return {
      name: reg ? attendeeDisplay(reg.attendee, personLookup).name : 'Unknown attendee',
      completedOn: completionDateText(c.completedAt, session.timeZone),
      certificateNumber: c.certificateNumber,
    };
  });

  return (
    <article className="session-page" aria-labelledby="session-title">
      <p>
        <a href={trainingHref({ view: 'sessions' })}>← All sessions</a>
      </p>
      <header className="session-head panel">
        <div>
          <h2 id="session-title">{title}</h2>
          <p className="session-when">{whenText(session)}</p>
          <dl className="facts">
            <dt>Where</dt>
            <dd>
              {session.location || null}
              {session.onlineUrl ? (
                <>
                  {session.location ? ' · ' : null}
                  <a href={session.onlineUrl} onClick={(e) => (e.preventDefault(), void platform.app.openExternal({ url: session.onlineUrl }))}>
                    Join online
                  </a>
                </>
              ) : null}
              {!placeText(session) ? 'Not set' : null}
            </dd>
            <dt>{trainerNames.length > 1 ? 'Trainers' : 'Trainer'}</dt>
            <dd>{trainerNames.join(', ') || 'None assigned'}</dd>
            <dt>Seats</dt>
            <dd data-testid="seats">
              {seats.registered} of {session.capacity} taken
              {seats.overBy ? ` (${seats.overBy} over capacity)` : ''}
              {seats.waitlisted ? ` · ${seats.waitlisted} on the wait list` : ''}
            </dd>
            <dt>Status</dt>
            <dd>{STATUS_LABEL[session.status]}</dd>
            {course?.system ? (
              <>
                <dt>System</dt>
                <dd>{course.system}</dd>
              </>
            ) : null}
          </dl>
          {session.notes ? <p className="notes">{session.notes}</p> : null}
        </div>
        <div className="session-actions" role="group" aria-label="Session actions">
          <button type="button" onClick={() => setEditing(true)} disabled={editing}>
            Edit session
          </button>
          {session.status === 'scheduled' ? (
            <button type="button" onClick={() => void setStatus('completed')}>
              Mark completed
            </button>
          ) : (
            <button type="button" onClick={() => void setStatus('scheduled')}>
              Reopen
            </button>
          )}
          {session.status !== 'cancelled' ? (
            <button type="button" className="danger" onClick={() => void setStatus('cancelled')}>
              Cancel session
            </button>
          ) : null}
          <button type="button" onClick={() => void exportIcs()}>
            Add to calendar (.ics)
          </button>
        </div>
      </header>
      {actionMessage ? (
        <p role={actionMessage.error ? 'alert' : 'status'} className={actionMessage.error ? 'form-error' : 'ok-text'}>
          {actionMessage.text}
        </p>
      ) : null}
      {overlaps.length > 0 ? (
        <div className="warning" role="status" aria-label="Scheduling warnings">
          {overlaps.map((w) => (
            <p key={w.sessionIds.join()}>
              {w.message}{' '}
              <a href={trainingHref({ view: 'session', id: w.sessionIds.find((s) => s !== id)! })}>Open the other session</a>
            </p>
          ))}
        </div>
      ) : null}
      {editing ? (
        <SessionForm
          initial={session}
          courses={data.courses}
          people={people}
          sessions={data.sessions}
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            const res = await repos.sessions.update(id, input);
            if (res.ok) {
              setEditing(false);
              say(false, `Session saved.${res.value.promoted ? ` ${res.value.promoted} moved up from the wait list.` : ''}`);
            }
            return res;
          }}
        />
      ) : null}

      {session.status !== 'cancelled' ? (
        <AddAttendees
          sessionId={id}
          people={people}
          registeredPersonIds={registeredPersonIds}
          register={(attendee, options) => repos.registrations.register(id, attendee, options)}
        />
      ) : null}

      <section className="panel" aria-labelledby="roster-title">
        <h2 id="roster-title">
          Roster and attendance <span className="muted small">({rows.length} registered)</span>
        </h2>
        <AttendanceRoster
          rows={rows}
          timeZone={session.timeZone}
          closedReason={closedReason}
          onMark={async (row, mark) => {
            if (!me) return;
            const res = await repos.attendance.mark({ registrationId: row.registrationId, mark, takenBy: me.id });
            if (!res.ok) say(true, `${row.name}: ${res.error.message}`);
            else announce(`${row.name}: ${mark}`);
          }}
          onCancel={async (row) => {
            const res = await repos.registrations.cancel(row.registrationId);
            if (!res.ok) return say(true, res.error.message);
            const moved = res.value.promoted.map((r) => attendeeDisplay(r.attendee, personLookup).name);
            say(false, `Cancelled ${row.name}'s registration.${moved.length ? ` ${moved.join(', ')} moved up from the wait list.` : ''}`);
          }}
        />
      </section>

      {waiting.length > 0 ? (
        <section className="panel" aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">Wait list</h2>
          <ol className="waitlist">
            {waiting.map((r) => {
              const who = attendeeDisplay(r.attendee, personLookup).name;
              return (
                <li key={r.id}>
                  {who}
                  <button
                    type="button"
                    onClick={async () => {
                      const res = await repos.registrations.seat(r.id);
                      say(!res.ok, res.ok ? `${who} is seated.` : res.error.message);
                    }}
                  >
                    Seat now
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${who} from the wait list`}
                    onClick={async () => {
                      const res = await repos.registrations.cancel(r.id);
                      say(!res.ok, res.ok ? `${who} left the wait list.` : res.error.message);
                    }}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}

      <section className="panel print-panel" aria-labelledby="print-title">
        <h2 id="print-title">Print</h2>
        <div className="toolbar wrap">
          <PaperSelect value={paper} onChange={setPaper} />
          <button type="button" className="primary" onClick={() => void print.toPdf('sign-in sheet', signInSheetDocument(session, course, rows, trainerNames), paper)}>
            Sign-in sheet (PDF)
          </button>
          <button type="button" onClick={() => void print.toPrinter('sign-in sheet', signInSheetDocument(session, course, rows, trainerNames), paper)}>
            Print sign-in sheet…
          </button>
          <button type="button" onClick={() => void print.toPdf('attendance summary', attendanceSummaryDocument(session, course, rows, trainerNames), paper)}>
            Attendance summary (PDF)
          </button>
          <button type="button" onClick={() => void exportAttendance('xlsx')}>
            Attendance (Excel)
          </button>
          <button type="button" onClick={() => void exportAttendance('csv')}>
            Attendance (CSV)
          </button>
        </div>
        <div className="toolbar wrap">
          <label className="check">
            <input type="checkbox" checked={issueCertificates} onChange={(e) => setIssueCertificates(e.target.checked)} />
            Issue certificate numbers
          </label>
          <button type="button" onClick={() => void recordCompletions()}>
            Record completions
          </button>
          <button
            type="button"
            disabled={certificateRecipients.length === 0}
            onClick={() => void print.toPdf('certificates', certificateDocument(course, certificateRecipients, trainerNames), paper)}
          >
            Certificates (PDF){certificateRecipients.length ? ` · ${certificateRecipients.length}` : ''}
          </button>
        </div>
        <PrintFeedbackLine feedback={print.feedback} />
      </section>
    </article>
  );
}
