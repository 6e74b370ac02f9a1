import type { TicketRow } from '../../../data/repositories/tickets/derive';
import { formatMinutes } from '../labels';

/** The due time the desk is racing, as "in 2 h" / "overdue 35 min"; wall-clock, since rows are many and calendars few. */
export function SlaCell({ row, nowMs }: { row: TicketRow; nowMs: number }) {
  if (row.status === 'pending') return <span className="sla sla-paused">Paused</span>;
  if (row.due === '~') return <span className="muted">—</span>;
  const left = (Date.parse(row.due) - nowMs) / 60_000;
  const which = row.firstRespondedAt === null ? 'response' : 'resolve';
  if (left < 0) return <span className="sla sla-breached">Overdue {formatMinutes(-left)} ({which})</span>;
  return <span className={left < 120 ? 'sla sla-risk' : 'sla'}>{`${formatMinutes(left)} to ${which}`}</span>;
}
