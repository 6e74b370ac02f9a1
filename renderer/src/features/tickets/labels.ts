import type { Priority } from '../../../../shared/tickets/enums';
import type { WorkLogKind } from '../../../../shared/tickets/worklog';

export const WORK_LOG_LABELS: Record<WorkLogKind, string> = {
  public_update: 'Public update',
  internal_note: 'Internal note',
  phone_call: 'Phone call',
  email: 'E-mail',
  site_visit: 'Site visit',
};

export const PRIORITY_LABELS: Record<Priority, string> = { P1: 'P1 critical', P2: 'P2 high', P3: 'P3 medium', P4: 'P4 low' };

export const RESOLUTION_LABELS: Record<string, string> = {
  fixed: 'Fixed',
  workaround: 'Workaround',
  configuration_change: 'Configuration change',
  access_granted: 'Access granted',
  training_provided: 'Training provided',
  user_error: 'User error',
  vendor_fix: 'Vendor fix',
  no_fault_found: 'No fault found',
  duplicate: 'Duplicate',
  not_reproducible: 'Not reproducible',
  wont_fix: "Won't fix",
};

const FIELD_LABELS: Record<string, string> = {
  created: 'Created',
  type: 'Type',
  title: 'Title',
  description: 'Description',
  requesterId: 'Requester',
  siteId: 'Site',
  systemId: 'System',
  category: 'Category',
  channel: 'Channel',
  tags: 'Tags',
  impact: 'Impact',
  urgency: 'Urgency',
  priority: 'Priority',
  priorityOverride: 'Priority override',
  status: 'Status',
  pendingReason: 'Pending reason',
  teamId: 'Team',
  assigneeId: 'Assignee',
  escalationLevel: 'Escalation level',
  escalation: 'Escalation',
  firstRespondedAt: 'First response',
  resolvedAt: 'Resolved at',
  closedAt: 'Closed at',
  resolution: 'Resolution',
  mergedInto: 'Merged into',
  mergedFrom: 'Merged in',
  linkAdded: 'Link added',
  linkRemoved: 'Link removed',
  attachmentAdded: 'Attachment added',
};
export const fieldLabel = (f: string): string => FIELD_LABELS[f] ?? f;

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
