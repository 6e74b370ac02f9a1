import { parseStamp } from '../sync/hlc';
import { LABELS, type Level, type Priority } from './enums';
import type { HistoryEvent } from './history';

/**
 * A ticket's history in the words of the screens, for the audit trail a
 * review board reads: names instead of ids, the labels the forms use instead
 * of codes, ticket numbers for links and merges. Stored events keep ids and
 * codes (a renamed team stays the same team); names are resolved when shown,
 * through lookups the caller passes in, so a renamed team shows its current
 * name, and the name it had then where that is known.
 */

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
  number: 'Number',
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
  deleted: 'Deleted',
};

/** "teamId" → "Team"; a field this version does not know is shown as stored. */
export const fieldLabel = (f: string): string => FIELD_LABELS[f] ?? f;

export type CatalogKind = 'team' | 'site' | 'system';

export interface HistoryLookups {
  /** A person's name (requester, assignee, who made the change). */
  person(id: string): string | undefined;
  /** A team's, site's or system's current name. */
  catalog(kind: CatalogKind, id: string): string | undefined;
  /** The name it had at `at`, where known (for a record renamed since). */
  catalogNameAt?(kind: CatalogKind, id: string, at: string): string | undefined;
  /** When it was last renamed, if it has been renamed since it was made (see renamedAt). */
  catalogRenamedAt?(kind: CatalogKind, id: string): string | null | undefined;
  ticketNumber(id: string): string | undefined;
  /**
   * How a parent or duplicate link ran, from the stored link records
   * (removed ones included): 'from' when `ticketId` is the link's fromId.
   */
  linkSide?(ticketId: string, otherId: string, kind: string): 'from' | 'to' | undefined;
  /** An instant as the screens show it. */
  time(iso: string): string;
}

/** One value as shown: its words, and the ticket it names when it can be opened. */
export interface ShownValue {
  text: string;
  /** The ticket `text` names, when it can be opened (then `text` is its number). */
  ticketId?: string;
  /** Words around the number: "related to " KX7Q-00042, KX7Q-00041 ", merged into this ticket". */
  lead?: string;
  tail?: string;
}

/** A value as one string. */
export const valueText = (v: ShownValue): string => `${v.lead ?? ''}${v.text}${v.tail ?? ''}`;

/** A change of one field ("Team: Desk → Field Ops") or an event told as one value ("Link added: related to KX7Q-00042"). */
export type ShownEvent = { label: string; kind: 'change'; from: ShownValue; to: ShownValue } | { label: string; kind: 'event'; value: ShownValue };

const NONE: ShownValue = { text: '—' };
const CATALOG_FIELDS: Record<string, CatalogKind> = { teamId: 'team', siteId: 'site', systemId: 'system' };
const MISSING: Record<CatalogKind, string> = { team: 'a team not on this device', site: 'a site not on this device', system: 'a system not on this device' };
const MAX_TEXT = 120;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
const label = <K extends string>(labels: Record<K, string>, v: unknown): string => (typeof v === 'string' && Object.hasOwn(labels, v) ? labels[v as K] : clip(String(v)));

function ticketRef(id: unknown, l: HistoryLookups): ShownValue {
  if (typeof id !== 'string' || !id) return NONE;
  const number = l.ticketNumber(id);
  return number ? { text: number, ticketId: id } : { text: 'a ticket not on this device' };
}

function catalogName(kind: CatalogKind, id: string, at: string, l: HistoryLookups, recorded?: string): string {
  const now = l.catalog(kind, id);
  // The event recorded the name it had when written: that, and today's name when it differs.
  if (recorded) return now === undefined || now === recorded ? recorded : `${recorded} (now ${now})`;
  const then = l.catalogNameAt?.(kind, id, at);
  if (now === undefined) return then ?? MISSING[kind];
  if (then && then !== now) return `${now} (then ${then})`;
  // The old name is not kept, but that it changed after this event is: say so rather than imply it was called this then.
  const renamed = then ? null : l.catalogRenamedAt?.(kind, id);
  return renamed && renamed > at ? `${now} (renamed since)` : now;
}

/**
 * When a synced record's name last changed, if it changed after the record
 * was made: its `name` stamp is later than the earliest stamp of its other
 * fields (all stamped together when it was created). Null when it never
 * changed or the stamps do not tell.
 */
export function renamedAt(stamps: Readonly<Record<string, string>>): string | null {
  const name = stamps.name ? parseStamp(stamps.name) : null;
  if (!name) return null;
  let first = Infinity;
  for (const [field, s] of Object.entries(stamps)) {
    const p = field === 'name' ? null : parseStamp(s);
    if (p && p.wall < first) first = p.wall;
  }
  return first < name.wall ? new Date(name.wall).toISOString() : null;
}

/** A link as seen from the event's ticket: "related to", "parent of", "child of", "duplicate of", "duplicated by". */
function linkWords(ticketId: string, kind: string, other: string, l: HistoryLookups): string {
  if (kind === 'related') return 'related to';
  const side = l.linkSide?.(ticketId, other, kind);
  if (kind === 'parent') return side === 'from' ? 'parent of' : side === 'to' ? 'child of' : 'parent or child of';
  if (kind === 'duplicate') return side === 'from' ? 'duplicate of' : side === 'to' ? 'duplicated by' : 'duplicate link with';
  return `${clip(kind)} link with`;
}

function personName(id: string, l: HistoryLookups, recorded?: string): string {
  const now = l.person(id);
  if (recorded) return now === undefined || now === recorded ? recorded : `${recorded} (now ${now})`;
  return now ?? 'someone not in the directory';
}

/**
 * One stored value of `field` in words. `recorded` is the name the event
 * recorded for it when written (oldLabel/newLabel), where it has one.
 */
export function historyValue(field: string, v: unknown, at: string, l: HistoryLookups, recorded?: string): ShownValue {
  if (v === null || v === undefined || v === '') return NONE;
  const catalog = CATALOG_FIELDS[field];
  const named = typeof recorded === 'string' && recorded.trim() ? clip(recorded.trim()) : undefined;
  if (catalog && typeof v === 'string') return { text: catalogName(catalog, v, at, l, named) };
  switch (field) {
    case 'requesterId':
    case 'assigneeId':
      return { text: typeof v === 'string' ? personName(v, l, named) : clip(String(v)) };
    case 'type':
      return { text: label(LABELS.type, v) };
    case 'channel':
      return { text: label(LABELS.channel, v) };
    case 'status':
      return { text: label(LABELS.status, v) };
    case 'pendingReason':
      return { text: label(LABELS.pendingReason, v) };
    case 'impact':
    case 'urgency':
      return { text: label<Level>(LABELS.level, v) };
    case 'priority':
      return { text: label(PRIORITY_LABELS, v) };
    case 'priorityOverride':
      return isObj(v) ? { text: `${label(PRIORITY_LABELS, v.priority)}${str(v.reason) ? ` (${clip(str(v.reason))})` : ''}` } : { text: clip(String(v)) };
    case 'escalation':
      return isObj(v) ? { text: `level ${String(v.level)}${str(v.reason) ? `: ${clip(str(v.reason))}` : ''}` } : { text: clip(String(v)) };
    case 'resolution':
      return isObj(v) ? { text: `${label(RESOLUTION_LABELS, v.code)}${str(v.text) ? `: ${clip(str(v.text))}` : ''}` } : { text: clip(String(v)) };
    case 'mergedInto':
    case 'mergedFrom':
      return ticketRef(v, l);
    case 'deleted':
      return { text: v === 1 || v === true ? 'Yes' : 'No' };
    case 'firstRespondedAt':
    case 'resolvedAt':
    case 'closedAt':
      return { text: typeof v === 'string' ? l.time(v) : clip(String(v)) };
  }
  if (Array.isArray(v)) return { text: v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') || '—' };
  if (typeof v === 'string') return { text: /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(v) ? l.time(v) : clip(v) };
  return { text: clip(typeof v === 'object' ? JSON.stringify(v) : String(v)) };
}

/** An event's fields the screens show (the recorded names optional: older events have none). */
export type ShownFields = Pick<HistoryEvent, 'ticketId' | 'field' | 'old' | 'new' | 'at'> & Partial<Pick<HistoryEvent, 'oldLabel' | 'newLabel'>>;

/** One history event as the ticket's timeline shows it. */
export function formatHistoryEvent(e: ShownFields, l: HistoryLookups): ShownEvent {
  const name = fieldLabel(e.field);
  if (e.field === 'created') return { label: name, kind: 'event', value: { text: typeof e.new === 'string' ? e.new : '' } };
  if (e.field === 'linkAdded' || e.field === 'linkRemoved') {
    const link = e.field === 'linkAdded' ? e.new : e.old;
    if (isObj(link) && typeof link.other === 'string') {
      const ref = ticketRef(link.other, l);
      return { label: name, kind: 'event', value: { ...ref, lead: `${linkWords(e.ticketId, str(link.kind), link.other, l)} ` } };
    }
  }
  if (e.field === 'mergedFrom') {
    const ref = ticketRef(e.new, l);
    return { label: name, kind: 'event', value: { ...ref, tail: ', merged into this ticket' } };
  }
  if (e.field === 'mergedInto' && e.old === null) return { label: name, kind: 'event', value: ticketRef(e.new, l) };
  if (e.field === 'attachmentAdded') return { label: name, kind: 'event', value: { text: clip(String(e.new ?? '')) } };
  return { label: name, kind: 'change', from: historyValue(e.field, e.old, e.at, l, e.oldLabel), to: historyValue(e.field, e.new, e.at, l, e.newLabel) };
}

/** The event as one line of text: "Team: Desk team → Field Ops". */
export function historyLine(e: ShownFields, l: HistoryLookups): string {
  const s = formatHistoryEvent(e, l);
  if (e.field === 'created') return `Created ${s.kind === 'event' ? s.value.text : ''}`.trim();
  return s.kind === 'event' ? `${s.label}: ${valueText(s.value)}` : `${s.label}: ${valueText(s.from)} → ${valueText(s.to)}`;
}
