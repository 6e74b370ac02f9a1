import type { WorkLogKind } from '../../../../shared/tickets/worklog';

export const WORK_LOG_LABELS: Record<WorkLogKind, string> = {
  public_update: 'Public update',
  internal_note: 'Internal note',
  phone_call: 'Phone call',
  email: 'E-mail',
  site_visit: 'Site visit',
};

// The labels a ticket's history shows are the screens' labels: one list, in shared (history-format.ts).
export { fieldLabel, PRIORITY_LABELS, RESOLUTION_LABELS } from '../../../../shared/tickets/history-format';

export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "2 h 05 min", "-35 min" (overdue), for SLA countdowns in business time. */
export function formatMinutes(min: number): string {
  const sign = min < 0 ? '−' : '';
  const m = Math.round(Math.abs(min));
  if (m < 60) return `${sign}${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${sign}${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${sign}${Math.round(h / 24)} d`;
}

/** End of the local day as an instant, for "due today". */
export function endOfToday(now = new Date()): string {
  const d = new Date(now);
  d.setHours(23, 59, 59, 999);
  return d.toISOString();
}
