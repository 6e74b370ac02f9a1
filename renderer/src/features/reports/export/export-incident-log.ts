import { incidentRow, workLogRow, type IncidentLookups } from '../../../../../shared/export/incident-row';
import type { Person } from '../../../../../shared/people/schema';
import { err, ok, type Result } from '../../../../../shared/result';
import type { Ticket } from '../../../../../shared/tickets/schema';
import type { WorkLogEntry } from '../../../../../shared/tickets/worklog';
import type { FieldDeskDb } from '../../../data/db';
import { resolveActor } from '../../../data/repositories/tickets';
import { platform } from '../../../platform/bridge';
import type { Progress } from '../../../ui/ProgressDialog';

export interface IncidentExportOptions {
  format: 'xlsx' | 'csv';
  columns: string[];
  includeWorkLog: boolean;
  /** Tickets created in [from, to) (ISO), or everything. */
  from?: string;
  to?: string;
  /** The current view's filter, when exporting what the list shows. */
  filter?: (ticket: Ticket) => boolean;
  scope: string;
  exportedBy: string;
  /** IANA zone the times are written in (named in each time column's header and the About sheet). */
  timeZone: string;
  signal: AbortSignal;
  onProgress: (p: Progress) => void;
}

const CHUNK = 2000;

export async function loadLookups(db: FieldDeskDb): Promise<IncidentLookups> {
  const named = async (table: string) => new Map((await db.table<{ id: string; name: string }, string>(table).toArray()).map((r) => [r.id, r.name]));
  const [people, teams, sites, systems, actor] = await Promise.all([db.people.toArray(), named('teams'), named('sites'), named('systems'), resolveActor(db)]);
  const byId = new Map(people.map((p: Person) => [p.id, { name: p.name, agency: p.agency, email: p.email, phone: p.phone }]));
  // Every id that is the person at this device names them: the actor's own (their account's staff record, a
  // directory namesake, the profile's stand-in) and the device's, under which their work was recorded before
  // they had a person of their own. Ids with a record keep it (the stand-in's is the user's name anyway).
  for (const id of new Set([actor.id, ...(actor.ids ?? []), db.device.get().deviceId])) {
    if (!byId.has(id)) byId.set(id, { name: actor.name, agency: '', email: '', phone: '' });
  }
  return {
    person: (id) => (id ? byId.get(id) : undefined),
    team: (id) => (id ? teams.get(id) : undefined),
    site: (id) => (id ? sites.get(id) : undefined),
    system: (id) => (id ? systems.get(id) : undefined),
  };
}

/**
 * Stream the incident log to main in chunks: IndexedDB is read a chunk at a
 * time in id order (UUIDv7 ids are creation order), each chunk is mapped to
 * rows and sent before the next is read, so memory stays flat at any size.
 * Cancel aborts the session in main, which deletes the temporary file.
 */
export async function exportIncidentLog(db: FieldDeskDb, o: IncidentExportOptions): Promise<Result<{ path: string; rows: number } | { cancelled: true }>> {
  const tickets = db.table<Ticket, string>('tickets');
  const workLog = db.table<WorkLogEntry, string>('workLog');
  const inScope = (t: Ticket) => !t.deleted && (!o.from || t.createdAt >= o.from) && (!o.to || t.createdAt < o.to) && (!o.filter || o.filter(t));
  const total = await tickets.count();
  const begun = await platform.export.begin({
    dataset: 'incidentLog',
    format: o.format,
    columns: o.columns,
    includeChildren: o.includeWorkLog,
    expectedRows: total,
    meta: { exportedBy: o.exportedBy, scope: o.scope, timeZone: o.timeZone, filters: [...(o.from ? [{ label: 'Created from', value: o.from.slice(0, 10) }] : []), ...(o.to ? [{ label: 'Created before', value: o.to.slice(0, 10) }] : [])] },
  });
  if (!begun.ok) return begun;
  if ('cancelled' in begun.value) return ok({ cancelled: true as const });
  const { sessionId } = begun.value;
  const abort = async () => {
    await platform.export.abort({ sessionId });
    return ok({ cancelled: true as const });
  };
  const lookups = await loadLookups(db);
  const now = new Date().toISOString();
  const exported = new Map<string, string>(); // ticket id → number, for the work-log pass
  let seen = 0;
  let last = '';
  for (;;) {
    if (o.signal.aborted) return abort();
    const chunk = await (last ? tickets.where(':id').above(last) : tickets.toCollection()).limit(CHUNK).toArray();
    if (chunk.length === 0) break;
    last = chunk[chunk.length - 1]!.id;
    seen += chunk.length;
    const picked = chunk.filter(inScope);
    const entries = picked.length ? await workLog.where('ticketId').anyOf(picked.map((t) => t.id)).toArray() : [];
    const byTicket = new Map<string, WorkLogEntry[]>();
    for (const e of entries) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
    const rows = picked.map((t) => incidentRow(t, byTicket.get(t.id) ?? [], lookups, now));
    for (const t of picked) exported.set(t.id, t.number);
    if (rows.length) {
      const res = await platform.export.rows({ sessionId, rows });
      if (!res.ok) return res;
    }
    o.onProgress({ done: seen, total, label: `Read ${seen.toLocaleString()} of ${total.toLocaleString()} tickets` });
  }
  if (o.includeWorkLog) {
    const totalEntries = await workLog.count();
    let done = 0;
    let lastEntry = '';
    for (;;) {
      if (o.signal.aborted) return abort();
      const chunk = await (lastEntry ? workLog.where(':id').above(lastEntry) : workLog.toCollection()).limit(CHUNK).toArray();
      if (chunk.length === 0) break;
      lastEntry = chunk[chunk.length - 1]!.id;
      done += chunk.length;
      const rows = chunk.filter((e) => !e.deleted && exported.has(e.ticketId)).map((e) => workLogRow(e, exported.get(e.ticketId)!, lookups));
      if (rows.length) {
        const res = await platform.export.childRows({ sessionId, rows });
        if (!res.ok) return res;
      }
      o.onProgress({ done, total: totalEntries, label: `Read ${done.toLocaleString()} of ${totalEntries.toLocaleString()} work-log entries` });
    }
  }
  if (o.signal.aborted) return abort();
  o.onProgress({ done: 1, total: 1, label: 'Finishing the file…' });
  const finished = await platform.export.finish({ sessionId });
  if (!finished.ok) return err(finished.error.code, finished.error.message);
  return ok({ path: finished.value.path, rows: finished.value.rows });
}
