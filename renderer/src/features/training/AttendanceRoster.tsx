import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { ATTENDANCE_MARKS, type AttendanceMark } from '../../../../shared/training/attendance';
import { MARK_WORDS } from '../../../../shared/training/attendance-export';
import type { RosterRow } from '../../../../shared/training/roster';

/** One list of the marks' words, shared with the attendance export. */
export const MARK_LABEL: Record<AttendanceMark, string> = MARK_WORDS;
const MARK_KEY: Record<string, AttendanceMark> = { p: 'present', l: 'late', e: 'excused', a: 'absent' };

const timeOf = (at: string, timeZone: string) =>
  at ? new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(at)) : '';

/**
 * The roster with attendance, made for the door: type part of a name and
 * press Enter to mark the first match present; or move with ↑ ↓ and press
 * P, L, E or A on a row. Every mark is a new record (corrections included).
 */
export function AttendanceRoster({
  rows,
  timeZone,
  closedReason,
  onMark,
  onCancel,
}: {
  rows: RosterRow[];
  timeZone: string;
  /** Why attendance cannot be taken now (too early, cancelled), or null. */
  closedReason: string | null;
  onMark: (row: RosterRow, mark: AttendanceMark) => Promise<void>;
  onCancel: (row: RosterRow) => Promise<void>;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const table = useRef<HTMLTableElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const q = query.trim().toLowerCase();
  const shown = q ? rows.filter((r) => `${r.name} ${r.agency} ${r.email}`.toLowerCase().includes(q)) : rows;

  const focusCell = (rowIndex: number, mark: AttendanceMark) => {
    const i = Math.max(0, Math.min(shown.length - 1, rowIndex));
    table.current?.querySelector<HTMLButtonElement>(`tr[data-row="${i}"] button[data-mark="${mark}"]`)?.focus();
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && shown[0] && !closedReason) {
      e.preventDefault();
      void onMark(shown[0], 'present');
      // Ready for the next person in the line.
      setQuery('');
    } else if (e.key === 'ArrowDown' && shown.length) {
      e.preventDefault();
      focusCell(0, 'present');
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: RosterRow, index: number) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const current = (document.activeElement as HTMLElement | null)?.dataset.mark as AttendanceMark | undefined;
    const key = e.key.toLowerCase();
    if (MARK_KEY[key] && !closedReason) {
      e.preventDefault();
      void onMark(row, MARK_KEY[key]);
      focusCell(index, MARK_KEY[key]);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (e.key === 'ArrowUp' && index === 0) search.current?.focus();
      else focusCell(index + (e.key === 'ArrowDown' ? 1 : -1), current ?? 'present');
    } else if (e.key === '/') {
      e.preventDefault();
      search.current?.focus();
    }
  };

  return (
    <div className="roster">
      <div className="field roster-find">
        <label htmlFor={`${id}-find`}>Find on the roster</label>
        <input
          id={`${id}-find`}
          ref={search}
          type="search"
          value={query}
          placeholder="Type a name, then Enter marks them present"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
          aria-describedby={`${id}-keys`}
          // Only while the table is there: an empty roster has none, and a reference to nothing is invalid ARIA.
          aria-controls={shown.length > 0 ? `${id}-table` : undefined}
        />
        <p className="field-hint" id={`${id}-keys`}>
          Enter: first match present. ↓ then <kbd>P</kbd> present, <kbd>L</kbd> late, <kbd>E</kbd> excused, <kbd>A</kbd> absent; ↑ ↓ move; <kbd>/</kbd> back to search.
        </p>
      </div>
      {closedReason ? (
        <p className="warning" role="status">
          {closedReason}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">No one is registered yet. Add people from the directory or walk-ins above.</p> : null}
      {rows.length > 0 && shown.length === 0 ? <p className="muted">No one on the roster matches “{query}”.</p> : null}
      {shown.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table roster-table" aria-label="Roster and attendance" id={`${id}-table`} ref={table}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Agency or office</th>
                <th scope="col">Attendance</th>
                <th scope="col">Mark</th>
                <th scope="col">
                  <span className="visually-hidden">Registration</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r, i) => (
                <tr key={r.registrationId} data-row={i} onKeyDown={(e) => onRowKey(e, r, i)}>
                  <th scope="row">
                    {r.name}
                    {r.walkIn ? <span className="tag">walk-in</span> : null}
                  </th>
                  <td>{r.agency}</td>
                  <td className={`mark-cell mark-${r.mark ?? 'none'}`} data-testid="mark">
                    {r.mark ? MARK_LABEL[r.mark] : 'Not marked'}
                    {r.mark ? (
                      <span className="muted small">
                        {' '}
                        · {r.takenBy} {timeOf(r.at, timeZone)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <div className="mark-buttons" role="group" aria-label={`Attendance for ${r.name}`}>
                      {ATTENDANCE_MARKS.map((m) => (
                        <button
                          key={m}
                          type="button"
                          data-mark={m}
                          aria-pressed={r.mark === m}
                          aria-keyshortcuts={m[0]!.toUpperCase()}
                          aria-label={`${MARK_LABEL[m]}: ${r.name}`}
                          disabled={Boolean(closedReason)}
                          onClick={() => void onMark(r, m)}
                        >
                          {MARK_LABEL[m]}
                        </button>
                      ))}
                    </div>
                  </td>
                  <td className="row-actions">
                    <button type="button" className="link-button" onClick={() => void onCancel(r)} aria-label={`Cancel the registration of ${r.name}`}>
                      Cancel
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
