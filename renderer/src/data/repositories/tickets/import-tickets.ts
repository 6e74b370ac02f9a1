import type { Person, PersonInput } from '../../../../../shared/people/schema';
import { TICKET_IMPORT_FIELDS, TicketImportFieldsSchema, buildImportedTicket, type TicketImportRow } from '../../../../../shared/import/ticket-rows';
import type { RowError, RowIssue } from '../../../../../shared/import/row-validation';
import { err, ok, type Result } from '../../../../../shared/result';
import type { Ticket } from '../../../../../shared/tickets/schema';
import { withDueTimes } from '../../../../../shared/tickets/sla';
import { diffForHistory, withIds } from '../../../../../shared/tickets/history';
import { withKeys } from './derive';
import { takeTicketNumber } from './numbering';
import { peopleRepository } from '../people';
import { atomically, Rollback } from './rollback';
import { slaFrom, type SlaContext } from './sla-context';
import { alive, type Actor, type RepoContext } from './tables';

export interface TicketImportOptions {
  /** Each row's number in the file (header = row 1), for messages; default: position + 2. */
  rowNumbers?: readonly number[];
  /** Field key → the file's header text, for messages; default: the field's own header. */
  columns?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; label: string }) => void;
}

export interface TicketImportCheck {
  rows: number;
  /** Rows that would make a ticket. The import goes ahead only when `errors` is empty. */
  valid: number;
  errors: RowError[];
  /** Requesters not in the directory yet, by name: the import adds them. */
  newRequesters: string[];
}

export interface TicketImportDone {
  added: number;
  requestersAdded: number;
  historyEvents: number;
}

/** Names compare as people type them: case, accents' composition and spacing do not matter. */
const nameKey = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

const CHUNK = 2000;
const cancelled = () => err('cancelled', 'The import was cancelled. Nothing was imported.');
const HEADER_OF = new Map(TICKET_IMPORT_FIELDS.map((f) => [f.key, f.header]));

interface Planned {
  tickets: Ticket[];
  newPeople: PersonInput[];
  /** For each ticket, an index into newPeople when its requester is one of them. */
  newRequesterOf: (number | undefined)[];
  errors: RowError[];
}

/**
 * Import tickets that a dry run in main has validated row by row
 * (shared/import/ticket-rows.ts): resolve the names in each row to this
 * device's people, teams, sites and systems, build each ticket with the
 * shared rules, and write everything — new requesters, tickets, one
 * `created` history event each, and (through the change-log middleware) an
 * outbox row for every record — in ONE transaction. Any bad row, a cancel or
 * a failed write leaves the database as it was.
 */
export function ticketImporter(ctx: RepoContext) {
  const { db, t, now, newId, deviceId } = ctx;
  const scope = () => [t.tickets, t.history, t.people, t.teams, t.sites, t.systems, t.slaPolicies, t.calendars, db.meta];

  /** Ticket numbers already on this device, for the dry run's duplicate check. */
  async function existingNumbers(): Promise<string[]> {
    return (await t.tickets.orderBy('number').uniqueKeys()) as string[];
  }

  async function plan(input: readonly unknown[], o: TicketImportOptions, actor: Actor, at: string, numbered: boolean): Promise<Planned> {
    const [people, teams, sites, systems, numbers, policies, calendars] = await Promise.all([
      t.people.toArray(),
      t.teams.toArray(),
      t.sites.toArray(),
      t.systems.toArray(),
      existingNumbers(),
      t.slaPolicies.toArray(),
      t.calendars.toArray(),
    ]);
    const calendarById = new Map(calendars.map((c) => [c.id, c]));
    const byName = <T extends { name: string; deleted: 0 | 1 }>(rows: readonly T[]) => {
      const m = new Map<string, T>();
      for (const r of alive(rows)) if (!m.has(nameKey(r.name))) m.set(nameKey(r.name), r);
      return m;
    };
    const [teamBy, siteBy, systemBy] = [byName(teams), byName(sites), byName(systems)];
    const peopleBy = new Map<string, Person[]>();
    for (const p of alive(people)) {
      const k = nameKey(p.name);
      const list = peopleBy.get(k);
      if (list) list.push(p);
      else peopleBy.set(k, [p]);
    }
    const taken = new Set(numbers.map((n) => n.toUpperCase()));
    const seen = new Map<string, number>();
    const newPeople: PersonInput[] = [];
    const newPeopleBy = new Map<string, number>();
    const slaCache = new Map<string, SlaContext>();
    const tickets: Ticket[] = [];
    const newRequesterOf: (number | undefined)[] = [];
    const errors: RowError[] = [];
    const column = (key: string) => o.columns?.[key] ?? HEADER_OF.get(key) ?? key;

    for (const [i, raw] of input.entries()) {
      if (i % CHUNK === 0 && o.signal?.aborted) throw new Rollback(cancelled());
      const rowNumber = o.rowNumbers?.[i] ?? i + 2;
      const issues: RowIssue[] = [];
      const issue = (key: string, message: string) => issues.push({ column: column(key), field: key, message });
      // The row crossed a process boundary: check its fields again with the dry run's schema (the
      // whole-ticket rules run once, in buildImportedTicket below).
      const parsed = TicketImportFieldsSchema.safeParse(raw);
      if (!parsed.success) {
        for (const x of parsed.error.issues) issue(String(x.path[0] ?? ''), x.message);
        errors.push({ row: rowNumber, errors: issues });
        continue;
      }
      const row: TicketImportRow = parsed.data;

      // Requester: the person of that name at the file's agency (or with no agency on record); without an
      // agency in the file, a requester of that name. Someone of the same name at another agency is someone else.
      let requesterId: string;
      let newRequester: number | undefined;
      const candidates = peopleBy.get(nameKey(row.requester)) ?? [];
      const agency = row.agency ? nameKey(row.agency) : null;
      const person =
        agency !== null
          ? (candidates.find((p) => nameKey(p.agency) === agency) ?? candidates.find((p) => p.agency === ''))
          : (candidates.find((p) => p.kind === 'requester') ?? candidates[0]);
      if (person) {
        requesterId = person.id;
      } else {
        const key = `${nameKey(row.requester)}\u0000${nameKey(row.agency ?? '')}`;
        newRequester = newPeopleBy.get(key);
        if (newRequester === undefined) {
          newRequester = newPeople.length;
          newPeople.push({ name: row.requester, agency: row.agency ?? '', kind: 'requester' });
          newPeopleBy.set(key, newRequester);
        }
        requesterId = `new-requester-${newRequester}`;
      }
      const find = <T extends { id: string }>(key: 'site' | 'system' | 'team', map: Map<string, T>, what: string): string | null => {
        const value = row[key];
        if (!value) return null;
        const found = map.get(nameKey(value));
        if (!found) issue(key, `Unknown ${what} "${value}": add it in Settings first, or leave the column out of the import`);
        return found?.id ?? null;
      };
      const siteId = find('site', siteBy, 'site');
      const systemId = find('system', systemBy, 'system');
      const teamId = find('team', teamBy, 'team');
      let assigneeId: string | null = null;
      if (row.assignee) {
        const list = peopleBy.get(nameKey(row.assignee));
        const staff = list?.find((p) => p.kind === 'staff') ?? list?.[0];
        if (staff) assigneeId = staff.id;
        else issue('assignee', `Unknown assignee "${row.assignee}": add them to People as staff first`);
      }
      if (row.number) {
        const key = row.number.toUpperCase();
        const first = seen.get(key);
        if (taken.has(key)) issue('number', `Already exists: ticket ${row.number} is already on this device`);
        else if (first !== undefined) issue('number', `Duplicate: row ${first} has the same ticket number "${row.number}"`);
        else seen.set(key, rowNumber);
      }
      if (issues.length) {
        errors.push({ row: rowNumber, errors: issues });
        continue;
      }
      const number = row.number ?? (numbered ? await takeTicketNumber(db, t, deviceId()) : 'AAAA-00001');
      const built = buildImportedTicket(row, { id: newId(), number, requesterId, requesterName: row.requester, siteId, systemId, teamId, assigneeId, actorId: actor.id, now: at });
      if (!built.ok) {
        for (const [key, message] of Object.entries(built.error.fields ?? { title: built.error.message })) issue(key, message);
        errors.push({ row: rowNumber, errors: issues });
        continue;
      }
      let ticket = built.value;
      // A file without due times gets this device's SLA targets; due times in the file are kept as they are.
      if (!ticket.firstResponseDue && !ticket.resolutionDue) {
        const siteKey = ticket.siteId ?? '';
        let sla = slaCache.get(siteKey);
        if (!sla) slaCache.set(siteKey, (sla = slaFrom(policies, calendarById, ticket)));
        const { policy, calendar } = sla;
        if (policy && calendar) ticket = withDueTimes(ticket, policy, calendar);
      }
      tickets.push(ticket);
      newRequesterOf.push(newRequester);
      if (i % CHUNK === CHUNK - 1) o.onProgress?.({ done: i + 1, total: input.length, label: `Checked ${(i + 1).toLocaleString('en-US')} of ${input.length.toLocaleString('en-US')} rows` });
    }
    return { tickets, newPeople, newRequesterOf, errors };
  }

  return {
    existingNumbers,

    /** The dry run's second half: every row resolved and built as the import would, nothing written. */
    async check(rows: readonly unknown[], o: TicketImportOptions = {}): Promise<Result<TicketImportCheck>> {
      const actor = await ctx.actor();
      return atomically(async () => {
        const p = await db.transaction('r', scope(), () => plan(rows, o, actor, now(), false));
        return ok({ rows: rows.length, valid: p.tickets.length, errors: p.errors, newRequesters: p.newPeople.map((x) => x.name) });
      });
    },

    /** All or nothing: any bad row refuses the whole file, and cancel rolls back what was written. */
    async commit(rows: readonly unknown[], o: TicketImportOptions = {}): Promise<Result<TicketImportDone>> {
      if (rows.length === 0) return err('invalid_request', 'The file has no rows to import.');
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', scope(), async () => {
          const at = now();
          const p = await plan(rows, o, actor, at, true);
          if (p.errors.length) {
            const first = p.errors[0]!;
            throw new Rollback(err('invalid_request', `${p.errors.length} of ${rows.length} rows cannot be imported (row ${first.row}: ${first.errors.map((e) => `${e.column}: ${e.message}`).join('; ')}). Nothing was imported.`));
          }
          let requestersAdded = 0;
          if (p.newPeople.length) {
            const added = await peopleRepository(db).importMany(p.newPeople);
            if (!added.ok) throw new Rollback(added);
            requestersAdded = added.value.added;
            const ids = added.value.ids;
            p.tickets.forEach((ticket, i) => {
              const n = p.newRequesterOf[i];
              if (n !== undefined) ticket.requesterId = ids[n]!;
            });
          }
          const device = deviceId();
          let events = 0;
          for (let from = 0; from < p.tickets.length; from += CHUNK) {
            if (o.signal?.aborted) throw new Rollback(cancelled());
            const chunk = p.tickets.slice(from, from + CHUNK);
            const history = withIds(chunk.flatMap((ticket) => diffForHistory(null, ticket, actor.id, device, at)), newId);
            // Queued together in the one transaction: IndexedDB keeps their order, the commit is still all or nothing.
            await Promise.all([t.tickets.bulkAdd(chunk.map(withKeys)), t.history.bulkAdd(history)]);
            events += history.length;
            const done = Math.min(from + CHUNK, p.tickets.length);
            o.onProgress?.({ done, total: p.tickets.length, label: `Imported ${done.toLocaleString('en-US')} of ${p.tickets.length.toLocaleString('en-US')} tickets` });
          }
          return ok({ added: p.tickets.length, requestersAdded, historyEvents: events });
        }),
      );
    },
  };
}

export type TicketImporter = ReturnType<typeof ticketImporter>;
