/**
 * The fixed vocabularies of a ticket. Kept apart from the schemas so rules and
 * the UI can import labels without pulling in zod.
 */
export const TICKET_TYPES = ['incident', 'service_request', 'access', 'training', 'maintenance'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['phone', 'email', 'walk_in', 'site_visit'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['new', 'open', 'pending', 'resolved', 'closed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which someone still owes the requester work. */
export const ACTIVE_STATUSES: readonly Status[] = ['new', 'open', 'pending'];
export const isActive = (s: Status): boolean => s === 'new' || s === 'open' || s === 'pending';

export const PENDING_REASONS = ['waiting_on_requester', 'waiting_on_vendor', 'change_window', 'other'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

/** Why the SLA clock was stopped for an interval: pending, or resolved and later reopened. */
export const PAUSE_REASONS = [...PENDING_REASONS, 'resolved'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];
/** Numeric form used on paper forms and by some imports: 1 is high. */
export const LEVEL_BY_NUMBER: Record<1 | 2 | 3, Level> = { 1: 'high', 2: 'medium', 3: 'low' };

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const RESOLUTION_CODES = [
  'fixed',
  'workaround',
  'configuration_change',
  'access_granted',
  'training_provided',
  'user_error',
  'vendor_fix',
  'no_fault_found',
  'duplicate',
  'not_reproducible',
  'wont_fix',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const ESCALATION_LEVELS = [0, 1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const MAX_ESCALATION = 3;

export const LABELS = {
  type: {
    incident: 'Incident',
    service_request: 'Service request',
    access: 'Access',
    training: 'Training',
    maintenance: 'Maintenance',
  } satisfies Record<TicketType, string>,
  channel: { phone: 'Phone', email: 'E-mail', walk_in: 'Walk-in', site_visit: 'Site visit' } satisfies Record<Channel, string>,
  status: {
    new: 'New',
    open: 'Open',
    pending: 'Pending',
    resolved: 'Resolved',
    closed: 'Closed',
    cancelled: 'Cancelled',
  } satisfies Record<Status, string>,
  pendingReason: {
    waiting_on_requester: 'Waiting on requester',
    waiting_on_vendor: 'Waiting on vendor',
    change_window: 'Change window',
    other: 'Other',
  } satisfies Record<PendingReason, string>,
  level: { high: 'High', medium: 'Medium', low: 'Low' } satisfies Record<Level, string>,
} as const;
