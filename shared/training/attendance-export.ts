import type { ColumnDef } from '../export/columns';
import type { AttendanceMark } from './attendance';
import type { RosterRow } from './roster';
import type { Session } from './session';
import { zonedToEpoch } from './zonedTime';

const col = (key: string, header: string, type: ColumnDef['type'], width: number): ColumnDef => ({ key, header, type, width });

/** Columns of a session's attendance as a spreadsheet. */
export const ATTENDANCE_COLUMNS: readonly ColumnDef[] = [
  col('course', 'Course', 'text', 30),
  col('sessionStart', 'Session start', 'datetime', 17),
  col('location', 'Location', 'text', 24),
  col('name', 'Name', 'text', 24),
  col('agency', 'Agency/Court', 'text', 24),
  col('email', 'Email', 'text', 26),
  col('walkIn', 'Walk-in', 'boolean', 9),
  col('mark', 'Attendance', 'text', 12),
  col('takenBy', 'Taken by', 'text', 20),
  col('markedAt', 'Marked at', 'datetime', 17),
];

/** Marks as the roster says them: the export writes what people see on screen, not codes. */
export const MARK_WORDS: Record<AttendanceMark, string> = { present: 'Present', late: 'Late', excused: 'Excused', absent: 'Absent' };

/** One spreadsheet row per registered attendee, with the session's own facts repeated so rows stand alone. */
export function attendanceExportRows(session: Pick<Session, 'startLocal' | 'timeZone' | 'location' | 'onlineUrl'>, courseTitle: string, rows: readonly RosterRow[]): Record<string, unknown>[] {
  const start = zonedToEpoch(session.startLocal, session.timeZone);
  const sessionStart = start.ok ? new Date(start.value).toISOString() : null;
  return rows.map((r) => ({
    course: courseTitle,
    sessionStart,
    location: session.location || session.onlineUrl,
    name: r.name,
    agency: r.agency,
    email: r.email,
    walkIn: r.walkIn,
    mark: r.mark ? MARK_WORDS[r.mark] : 'Not marked',
    takenBy: r.takenBy,
    markedAt: r.at || null,
  }));
}
