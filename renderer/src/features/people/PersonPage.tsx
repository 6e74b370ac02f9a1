import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Person } from '../../../../shared/people/schema';
import { effectiveMarks, type AttendanceRecord } from '../../../../shared/training/attendance';
import type { Completion } from '../../../../shared/training/completion';
import type { Course } from '../../../../shared/training/course';
import type { Registration } from '../../../../shared/training/registration';
import type { Session } from '../../../../shared/training/session';
import { LABELS } from '../../../../shared/tickets/enums';
import type { Ticket } from '../../../../shared/tickets/schema';
import { useData } from '../../app/data-context';
import { EmptyState } from '../../ui/EmptyState';
import { MARK_LABEL } from '../training/AttendanceRoster';
import { STATUS_LABEL, whenText } from '../training/session-text';
import { trainingHref } from '../training/training-route';
import { PersonAccess } from '../access/PersonAccess';

const REGISTRATION_LABEL: Record<Registration['status'], string> = { invited: 'Invited', registered: 'Registered', waitlisted: 'Wait-listed', cancelled: 'Cancelled' };
const byUpdated = (a: Ticket, b: Ticket) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);
const ticketHref = (id: string) => `#/tickets/${encodeURIComponent(id)}`;

/** Everything the directory knows a person by: their tickets (asked for, and assigned), their training and their access. */
export function PersonPage({ id }: { id: string }) {
  const { db } = useData();
  const data = useLiveQuery(async () => {
    const person = (await db.people.get(id)) as Person | undefined;
    if (!person) return { person: null } as const;
    const tickets = db.table<Ticket, string>('tickets');
    const [requested, assigned, registrations, allSessions, completions] = await Promise.all([
      tickets.where('requesterId').equals(id).toArray(),
      tickets.where('[assigneeKey+status]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray(),
      // Registrations are indexed by session, not attendee: a directory's worth is read and filtered.
      db.table<Registration, string>('registrations').filter((r) => r.attendee.kind === 'person' && r.attendee.personId === id && !r.deleted).toArray(),
      db.table<Session, string>('sessions').toArray(),
      db.table<Completion, string>('completions').filter((c) => c.personId === id && !c.deleted).toArray(),
    ]);
    const attendance = registrations.length ? await db.table<AttendanceRecord, string>('attendance').where('registrationId').anyOf(registrations.map((r) => r.id)).toArray() : [];
    const marks = effectiveMarks(attendance);
    const sessions = new Map(allSessions.map((s) => [s.id, s]));
    const training = allSessions.filter((s) => !s.deleted && s.trainerIds.includes(id));
    const courseIds = [...new Set([...registrations.map((r) => sessions.get(r.sessionId)?.courseId ?? ''), ...completions.map((c) => c.courseId), ...training.map((s) => s.courseId)].filter(Boolean))];
    const courses = new Map((await db.table<Course, string>('courses').bulkGet(courseIds)).filter((c) => c !== undefined).map((c) => [c.id, c.title]));
    const otherPeople = [...new Set(assigned.concat(requested).flatMap((t) => [t.requesterId, t.assigneeId ?? '']).filter((x) => x && x !== id))];
    const names = new Map((await db.people.bulkGet(otherPeople)).filter((p) => p !== undefined).map((p) => [p.id, p.name]));
    return {
      person,
      requested: requested.filter((t) => !t.deleted).sort(byUpdated),
      assigned: assigned.filter((t) => !t.deleted).sort(byUpdated),
      registrations: registrations
        .map((r) => ({ r, session: sessions.get(r.sessionId), mark: marks.get(r.id)?.mark ?? null }))
        .sort((a, b) => ((a.session?.startLocal ?? '') < (b.session?.startLocal ?? '') ? 1 : -1)),
      completions: completions.sort((a, b) => (a.completedAt < b.completedAt ? 1 : -1)),
      training,
      courses,
      names,
    };
  }, [db, id]);

  if (data === undefined) return <p role="status">Opening…</p>;
  const back = (
    <nav aria-label="Breadcrumb" className="crumbs">
      <a href="#/people">← People</a>
    </nav>
  );
  if (data.person === null)
    return (
      <div className="screen">
        {back}
        <EmptyState title="Person not found" action={<a href="#/people">Back to people</a>}>
          <p>They may have been removed from the directory, or not have reached this device yet.</p>
        </EmptyState>
      </div>
    );
  const p = data.person;
  const course = (cid: string) => data.courses.get(cid) ?? 'A course not on this device';
  const who = (pid: string | null) => (!pid ? 'Nobody' : pid === p.id ? p.name : (data.names.get(pid) ?? 'Someone not in the directory'));

  const ticketTable = (label: string, rows: Ticket[], other: 'requester' | 'assignee', empty: string) =>
    rows.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">{other === 'assignee' ? 'Assignee' : 'Requester'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id}>
              <td className="mono">
                <a href={ticketHref(t.id)}>{t.number}</a>
              </td>
              <td>{t.title}</td>
              <td>
                {LABELS.status[t.status]}
                {t.pendingReason ? ` · ${LABELS.pendingReason[t.pendingReason]}` : ''}
              </td>
              <td>{who(other === 'assignee' ? t.assigneeId : t.requesterId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );

  return (
    <div className="screen person-page">
      {back}
      <header className="screen-header">
        <h1>{p.name}</h1>
      </header>
      <p className="muted">
        {[p.kind === 'staff' ? 'Staff' : 'Requester', p.title, p.agency, p.site].filter(Boolean).join(' · ')}
        {p.email ? (
          <>
            {' · '}
            <a href={`mailto:${p.email}`}>{p.email}</a>
          </>
        ) : null}
        {p.phone ? ` · ${p.phone}` : ''}
      </p>

      <section className="panel" aria-labelledby="person-tickets">
        <h2 id="person-tickets">Tickets</h2>
        <h3>Asked for ({data.requested.length})</h3>
        {ticketTable('Tickets they asked for', data.requested, 'assignee', 'No tickets requested by them on this device.')}
        <h3>Assigned to them ({data.assigned.length})</h3>
        {ticketTable('Tickets assigned to them', data.assigned, 'requester', 'No tickets assigned to them on this device.')}
      </section>

      <section className="panel" aria-labelledby="person-training">
        <h2 id="person-training">Training</h2>
        <h3>Sessions ({data.registrations.length})</h3>
        {data.registrations.length === 0 ? (
          <p className="muted">Not registered for any session on this device.</p>
        ) : (
          <table className="data-table" aria-label="Their training sessions">
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">When</th>
                <th scope="col">Registration</th>
                <th scope="col">Attendance</th>
              </tr>
            </thead>
            <tbody>
              {data.registrations.map(({ r, session, mark }) => (
                <tr key={r.id}>
                  <td>{session ? <a href={trainingHref({ view: 'session', id: session.id })}>{course(session.courseId)}</a> : 'A session not on this device'}</td>
                  <td>{session ? `${whenText(session)}${session.status !== 'scheduled' ? ` (${STATUS_LABEL[session.status].toLowerCase()})` : ''}` : ''}</td>
                  <td>{REGISTRATION_LABEL[r.status]}</td>
                  <td>{mark ? MARK_LABEL[mark] : 'Not marked'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Completions ({data.completions.length})</h3>
        {data.completions.length === 0 ? (
          <p className="muted">No courses completed on this device.</p>
        ) : (
          <ul aria-label="Courses completed">
            {data.completions.map((c) => (
              <li key={c.id}>
                <a href={trainingHref({ view: 'session', id: c.sessionId })}>{course(c.courseId)}</a>, completed {new Date(c.completedAt).toLocaleDateString()}
                {c.certificateNumber ? ` · certificate ${c.certificateNumber}` : ''}
              </li>
            ))}
          </ul>
        )}
        {data.training.length > 0 ? (
          <>
            <h3>Sessions they train ({data.training.length})</h3>
            <ul aria-label="Sessions they train">
              {data.training.map((s) => (
                <li key={s.id}>
                  <a href={trainingHref({ view: 'session', id: s.id })}>{course(s.courseId)}</a>, {whenText(s)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <PersonAccess personId={p.id} />
    </div>
  );
}
