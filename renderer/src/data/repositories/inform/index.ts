import type { Table } from 'dexie';
import { uuidv7 } from '../../../../../shared/ids/uuidv7';
import { CannedResponseInputSchema, CannedResponseSchema, type CannedResponse, type CannedResponseInput } from '../../../../../shared/inform/canned';
import {
  compareVersions,
  documentWords,
  matchesDocument,
  needsReview,
  restoreVersion,
  solvedCounts,
  suggestDocuments,
  ticketDocumentId,
  TicketDocumentSchema,
  type Comparison,
  type Suggestion,
  type TicketDocument,
} from '../../../../../shared/inform/documents';
import { assembleStatusReport, periodDates, ReportDefinitionInputSchema, ReportDefinitionSchema, type ReportDefinition, type ReportDefinitionInput, type SlaLabel, type StatusReport, type TrainingHeld } from '../../../../../shared/inform/report';
import { DEFAULT_CADENCE, INFORM_SETTINGS_ID, InformSettingsSchema, lastContactByTicket, needsUpdate, requesterUpdateEntry, UpdateCadenceSchema, type NeedsUpdateRow, type UpdateCadence } from '../../../../../shared/inform/updates';
import { fallbackUpdateCalendar } from '../../../../../shared/inform/needs-update-view';
import { fold, parseQuery } from '../../../../../shared/tickets/search';
import { err, ok, type Result } from '../../../../../shared/result';
import { isoDateOfDay, localDayOf, type CalendarSpec } from '../../../../../shared/tickets/calendar';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { pickPolicy, slaState, type SlaPolicy } from '../../../../../shared/tickets/sla';
import type { WorkLogEntry } from '../../../../../shared/tickets/worklog';
import { MaterialInputSchema, MaterialSchema, MaterialVersionSchema, nextMaterialVersion, type DocumentState, type Material, type MaterialInput, type MaterialVersion } from '../../../../../shared/training/material';
import { parseWith } from '../../../../../shared/validation';
import type { FieldDeskDb } from '../../db';
import { registerDerivedFields } from '../../../sync/derive';
import type { TicketRepositories } from '../tickets';

/**
 * Keeping people informed, over one database: canned responses, the document
 * library (training's materials: every save is a version), ticket–document
 * links, requester updates (work-log entries through the tickets
 * repositories, the only writer of the work log), the needs-an-update list
 * and status reports. Every write validates with the shared schema first and
 * changes nothing on bad input; the change-log middleware records each one.
 */

export type DocRecord = Material & { words?: string[] };

export interface InformTables {
  cannedResponses: Table<CannedResponse, string>;
  reportDefinitions: Table<ReportDefinition, string>;
  ticketDocuments: Table<TicketDocument, string>;
  informSettings: Table<Record<string, unknown>, string>;
  materials: Table<DocRecord, string>;
  materialVersions: Table<MaterialVersion, string>;
}

export interface InformOptions {
  tickets: TicketRepositories;
  now?: () => string;
  newId?: () => string;
}

const withWords = (m: Material): DocRecord => ({ ...m, words: documentWords(m) });
const alive = <T extends { deleted?: 0 | 1 }>(rows: T[]): T[] => rows.filter((r) => r.deleted !== 1);
const gone = (what: string) => err('not_found', `That ${what} is no longer there.`);

export function informRepositories(db: FieldDeskDb, options: InformOptions) {
  // Pulled materials get their search words (sync/derive.ts); registering again is harmless.
  registerDerivedFields('materials', (row) => ({ ...row, words: documentWords(row as unknown as Material) }));
  const t: InformTables = {
    cannedResponses: db.table('cannedResponses'),
    reportDefinitions: db.table('reportDefinitions'),
    ticketDocuments: db.table('ticketDocuments'),
    informSettings: db.table('informSettings'),
    materials: db.table('materials'),
    materialVersions: db.table('materialVersions'),
  };
  const now = options.now ?? (() => new Date(db.device.get().clock.now()).toISOString());
  const newId = options.newId ?? (() => uuidv7());
  const tk = options.tickets;
  const actor = () => tk.actor();

  const canned = {
    async list(): Promise<CannedResponse[]> {
      return alive(await t.cannedResponses.orderBy('name').toArray());
    },
    async save(id: string | null, input: CannedResponseInput): Promise<Result<CannedResponse>> {
      const parsed = parseWith(CannedResponseInputSchema, input, 'canned response');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', t.cannedResponses, async () => {
        const clash = (await t.cannedResponses.where('name').equals(parsed.value.name).toArray()).find((c) => c.deleted !== 1 && c.id !== id);
        if (clash) return err('conflict', `Another canned response is already called /${parsed.value.name}`, { name: 'Already in use' });
        const at = now();
        const current = id ? await t.cannedResponses.get(id) : undefined;
        if (id && (!current || current.deleted === 1)) return gone('canned response');
        const record = parseWith(CannedResponseSchema, { ...(current ?? { id: newId(), createdAt: at, stamps: {}, deleted: 0 }), ...parsed.value, updatedAt: at }, 'canned response');
        if (!record.ok) return record;
        await t.cannedResponses.put(record.value);
        return ok(record.value);
      });
    },
    async remove(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', t.cannedResponses, async () => {
        const c = await t.cannedResponses.get(id);
        if (!c || c.deleted === 1) return gone('canned response');
        await t.cannedResponses.put({ ...c, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },
  };

  /** Every save of a document is a version (the snapshot and the working copy move together). */
  async function writeWithVersion(material: Material, changeNote: string, by: string): Promise<Result<{ material: Material; version: MaterialVersion }>> {
    const versions = await t.materialVersions.where('materialId').equals(material.id).toArray();
    const draft = nextMaterialVersion({ material, versions, now: material.updatedAt, publishedBy: by, newId, changeNote });
    const version = parseWith(MaterialVersionSchema, { ...draft, stamps: {}, deleted: 0 }, 'version');
    if (!version.ok) return version;
    const next = { ...material, version: version.value.version };
    await t.materialVersions.add(version.value);
    await t.materials.put(withWords(next));
    return ok({ material: next, version: version.value });
  }

  const documents = {
    /** Documents by title; with `limit`, only that many are read (the library's first screen at 10,000 documents). */
    async list(filter: { kind?: string; state?: DocumentState } = {}, limit?: number): Promise<DocRecord[]> {
      const keep = (d: DocRecord) => d.deleted !== 1 && (!filter.kind || d.kind === filter.kind) && (!filter.state || d.state === filter.state);
      // Without a filter the first screen is one index range (a filter walks the cursor in script: 45 ms at 10,000 documents).
      if (limit !== undefined && !filter.kind && !filter.state) return (await t.materials.orderBy('title').limit(limit).toArray()).filter(keep);
      if (limit !== undefined) return t.materials.orderBy('title').filter(keep).limit(limit).toArray();
      return (await t.materials.orderBy('title').toArray()).filter(keep);
    },
    async get(id: string): Promise<DocRecord | undefined> {
      const d = await t.materials.get(id);
      return d && d.deleted !== 1 ? d : undefined;
    },
    async versions(id: string): Promise<MaterialVersion[]> {
      return alive(await t.materialVersions.where('materialId').equals(id).toArray()).sort((a, b) => b.version - a.version || b.publishedAt.localeCompare(a.publishedAt));
    },
    /** A new draft document, saved as version 1. */
    async create(input: MaterialInput, changeNote = 'Created'): Promise<Result<{ material: Material; version: MaterialVersion }>> {
      const parsed = parseWith(MaterialInputSchema, { ...input, state: 'draft' }, 'document');
      if (!parsed.ok) return parsed;
      const who = await actor();
      const at = now();
      const record = parseWith(MaterialSchema, { ...parsed.value, ownerId: parsed.value.ownerId ?? who.id, id: newId(), version: 0, createdAt: at, updatedAt: at, stamps: {}, deleted: 0 }, 'document');
      if (!record.ok) return record;
      return db.transaction('rw', [t.materials, t.materialVersions], () => writeWithVersion(record.value, changeNote, who.id));
    },
    /** Save a change as the next version. State changes go through publish / retire. */
    async save(id: string, patch: Partial<MaterialInput>, changeNote = ''): Promise<Result<{ material: Material; version: MaterialVersion }>> {
      const { state: _ignored, ...rest } = patch;
      const who = await actor();
      return db.transaction('rw', [t.materials, t.materialVersions], async () => {
        const current = await t.materials.get(id);
        if (!current || current.deleted === 1) return gone('document');
        const parsed = parseWith(MaterialInputSchema, { ...current, ...rest }, 'document');
        if (!parsed.ok) return parsed;
        return writeWithVersion({ ...current, ...parsed.value, state: current.state, updatedAt: now() }, changeNote, who.id);
      });
    },
    async setState(id: string, state: DocumentState): Promise<Result<{ material: Material; version: MaterialVersion }>> {
      const who = await actor();
      return db.transaction('rw', [t.materials, t.materialVersions], async () => {
        const current = await t.materials.get(id);
        if (!current || current.deleted === 1) return gone('document');
        if (current.state === state) return err('conflict', `It is already ${state}.`);
        const note = state === 'published' ? 'Published' : state === 'retired' ? 'Retired' : 'Back to draft';
        return writeWithVersion({ ...current, state, updatedAt: now() }, note, who.id);
      });
    },
    async restore(id: string, versionId: string): Promise<Result<{ material: Material; version: MaterialVersion }>> {
      const who = await actor();
      return db.transaction('rw', [t.materials, t.materialVersions], async () => {
        const current = await t.materials.get(id);
        const old = await t.materialVersions.get(versionId);
        if (!current || current.deleted === 1) return gone('document');
        if (!old || old.materialId !== id) return gone('version');
        const versions = await t.materialVersions.where('materialId').equals(id).toArray();
        const r = restoreVersion({ material: current, version: old, versions, now: now(), by: who.id, newId });
        const version = parseWith(MaterialVersionSchema, { ...r.version, stamps: {}, deleted: 0 }, 'version');
        if (!version.ok) return version;
        await t.materialVersions.add(version.value);
        await t.materials.put(withWords(r.material));
        return ok({ material: r.material, version: version.value });
      });
    },
    async compare(olderId: string, newerId: string): Promise<Result<Comparison>> {
      const [a, b] = await Promise.all([t.materialVersions.get(olderId), t.materialVersions.get(newerId)]);
      if (!a || !b) return gone('version');
      return ok(compareVersions(a, b));
    },
    /** Full-text search over titles, systems, tags and text, offline: the longest query word through the index, the rest checked. */
    async search(query: string, limit = 50): Promise<DocRecord[]> {
      const q = parseQuery(query);
      if (q.terms.length === 0) return (await documents.list()).slice(0, limit);
      const longest = [...q.terms].sort((a, b) => b.length - a.length)[0]!;
      const out: DocRecord[] = [];
      const seen = new Set<string>();
      await t.materials
        .where('words')
        .startsWith(longest)
        .until(() => out.length >= limit)
        .each((d) => {
          if (seen.has(d.id) || d.deleted === 1) return;
          seen.add(d.id);
          if (matchesDocument(d.words ?? documentWords(d), query)) out.push(d);
        });
      return out.sort((a, b) => a.title.localeCompare(b.title));
    },
    async needsReview(today: string): Promise<DocRecord[]> {
      return needsReview(alive(await t.materials.where('reviewBy').below(today).toArray()), today);
    },
    async suggestFor(ticket: Pick<Ticket, 'title' | 'description' | 'systemId'>): Promise<Suggestion<DocRecord>[]> {
      const system = ticket.systemId ? await tk.tables.systems.get(ticket.systemId) : undefined;
      const docs = await t.materials.where('state').equals('published').toArray();
      return suggestDocuments({ ticket: { title: ticket.title, description: ticket.description, systemName: system?.name ?? null }, docs });
    },
    /** Link a ticket to the document it was resolved with (one link per pair, whichever device makes it). */
    async link(ticketId: string, materialId: string, relation: TicketDocument['relation'] = 'resolvedWith'): Promise<Result<TicketDocument>> {
      const who = await actor();
      return db.transaction('rw', [t.ticketDocuments, t.materials], async () => {
        const doc = await t.materials.get(materialId);
        if (!doc || doc.deleted === 1) return gone('document');
        const at = now();
        const id = ticketDocumentId(ticketId, materialId);
        const current = await t.ticketDocuments.get(id);
        const record = parseWith(TicketDocumentSchema, { id, createdAt: current?.createdAt ?? at, stamps: current?.stamps ?? {}, ticketId, materialId, relation, version: doc.version, linkedBy: who.id, linkedAt: at, updatedAt: at, deleted: 0 }, 'link');
        if (!record.ok) return record;
        await t.ticketDocuments.put(record.value);
        return ok(record.value);
      });
    },
    async ticketsSolvedBy(materialId: string): Promise<Ticket[]> {
      const links = alive(await t.ticketDocuments.where('materialId').equals(materialId).toArray()).filter((l) => l.relation === 'resolvedWith');
      const tickets = await tk.tables.tickets.bulkGet(links.map((l) => l.ticketId));
      return tickets.filter((x) => !!x && x.deleted !== 1) as Ticket[];
    },
    async documentsOf(ticketId: string): Promise<TicketDocument[]> {
      return alive(await t.ticketDocuments.where('ticketId').equals(ticketId).toArray());
    },
    async solvedCounts(): Promise<Map<string, number>> {
      return solvedCounts(await t.ticketDocuments.toArray());
    },
  };

  const settings = {
    async cadence(): Promise<UpdateCadence> {
      const s = await t.informSettings.get(INFORM_SETTINGS_ID);
      const parsed = s ? InformSettingsSchema.safeParse(s) : null;
      return parsed?.success ? parsed.data.cadence : DEFAULT_CADENCE;
    },
    async setCadence(input: Partial<UpdateCadence>): Promise<Result<UpdateCadence>> {
      const cadence = parseWith(UpdateCadenceSchema, { ...(await settings.cadence()), ...input }, 'update cadence');
      if (!cadence.ok) return cadence;
      return db.transaction('rw', t.informSettings, async () => {
        const at = now();
        const current = await t.informSettings.get(INFORM_SETTINGS_ID);
        const record = parseWith(InformSettingsSchema, { id: INFORM_SETTINGS_ID, createdAt: at, stamps: {}, deleted: 0, ...(current ?? {}), cadence: cadence.value, updatedAt: at }, 'settings');
        if (!record.ok) return record;
        await t.informSettings.put(record.value);
        return ok(record.value.cadence);
      });
    },
  };

  async function deskCalendar(): Promise<CalendarSpec | null> {
    const policies = alive(await tk.tables.slaPolicies.toArray());
    const policy = policies.find((p) => p.isDefault) ?? policies[0];
    const cal = policy ? await tk.tables.calendars.get(policy.calendarId) : (await tk.tables.calendars.toArray()).find((c) => c.deleted !== 1);
    return cal ?? null;
  }

  const updates = {
    /** Record an update sent to the requester (a mail draft made elsewhere) in the ticket's work log. */
    async record(ticketId: string, input: { requesterName: string; subject: string; text: string; attachments?: string[] }): Promise<Result<WorkLogEntry>> {
      if (!input.text.trim()) return err('invalid_request', 'Write the update first', { text: 'Required' });
      return tk.workLog.add(ticketId, requesterUpdateEntry(input));
    },
    /**
     * The latest contact per ticket: each ticket's `[ticketId+at]` range, all
     * asked at once in one read transaction (bench/inform: at 1,400 open
     * tickets about 0.5 s, where one request after another took about 0.65 s
     * and a single cursor over every range, Dexie's inAnyRange, 2.3 s).
     */
    async lastContact(ticketIds: readonly string[]): Promise<Map<string, string>> {
      if (ticketIds.length === 0) return new Map();
      const ids = [...new Set(ticketIds)];
      const log = tk.tables.workLog;
      const lists = await db.transaction('r', log, () => Promise.all(ids.map((id) => log.where('[ticketId+at]').between([id, ''], [id, '\uffff']).toArray())));
      return lastContactByTicket(lists.flat());
    },
    /** Open tickets whose requester has heard nothing for their priority's number of business days. */
    async needingUpdate(): Promise<NeedsUpdateRow<Ticket>[]> {
      return (await updates.needsUpdateList()).rows;
    },
    /**
     * The "Needs an update" view: the rows, and the calendar they were counted
     * by (the desk's default SLA calendar; without one, Monday to Friday in the
     * device's zone, and `calendarName` is null so the view can say so).
     */
    async needsUpdateList(): Promise<{ rows: NeedsUpdateRow<Ticket>[]; calendarName: string | null; cadence: UpdateCadence }> {
      const desk = await deskCalendar();
      const cal = desk ?? fallbackUpdateCalendar(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
      const open = alive(await tk.tables.tickets.where('status').anyOf(['new', 'open', 'pending']).toArray());
      const lastContact = await updates.lastContact(open.map((x) => x.id));
      const cadence = await settings.cadence();
      return { rows: needsUpdate({ tickets: open, lastContact, cadence, calendar: cal, now: now() }), calendarName: desk ? ((desk as { name?: string }).name ?? 'the desk calendar') : null, cadence };
    },
  };

  const reports = {
    async definitions(): Promise<ReportDefinition[]> {
      return alive(await t.reportDefinitions.orderBy('name').toArray());
    },
    async saveDefinition(id: string | null, input: ReportDefinitionInput): Promise<Result<ReportDefinition>> {
      const parsed = parseWith(ReportDefinitionInputSchema, input, 'saved report');
      if (!parsed.ok) return parsed;
      const who = await actor();
      return db.transaction('rw', t.reportDefinitions, async () => {
        const at = now();
        const current = id ? await t.reportDefinitions.get(id) : undefined;
        if (id && (!current || current.deleted === 1)) return gone('saved report');
        const record = parseWith(ReportDefinitionSchema, { ...(current ?? { id: newId(), ownerId: who.id, createdAt: at, stamps: {}, deleted: 0, lastRunAt: null }), ...parsed.value, updatedAt: at }, 'saved report');
        if (!record.ok) return record;
        await t.reportDefinitions.put(record.value);
        return ok(record.value);
      });
    },
    async removeDefinition(id: string): Promise<Result<{ id: string }>> {
      return db.transaction('rw', t.reportDefinitions, async () => {
        const d = await t.reportDefinitions.get(id);
        if (!d || d.deleted === 1) return gone('saved report');
        await t.reportDefinitions.put({ ...d, deleted: 1, updatedAt: now() });
        return ok({ id });
      });
    },
    /** The user's own saved reports (others' sync too, but a saved report is its owner's). */
    async mine(): Promise<ReportDefinition[]> {
      // The table first: a live query watches what it reads before any await that is not Dexie's (the actor may be cached).
      const all = await reports.definitions();
      const who = await actor();
      const ids = new Set([who.id, ...(who.ids ?? [])]);
      return all.filter((d) => ids.has(d.ownerId));
    },
    /** The zone a report's dates and times are in: the desk's business calendar's. */
    async timeZone(): Promise<string> {
      return (await deskCalendar())?.timeZone ?? 'UTC';
    },
    /** A saved report was run again: its last run is now (synced, so the owner's other laptop sees it). */
    async markRun(id: string): Promise<Result<ReportDefinition>> {
      const who = await actor();
      const ids = new Set([who.id, ...(who.ids ?? [])]);
      return db.transaction('rw', t.reportDefinitions, async () => {
        const d = await t.reportDefinitions.get(id);
        if (!d || d.deleted === 1) return gone('saved report');
        // Someone else's report: running it is fine, but its last run is its owner's to record (the server would refuse).
        if (!ids.has(d.ownerId)) return ok(d);
        const next = { ...d, lastRunAt: now(), updatedAt: now() };
        await t.reportDefinitions.put(next);
        return ok(next);
      });
    },
    /** Assemble a report from what this device holds. */
    async run(def: Pick<ReportDefinition, 'scope' | 'scopeId' | 'period' | 'from' | 'to'>): Promise<Result<StatusReport>> {
      const at = now();
      const cal = await deskCalendar();
      const tz = cal?.timeZone ?? 'UTC';
      const today = isoDateOfDay(localDayOf(tz, Date.parse(at)));
      const period = periodDates(def.period, today, { from: def.from, to: def.to });
      const sites = alive(await tk.tables.sites.toArray());
      const siteAgency = new Map(sites.map((s) => [s.id, s.agencyId]));
      let tickets: Ticket[];
      if (def.scope === 'site') tickets = await tk.tables.tickets.where('siteId').equals(def.scopeId).toArray();
      else if (def.scope === 'agency') tickets = await tk.tables.tickets.where('siteId').anyOf(sites.filter((s) => s.agencyId === def.scopeId).map((s) => s.id)).toArray();
      else if (def.scope === 'requester') tickets = await tk.tables.tickets.where('requesterId').equals(def.scopeId).toArray();
      else tickets = await tk.tables.tickets.filter((x) => x.teamId === def.scopeId).toArray();
      const lastContact = await updates.lastContact(tickets.filter((x) => x.status === 'new' || x.status === 'open' || x.status === 'pending').map((x) => x.id));
      const policies: SlaPolicy[] = alive(await tk.tables.slaPolicies.toArray());
      const calendars = new Map((await tk.tables.calendars.toArray()).map((c) => [c.id, c]));
      const sla = (x: Pick<Ticket, 'siteId' | 'createdAt' | 'priority' | 'pauses' | 'status' | 'firstRespondedAt' | 'resolvedAt' | 'closedAt'>): SlaLabel => {
        const policy = pickPolicy(x, policies);
        const c = policy ? calendars.get(policy.calendarId) : undefined;
        if (!policy || !c) return 'no SLA';
        const s = slaState(x, policy, c, at).resolution;
        return s.breached ? 'breached' : s.paused ? 'paused' : s.atRisk ? 'at risk' : 'on track';
      };
      // Names of the people the open requests show (the report names no one else): read by id, not the whole
      // directory (20,000 people were a quarter of the report's time at 100,000 tickets; bench/inform).
      const shown = [...new Set(tickets.filter((x) => x.status === 'new' || x.status === 'open' || x.status === 'pending').flatMap((x) => (x.assigneeId ? [x.requesterId, x.assigneeId] : [x.requesterId])))];
      const people = new Map((await db.table('people').bulkGet(shown)).filter((p): p is { id: string; name: string } => Boolean(p)).map((p) => [p.id, p.name]));
      const training = await trainingHeld(siteAgencyNames(sites, alive(await tk.tables.agencies.toArray())));
      return ok(
        assembleStatusReport({
          scope: def.scope,
          scopeId: def.scopeId,
          period,
          timeZone: tz,
          now: at,
          tickets,
          siteAgency,
          lastContact,
          sla: (x) => sla(x as Ticket),
          training,
          names: { people, sites: new Map(sites.map((s) => [s.id, s.name])) },
        }),
      );
    },
  };

  /** Agency ids by folded name: training attendees name their agency in words (walk-ins) or through the directory. */
  function siteAgencyNames(_sites: unknown[], agencies: { id: string; name: string }[]): Map<string, string> {
    return new Map(agencies.map((a) => [fold(a.name.trim()), a.id]));
  }

  async function trainingHeld(agencyByName: Map<string, string>): Promise<TrainingHeld[]> {
    const [sessions, courses, registrations] = await Promise.all([db.table('sessions').toArray(), db.table('courses').toArray(), db.table('registrations').toArray()]);
    // Only the attendees' directory records (their agency), by id.
    const attendeeIds = [...new Set((registrations as { attendee: { kind: string; personId?: string } }[]).flatMap((r) => (r.attendee.kind === 'person' && r.attendee.personId ? [r.attendee.personId] : [])))];
    const people = (await db.table('people').bulkGet(attendeeIds)).filter(Boolean);
    const courseTitle = new Map(courses.map((c: { id: string; title: string }) => [c.id, c.title]));
    const personAgency = new Map(people.map((p: { id: string; agency?: string }) => [p.id, p.agency ?? '']));
    const bySession = new Map<string, { agencies: Set<string>; n: number }>();
    for (const r of registrations as { sessionId: string; status: string; deleted?: number; attendee: { kind: string; personId?: string; agency?: string } }[]) {
      if (r.deleted === 1 || r.status === 'cancelled' || r.status === 'waitlisted') continue;
      const name = r.attendee.kind === 'person' ? (personAgency.get(r.attendee.personId ?? '') ?? '') : (r.attendee.agency ?? '');
      const agency = agencyByName.get(fold(name.trim()));
      const e = bySession.get(r.sessionId) ?? { agencies: new Set<string>(), n: 0 };
      e.n++;
      if (agency) e.agencies.add(agency);
      bySession.set(r.sessionId, e);
    }
    return (sessions as { id: string; courseId: string; startLocal: string; status: TrainingHeld['status']; deleted?: number }[])
      .filter((s) => s.deleted !== 1)
      .map((s) => ({ sessionId: s.id, title: courseTitle.get(s.courseId) ?? 'Training', startLocal: s.startLocal, status: s.status, agencyIds: [...(bySession.get(s.id)?.agencies ?? [])], attendees: bySession.get(s.id)?.n ?? 0 }));
  }

  return { tables: t, canned, documents, settings, updates, reports };
}
export type InformRepositories = ReturnType<typeof informRepositories>;
