import { z } from 'zod';
import { compareTicketNumbers } from './numbering';
import { ACTIVE_STATUSES, PENDING_REASONS, PRIORITIES, STATUSES, type Status } from './enums';
import { idField, instant, LIMITS, text } from './fields';
import { priorityRank } from './priority';
import type { Ticket } from './schema';
import { matchesQuery, parseQuery } from './search';
import type { SlaState } from './sla';

/**
 * Filters, sorts and saved views of the ticket list, as data. Views are plain
 * specs so they can be stored, synced and shown in the command palette; the
 * list screen turns a spec into an index query plus `matchesFilter` for the
 * conditions the index cannot answer.
 *
 * Relative conditions ("me", "today") are resolved at match time from the
 * context, so a saved view keeps meaning the same thing tomorrow.
 */

export const SLA_FILTERS = ['at_risk', 'breached', 'at_risk_or_breached'] as const;
export const SORT_KEYS = ['number', 'priority', 'status', 'createdAt', 'updatedAt', 'due', 'title', 'escalationLevel'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const ids = z.array(idField('Id')).max(500);

export const TicketFilterSchema = z.object({
  statuses: z.array(z.enum(STATUSES)).optional(),
  priorities: z.array(z.enum(PRIORITIES)).optional(),
  /** 'me' and 'unassigned' are relative; a list means any of these people. */
  assignee: z.union([z.literal('me'), z.literal('unassigned'), ids]).optional(),
  teamIds: ids.optional(),
  siteIds: ids.optional(),
  systemIds: ids.optional(),
  /** The ticket must carry every one of these tags. */
  tags: z.array(z.string()).max(20).optional(),
  pendingReasons: z.array(z.enum(PENDING_REASONS)).optional(),
  sla: z.enum(SLA_FILTERS).optional(),
  /** A due time (first response still owed, or resolution) falls before the end of today. */
  dueToday: z.boolean().optional(),
  escalated: z.boolean().optional(),
  createdFrom: instant('Created from').optional(),
  createdTo: instant('Created to').optional(),
  updatedFrom: instant('Updated from').optional(),
  updatedTo: instant('Updated to').optional(),
  text: z.string().max(1000).optional(),
});
export type TicketFilter = z.output<typeof TicketFilterSchema>;

export const SortSpecSchema = z.object({
  key: z.enum(SORT_KEYS),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type SortSpec = z.output<typeof SortSpecSchema>;

/**
 * Whether two filter-and-sort pairs show the same list: empty conditions are
 * no conditions, and the order of a list of choices (statuses, sites, tags)
 * does not matter; the order of the sort keys does. "Update the view" is
 * offered only when they differ.
 */
export function sameListing(a: { filter: TicketFilter; sort: readonly SortSpec[] }, b: { filter: TicketFilter; sort: readonly SortSpec[] }): boolean {
  const canonical = (f: TicketFilter) =>
    JSON.stringify(
      Object.entries(f)
        .filter(([, v]) => !(v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0)))
        .map(([k, v]) => [k, Array.isArray(v) ? [...(v as string[])].sort() : typeof v === 'string' ? v.trim() : v])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  const sorts = (s: readonly SortSpec[]) => JSON.stringify(s.map((x) => [x.key, x.dir]));
  return canonical(a.filter) === canonical(b.filter) && sorts(a.sort) === sorts(b.sort);
}

export const SavedViewSchema = z.object({
  id: idField('Id'),
  name: text('View name', LIMITS.name, { required: true }),
  filter: TicketFilterSchema,
  sort: z.array(SortSpecSchema).max(4).default([]),
});
export type SavedView = z.output<typeof SavedViewSchema>;

export interface FilterContext {
  /** The signed-in person, for 'me'. */
  meId: string;
  /** Every id that is the user (the account's person and this device's stand-in); 'me' matches any. */
  meIds?: readonly string[];
  now: string;
  /** End of the local day (calendar.ts endOfLocalDay), for "today". */
  endOfToday: string;
  /**
   * SLA state per ticket. When absent, "breached" is read from the stored due
   * times and "at risk" cannot be judged (nothing is at risk).
   */
  sla?: (ticket: Ticket) => SlaState | null;
}

const inList = <T>(list: readonly T[] | undefined, v: T): boolean => list === undefined || list.length === 0 || list.includes(v);

/** The due time the desk is racing now: first response while owed, else resolution. */
export function currentDue(t: Pick<Ticket, 'firstRespondedAt' | 'firstResponseDue' | 'resolutionDue' | 'status'>): string | null {
  if (t.status !== 'new' && t.status !== 'open' && t.status !== 'pending') return null;
  if (t.firstRespondedAt === null && t.firstResponseDue !== null) return t.firstResponseDue;
  return t.resolutionDue;
}

function slaFlags(t: Ticket, ctx: FilterContext): { atRisk: boolean; breached: boolean } {
  const s = ctx.sla?.(t);
  if (s) return { atRisk: s.firstResponse.atRisk || s.resolution.atRisk, breached: s.firstResponse.breached || s.resolution.breached };
  const due = currentDue(t);
  return { atRisk: false, breached: due !== null && due < ctx.now };
}

export function matchesFilter(t: Ticket, f: TicketFilter, ctx: FilterContext): boolean {
  if (t.deleted === 1) return false;
  if (!inList(f.statuses, t.status)) return false;
  if (!inList(f.priorities, t.priority)) return false;
  if (f.assignee === 'me' && (t.assigneeId === null || !(ctx.meIds ?? [ctx.meId]).includes(t.assigneeId))) return false;
  if (f.assignee === 'unassigned' && t.assigneeId !== null) return false;
  if (Array.isArray(f.assignee) && f.assignee.length > 0 && (t.assigneeId === null || !f.assignee.includes(t.assigneeId))) return false;
  if (f.teamIds?.length && (t.teamId === null || !f.teamIds.includes(t.teamId))) return false;
  if (f.siteIds?.length && (t.siteId === null || !f.siteIds.includes(t.siteId))) return false;
  if (f.systemIds?.length && (t.systemId === null || !f.systemIds.includes(t.systemId))) return false;
  if (f.tags?.length && !f.tags.every((tag) => t.tags.includes(tag.trim().toLowerCase()))) return false;
  if (f.pendingReasons?.length && (t.pendingReason === null || !f.pendingReasons.includes(t.pendingReason))) return false;
  if (f.escalated !== undefined && f.escalated !== t.escalationLevel > 0) return false;
  if (f.createdFrom && t.createdAt < f.createdFrom) return false;
  if (f.createdTo && t.createdAt > f.createdTo) return false;
  if (f.updatedFrom && t.updatedAt < f.updatedFrom) return false;
  if (f.updatedTo && t.updatedAt > f.updatedTo) return false;
  if (f.dueToday) {
    const due = currentDue(t);
    if (due === null || due > ctx.endOfToday) return false;
  }
  if (f.sla) {
    const { atRisk, breached } = slaFlags(t, ctx);
    if (f.sla === 'at_risk' && !atRisk) return false;
    if (f.sla === 'breached' && !breached) return false;
    if (f.sla === 'at_risk_or_breached' && !atRisk && !breached) return false;
  }
  if (f.text && !matchesQuery(t.words, parseQuery(f.text))) return false;
  return true;
}

const STATUS_ORDER: Record<Status, number> = { new: 0, open: 1, pending: 2, resolved: 3, closed: 4, cancelled: 5 };
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Cmp = (a: Ticket, b: Ticket) => number;

/** Comparators keyed by sort key, ascending. Missing due times sort last in either direction. */
const BY: Record<Exclude<SortKey, 'due'>, Cmp> = {
  number: (a, b) => compareTicketNumbers(a.number, b.number),
  priority: (a, b) => priorityRank(a.priority) - priorityRank(b.priority),
  status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
  createdAt: (a, b) => cmpStr(a.createdAt, b.createdAt),
  updatedAt: (a, b) => cmpStr(a.updatedAt, b.updatedAt),
  title: (a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }),
  escalationLevel: (a, b) => a.escalationLevel - b.escalationLevel,
};

/**
 * One comparator for a list of sort keys. Ties end on createdAt then id, so
 * the order is total and rows never jump between renders.
 */
export function compareTickets(sort: readonly SortSpec[]): Cmp {
  const parts: Cmp[] = sort.map(({ key, dir }) => {
    const sign = dir === 'desc' ? -1 : 1;
    if (key === 'due')
      return (a, b) => {
        const da = currentDue(a);
        const db = currentDue(b);
        if (da === null || db === null) return da === db ? 0 : da === null ? 1 : -1;
        return sign * cmpStr(da, db);
      };
    const by = BY[key];
    return (a, b) => sign * by(a, b);
  });
  return (a, b) => {
    for (const p of parts) {
      const c = p(a, b);
      if (c !== 0) return c;
    }
    return cmpStr(b.createdAt, a.createdAt) || cmpStr(a.id, b.id);
  };
}

const active = [...ACTIVE_STATUSES];

/** The built-in views of the list screen. */
export const BUILT_IN_VIEWS: readonly SavedView[] = [
  {
    id: 'my-open',
    name: 'My open',
    filter: { assignee: 'me', statuses: active },
    sort: [{ key: 'priority', dir: 'asc' }, { key: 'due', dir: 'asc' }],
  },
  {
    id: 'unassigned',
    name: 'Unassigned',
    filter: { assignee: 'unassigned', statuses: active },
    sort: [{ key: 'priority', dir: 'asc' }, { key: 'createdAt', dir: 'asc' }],
  },
  {
    id: 'breaching-today',
    name: 'Breaching today',
    // Pending tickets are excluded by construction: their clock is stopped.
    filter: { statuses: ['new', 'open'], dueToday: true },
    sort: [{ key: 'due', dir: 'asc' }],
  },
  {
    id: 'waiting-on-requester',
    name: 'Waiting on requester',
    filter: { statuses: ['pending'], pendingReasons: ['waiting_on_requester'] },
    sort: [{ key: 'updatedAt', dir: 'asc' }],
  },
];

/** The list opens on "All open"; "All tickets" drops every condition. They frame the built-in views on the list. */
export const ALL_OPEN_VIEW: SavedView = { id: 'all-open', name: 'All open', filter: { statuses: active }, sort: [{ key: 'updatedAt', dir: 'desc' }] };
export const ALL_TICKETS_VIEW: SavedView = { id: 'all', name: 'All tickets', filter: {}, sort: [{ key: 'updatedAt', dir: 'desc' }] };

/** Every view the list shows before the ones a person saves, in order. */
export const LIST_VIEWS: readonly SavedView[] = [ALL_OPEN_VIEW, ...BUILT_IN_VIEWS, ALL_TICKETS_VIEW];

/** "By site" is one view per site, made on demand from the site list. */
export function siteView(site: { id: string; name: string }): SavedView {
  return {
    id: `site-${site.id}`,
    name: `Site: ${site.name}`,
    filter: { siteIds: [site.id], statuses: active },
    sort: [{ key: 'priority', dir: 'asc' }, { key: 'updatedAt', dir: 'desc' }],
  };
}
