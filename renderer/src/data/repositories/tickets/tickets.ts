import Dexie, { type Table } from 'dexie';
import { err, ok, type Result } from '../../../../../shared/result';
import type { Status } from '../../../../../shared/tickets/enums';
import { createTicket } from '../../../../../shared/tickets/create';
import { applyEdit } from '../../../../../shared/tickets/edit';
import { deEscalate, escalate, type EscalationInput } from '../../../../../shared/tickets/escalation';
import { diffForHistory, NAMED_FIELDS, namedIds, withIds, type HistoryDraft, type HistoryEvent, type NameOf, type NamedField } from '../../../../../shared/tickets/history';
import { clearPriorityOverride, overridePriority } from '../../../../../shared/tickets/priority';
import { type RouteSuggestion } from '../../../../../shared/tickets/routing';
import { TicketSchema, type Ticket, type TicketCreateInput, type TicketPatchInput } from '../../../../../shared/tickets/schema';
import { applyTransition, type TransitionContext } from '../../../../../shared/tickets/transitions';
import { parseWith } from '../../../../../shared/validation';
import { stripKeys, withKeys, type TicketRow } from './derive';
import { ticketWords } from './word-refresh';
import { takeTicketNumber } from './numbering';
import { atomically, orRollback } from './rollback';
import { slaFor, slaFrom, type SlaContext } from './sla-context';
import { withDueTimes, type SlaPolicy } from '../../../../../shared/tickets/sla';
import type { BusinessCalendar } from '../../../../../shared/tickets/calendar';
import { alive, type Actor, type RepoContext } from './tables';
import { withoutWordBlocks } from './word-blocks';
import { commitPlacedWrites } from '../../early-commit';
import { canSaveDirectly, saveDirectly } from '../../direct-save';

export interface SavedTicket {
  ticket: Ticket;
  /** History events written with this change. */
  events: number;
}

export type TransitionInput = Pick<TransitionContext, 'pendingReason' | 'resolution'>;

export interface BulkChange {
  assigneeId?: string | null;
  teamId?: string | null;
  status?: Status;
  pendingReason?: TransitionContext['pendingReason'];
  resolution?: TransitionContext['resolution'];
  /** Priority by override: a bulk re-rating is a judgement call and carries its reason. */
  priority?: { priority: 'P1' | 'P2' | 'P3' | 'P4'; reason: string };
  addTags?: string[];
  removeTags?: string[];
}

export interface BulkResult {
  changed: number;
  /** Tickets the rules refused, each with why; the others were saved. */
  skipped: { number: string; message: string }[];
}

/**
 * The only writer of tickets. Every change is checked by the shared rules,
 * the resulting record is validated with TicketSchema, and the ticket, its
 * history events and (through the change-log middleware) the outbox rows are
 * written in one transaction: all of it or none of it.
 */
export function ticketsRepository(ctx: RepoContext) {
  const { db, t, now, newId, deviceId } = ctx;
  const scope = () => [t.tickets, t.history, t.workLog, t.people, t.teams, t.slaPolicies, t.calendars, t.routingRules, t.links, db.meta];

  async function current(id: string): Promise<Result<Ticket>> {
    const row = await t.tickets.get(id);
    if (!row || row.deleted) return err('not_found', 'That ticket no longer exists on this device.');
    return ok(stripKeys(row));
  }

  /** Search words from the ticket's text, its requester's name and its work log. */
  async function wordsFor(ticket: Ticket, extraBodies: readonly string[] = []): Promise<string[]> {
    const requester = await t.people.get(ticket.requesterId);
    const entries = alive(await t.workLog.where('ticketId').equals(ticket.id).toArray());
    return ticketWords(ticket, requester?.name, [...entries.map((e) => e.body), ...extraBodies]);
  }

  /** The checked record and the history events of a change: what a save writes. */
  function prepare(before: Ticket | null, after: Ticket, actor: Actor, at: string, extra: HistoryDraft[] = [], names?: NameOf): Result<{ ticket: Ticket; events: HistoryEvent[] }> {
    const valid = parseWith(TicketSchema, after, 'ticket');
    if (!valid.ok) return valid;
    return ok({ ticket: valid.value, events: withIds([...diffForHistory(before, valid.value, actor.id, deviceId(), at, names), ...extra], newId) });
  }

  /**
   * The names, as they are now, of the teams, sites, systems and people a
   * change names, so its history keeps what they were called at the time.
   * Read only from the stores the open transaction already holds (a write
   * never widens its scope for this); an id whose store is not held, or that
   * is not on this device, gets no recorded name and is named when shown.
   */
  /**
   * Stores a write reads only for the names of the time: inside a caller's
   * transaction (which a nested one must not widen) just those it holds.
   */
  const joinable = (tables: Table[]): Table[] => {
    const tx = Dexie.currentTransaction;
    return tx ? tables.filter((tb) => tx.storeNames.includes(tb.name)) : tables;
  };

  /** The store of the records a named field's ids point at. */
  const namedTable = (field: NamedField): Table => (field === 'teamId' ? t.teams : field === 'siteId' ? t.sites : field === 'systemId' ? t.systems : t.people);

  async function namesNow(before: Ticket | null, after: Ticket): Promise<NameOf | undefined> {
    const wanted = namedIds(before, after);
    if (wanted.length === 0) return undefined;
    const held = new Set(Dexie.currentTransaction?.storeNames ?? []);
    const found = new Map<string, string>();
    for (const { field, id } of wanted) {
      const table = namedTable(field) as Table<{ id: string; name?: unknown }, string>;
      if (!held.has(table.name)) continue;
      const row = await table.get(id);
      if (row && typeof row.name === 'string') found.set(`${field}:${id}`, row.name);
    }
    return (field, id) => found.get(`${field}:${id}`);
  }

  /**
   * Validate and write one ticket with the history of its change. Call inside
   * a transaction; `last` when nothing else will be written in it, so it can
   * commit without waiting for the writes' answers (early-commit.ts).
   */
  async function write(before: Ticket | null, after: Ticket, actor: Actor, at: string, extra: HistoryDraft[] = [], { last = false } = {}): Promise<Result<SavedTicket>> {
    const prepared = prepare(before, after, actor, at, extra, await namesNow(before, after));
    if (!prepared.ok) return prepared;
    const { ticket, events } = prepared.value;
    // Queued together: IndexedDB keeps their order, and the transaction still commits all or nothing.
    const written = Promise.all([t.tickets.put(withKeys(ticket)), events.length ? t.history.bulkAdd(events) : null]);
    if (last) commitPlacedWrites();
    await written;
    return ok({ ticket, events: events.length });
  }

  /**
   * The stores an edit of these fields reads and writes, and whether it can
   * change the ticket's search words. Every store named in a transaction
   * costs IndexedDB a little to open and lock, which a one-field edit feels
   * (about a millisecond for three stores more); the change log adds the
   * outbox itself, and the blocks store comes too only when words can change.
   */
  function editScope(patch: TicketPatchInput): { stores: Table[]; words: boolean; rated: boolean } {
    const keys = typeof patch === 'object' && patch !== null ? Object.keys(patch) : [];
    const stores: Table[] = [t.tickets, t.history];
    // A change of team, site, system, requester or assignee records the names they have now (namesNow).
    stores.push(...joinable(NAMED_FIELDS.filter((f) => f !== 'requesterId' && f !== 'assigneeId' && keys.includes(f)).map(namedTable)));
    // Only impact and urgency can move the priority, and so the due times: otherwise the SLA settings are not read.
    const rated = keys.includes('impact') || keys.includes('urgency');
    if (rated) stores.push(t.slaPolicies, t.calendars);
    // The text and the requester (a name is searched, and a new one is checked in the directory) make the words.
    const words = keys.some((k) => k === 'title' || k === 'description' || k === 'requesterId');
    if (words) stores.push(t.workLog, t.people);
    else if (keys.includes('assigneeId')) stores.push(...joinable([t.people]));
    return { stores, words, rated };
  }

  /** A change of the ticket's own fields that cannot touch its words (a status, an escalation, a priority): the ticket, its history, and `more`. */
  const fieldsOnly = (...more: Table[]) => ({ stores: [t.tickets, t.history, ...more], words: false });

  /**
   * Load, change with a rule, write: the common shape of every single-ticket
   * action. The actor is known before the transaction opens (from memory,
   * almost always), so the transaction need not take the profile's stores.
   */
  function change(
    id: string,
    rule: (ticket: Ticket, at: string, actor: Actor) => Promise<Result<Ticket>> | Result<Ticket>,
    { stores, words }: { stores: Table[]; words: boolean },
  ): Promise<Result<SavedTicket>> {
    return atomically(async () => {
      const actor = await ctx.actor();
      const open = () =>
        db.transaction('rw', stores, async () => {
          const before = orRollback(await current(id));
          const at = now();
          const after = orRollback(await rule(before, at, actor));
          return ok(orRollback(await write(before, after, actor, at, [], { last: true })));
        });
      return words ? open() : withoutWordBlocks(open);
    });
  }

  /**
   * The same for a change that needs nothing but the ticket and, with `sla`,
   * the SLA settings (a field edit, a status change, an escalation, a
   * priority override): reads, rule and writes on one IndexedDB transaction
   * of its own, beside Dexie (direct-save.ts), which is what makes a
   * one-field save cost about what a bare put does. The settings are read
   * beside the ticket, in the same round trip. Not from inside a transaction
   * (there it joins it, through Dexie), and never a change of the search
   * words: this path does not keep the word blocks, so the rule must leave
   * `words` alone.
   */
  async function changeDirectly(id: string, rule: (ticket: Ticket, at: string, actor: Actor, sla: SlaContext) => Result<Ticket>, { sla = false, named = [] as readonly NamedField[] } = {}): Promise<Result<SavedTicket>> {
    if (!canSaveDirectly(db)) {
      const more = [...(sla ? [t.slaPolicies, t.calendars] : []), ...joinable([...new Set(named.map(namedTable))])];
      return change(id, async (before, at, actor) => rule(before, at, actor, sla ? await slaFor(t, before) : NO_SLA), fieldsOnly(...more));
    }
    const actor = await ctx.actor();
    const stores = [t.tickets.name, t.history.name, ...(sla ? [t.slaPolicies.name, t.calendars.name] : []), ...new Set(named.map((f) => namedTable(f).name))];
    return saveDirectly(db, stores, async (tx) => {
      const [row, policies, calendars] = await Promise.all([
        tx.get<TicketRow>(t.tickets.name, id),
        sla ? tx.getAll<SlaPolicy>(t.slaPolicies.name) : [],
        sla ? tx.getAll<BusinessCalendar>(t.calendars.name) : [],
      ]);
      if (!row || row.deleted) return err('not_found', 'That ticket no longer exists on this device.');
      const before = stripKeys(row);
      const at = now();
      const context = sla ? slaFrom(policies, new Map(calendars.map((c) => [c.id, c])), before) : NO_SLA;
      const after = rule(before, at, actor, context);
      if (!after.ok) return after;
      if (!sameWords(after.value.words, before.words)) throw new Error('A change of search words must be saved through Dexie (the word blocks).');
      // A change of team, site, system or assignee records their names of the time (namesNow).
      const wanted = namedIds(before, after.value).filter((w) => named.includes(w.field));
      const rows = await Promise.all(wanted.map((w) => tx.get<{ name?: unknown }>(namedTable(w.field).name, w.id)));
      const found = new Map(wanted.flatMap((w, i) => (typeof rows[i]?.name === 'string' ? [[`${w.field}:${w.id}`, rows[i].name as string] as const] : [])));
      const names: NameOf | undefined = found.size ? (field, nid) => found.get(`${field}:${nid}`) : undefined;
      const prepared = prepare(before, after.value, actor, at, [], names);
      if (!prepared.ok) return prepared;
      const { ticket, events } = prepared.value;
      tx.write(t.tickets.name, 'put', [withKeys(ticket)], [row]);
      if (events.length) tx.write(t.history.name, 'add', events, events.map(() => undefined));
      return ok({ ticket, events: events.length });
    });
  }

  const requesterError = () => err('not_found', 'Choose a requester from the directory, or add them.', { requesterId: 'Choose a requester from the directory' });

  return {
    get: async (id: string): Promise<Ticket | null> => {
      const row = await t.tickets.get(id);
      return row ? stripKeys(row) : null;
    },

    /** Create a ticket: numbered on this device, routed by the rules unless a team was chosen, due times set. */
    async create(input: TicketCreateInput): Promise<Result<{ ticket: Ticket; route: RouteSuggestion | null }>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', scope(), async () => {
          const at = now();
          const requesterId = typeof input?.requesterId === 'string' ? input.requesterId : '';
          const requester = requesterId ? await t.people.get(requesterId) : undefined;
          const siteId = typeof input?.siteId === 'string' ? input.siteId : null;
          const sla = await slaFor(t, { siteId });
          const rules = alive(await t.routingRules.toArray());
          // Validate before taking a number, so a refused form does not use one up.
          const trial = createTicket(input, { id: 'pending', number: 'AAAA-00001', now: at, createdBy: actor.id });
          if (!trial.ok) return trial;
          if (!requester || requester.deleted) return requesterError();
          const number = await takeTicketNumber(db, t, deviceId());
          const created = orRollback(
            createTicket(input, { id: newId(), number, now: at, createdBy: actor.id, rules, policy: sla.policy, calendar: sla.calendar, requesterName: requester.name }),
          );
          const saved = orRollback(await write(null, created.ticket, actor, at, [], { last: true }));
          return ok({ ticket: saved.ticket, route: created.route });
        }),
      );
    },

    /** Edit fields in place. Closed and cancelled tickets are read-only (edit.ts). */
    edit(id: string, patch: TicketPatchInput): Promise<Result<SavedTicket>> {
      const scope = editScope(patch);
      if (!scope.words) {
        // The text does not change, so neither do the words: the ticket (and for a new rating, the SLA settings) decides.
        return changeDirectly(
          id,
          (before, at, _actor, sla) => {
            const edited = applyEdit(before, patch, { now: at, ...sla });
            if (!edited.ok) return edited;
            return edited.value.changed.length === 0 ? err('conflict', 'Nothing changed.') : ok(edited.value.ticket);
          },
          { sla: scope.rated, named: NAMED_FIELDS.filter((f) => typeof patch === 'object' && patch !== null && Object.hasOwn(patch, f)) },
        );
      }
      return change(id, async (before, at) => {
        const sla = scope.rated ? await slaFor(t, before) : NO_SLA;
        const edited = applyEdit(before, patch, { now: at, ...sla });
        if (!edited.ok) return edited;
        if (edited.value.changed.length === 0) return err('conflict', 'Nothing changed.');
        const next = edited.value.ticket;
        if (next.requesterId !== before.requesterId) {
          const requester = await t.people.get(next.requesterId);
          if (!requester || requester.deleted) return requesterError();
        }
        const textChanged = ['title', 'description', 'requesterId'].some((f) => edited.value.changed.includes(f));
        return ok(textChanged ? { ...next, words: await wordsFor(next) } : next);
      }, scope);
    },

    /** Change status by the one transition rule (pending needs a reason, resolving a resolution). */
    transition(id: string, to: Status, input: TransitionInput = {}): Promise<Result<SavedTicket>> {
      return changeDirectly(id, (before, at, _actor, sla) => applyTransition(before, to, { at, ...input, ...sla }), { sla: true });
    },

    escalate(id: string, input: Pick<EscalationInput, 'reason' | 'toLevel' | 'teamId'>): Promise<Result<SavedTicket>> {
      return changeDirectly(id, (before, at, actor) => escalate(before, { ...input, by: actor.id, at }), { named: input.teamId !== undefined ? ['teamId'] : [] });
    },

    deEscalate(id: string, input: Pick<EscalationInput, 'reason' | 'toLevel'>): Promise<Result<SavedTicket>> {
      return changeDirectly(id, (before, at, actor) => deEscalate(before, { ...input, by: actor.id, at }));
    },

    overridePriority(id: string, input: { priority: 'P1' | 'P2' | 'P3' | 'P4'; reason: string }): Promise<Result<SavedTicket>> {
      return changeDirectly(
        id,
        (before, at, actor, sla) => {
          const r = overridePriority(before, { ...input, by: actor.id, at });
          if (!r.ok) return r;
          return ok(r.value.priority !== before.priority && sla.policy ? applyDue(r.value, sla) : r.value);
        },
        { sla: true },
      );
    },

    clearPriorityOverride(id: string): Promise<Result<SavedTicket>> {
      return changeDirectly(
        id,
        (before, at, _actor, sla) => {
          const r = clearPriorityOverride(before, at);
          return r.ok ? ok(applyDue(r.value, sla)) : r;
        },
        { sla: true },
      );
    },

    /**
     * One change applied to many tickets in one transaction. A ticket the
     * rules refuse (closing an open ticket, say) is skipped and reported; the
     * others are saved. Bad input (an empty override reason) refuses the lot.
     */
    async bulkEdit(ids: readonly string[], c: BulkChange): Promise<Result<BulkResult>> {
      const actor = await ctx.actor();
      return atomically(() =>
        db.transaction('rw', scope(), async () => {
          const at = now();
          const skipped: BulkResult['skipped'] = [];
          let changed = 0;
          for (const id of ids) {
            const loaded = await current(id);
            if (!loaded.ok) continue;
            const before = loaded.value;
            const sla = await slaFor(t, before);
            let next: Ticket = before;
            const step = (r: Result<Ticket>): boolean => {
              if (r.ok) next = r.value;
              else skipped.push({ number: before.number, message: r.error.message });
              return r.ok;
            };
            const fields: TicketPatchInput = {};
            if (c.assigneeId !== undefined) fields.assigneeId = c.assigneeId;
            if (c.teamId !== undefined) fields.teamId = c.teamId;
            if (c.addTags?.length || c.removeTags?.length) {
              const remove = new Set((c.removeTags ?? []).map((x) => x.trim().toLowerCase()));
              fields.tags = [...before.tags.filter((x) => !remove.has(x)), ...(c.addTags ?? [])];
            }
            if (Object.keys(fields).length) {
              const e = applyEdit(next, fields, { now: at, ...sla });
              if (!e.ok) {
                if (e.error.code === 'invalid_request') return e;
                skipped.push({ number: before.number, message: e.error.message });
                continue;
              }
              next = e.value.ticket;
            }
            if (c.priority && next.priority !== c.priority.priority) {
              const r = overridePriority(next, { ...c.priority, by: actor.id, at });
              if (!r.ok && r.error.code === 'invalid_request') return r;
              if (!step(r.ok ? ok(applyDue(r.value, sla)) : r)) continue;
            }
            if (c.status && next.status !== c.status) {
              const r = applyTransition(next, c.status, { at, pendingReason: c.pendingReason, resolution: c.resolution, ...sla });
              if (!r.ok && r.error.code === 'invalid_request') return r;
              if (!step(r)) continue;
            }
            if (next === before) continue;
            orRollback(await write(before, next, actor, at));
            changed++;
          }
          return ok({ changed, skipped });
        }),
      );
    },

    /** Internal for sibling repositories: validated write inside their transaction. */
    write,
    wordsFor,
    scope,
    current,
  };
}

/** No SLA settings read: the rule keeps the due times it has. */
const NO_SLA: SlaContext = { policy: null, calendar: null };

const sameWords = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((w, i) => w === b[i]));

/** A priority change moves the due times, since the targets depend on it. */
const applyDue = (ticket: Ticket, sla: SlaContext): Ticket => withDueTimes(ticket, sla.policy, sla.calendar);

export type TicketsRepository = ReturnType<typeof ticketsRepository>;
export type { TicketRow };
