import { describe, expect, it } from 'vitest';
import { PersonSchema } from '../../../../shared/people/schema';
import { generateSampleData, DEFAULT_NOW, type SampleChunk, type SampleOptions, type SampleTable } from '../../../../shared/sample-data/generate';
import { BusinessCalendarSchema, type BusinessCalendar } from '../../../../shared/tickets/calendar';
import { AgencySchema, SiteSchema, SystemSchema, TeamSchema } from '../../../../shared/tickets/catalog';
import { HistoryEventSchema } from '../../../../shared/tickets/history';
import { TicketLinkSchema } from '../../../../shared/tickets/links';
import { RoutingRuleSchema } from '../../../../shared/tickets/routing';
import { TicketSchema, type Ticket } from '../../../../shared/tickets/schema';
import { pickPolicy, SlaPolicySchema, slaState, type SlaPolicy } from '../../../../shared/tickets/sla';
import { WorkLogEntrySchema } from '../../../../shared/tickets/worklog';
import type { z } from 'zod';

type Collected = { [K in SampleTable]: Extract<SampleChunk, { table: K }>['records'] };

function collect(opts: SampleOptions): Collected {
  const out = {
    agencies: [], sites: [], systems: [], teams: [], calendars: [], slaPolicies: [], routingRules: [],
    people: [], tickets: [], workLog: [], ticketHistory: [], ticketLinks: [],
  } as unknown as Record<SampleTable, unknown[]>;
  for (const chunk of generateSampleData(opts)) out[chunk.table].push(...chunk.records);
  return out as Collected;
}

const small: SampleOptions = { seed: 42, tickets: 400, people: 120, workLogEntries: 2000, agencies: 4 };
const data = collect(small);

const SCHEMAS: { [K in SampleTable]: z.ZodType } = {
  agencies: AgencySchema,
  sites: SiteSchema,
  systems: SystemSchema,
  teams: TeamSchema,
  calendars: BusinessCalendarSchema,
  slaPolicies: SlaPolicySchema,
  routingRules: RoutingRuleSchema,
  people: PersonSchema,
  tickets: TicketSchema,
  workLog: WorkLogEntrySchema,
  ticketHistory: HistoryEventSchema,
  ticketLinks: TicketLinkSchema,
};

describe('generateSampleData', () => {
  it('makes exactly the requested counts', () => {
    expect(data.tickets).toHaveLength(400);
    expect(data.people).toHaveLength(120);
    expect(data.workLog).toHaveLength(2000);
    expect(data.agencies).toHaveLength(4);
    expect(data.agencies.map((a) => a.kind)).toEqual(['state_court', 'county_office_of_education', 'state_court', 'county_office_of_education']);
  });

  it('every record validates against its schema and is already in canonical form', () => {
    for (const table of Object.keys(SCHEMAS) as SampleTable[]) {
      const records = data[table] as unknown[];
      expect(records.length, table).toBeGreaterThan(0);
      for (const r of records.slice(0, 300)) {
        const parsed = SCHEMAS[table].safeParse(r);
        if (!parsed.success) throw new Error(`${table}: ${JSON.stringify(parsed.error.issues[0])}`);
        expect(parsed.data).toEqual(r);
      }
    }
  });

  it('is deterministic, and chunk size changes only the grouping', () => {
    const again = collect({ ...small, chunkSize: 37 });
    expect(again).toEqual(data);
    const other = collect({ ...small, seed: 43 });
    expect(other.tickets.map((t) => t.id)).not.toEqual(data.tickets.map((t) => t.id));
  });

  it('references hold: requesters, sites, systems, teams, tickets', () => {
    const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
    const people = ids(data.people);
    const sites = ids(data.sites);
    const systems = ids(data.systems);
    const teams = ids(data.teams);
    const tickets = ids(data.tickets);
    for (const t of data.tickets) {
      expect(people.has(t.requesterId)).toBe(true);
      expect(sites.has(t.siteId!)).toBe(true);
      expect(systems.has(t.systemId!)).toBe(true);
      expect(t.teamId === null || teams.has(t.teamId)).toBe(true);
      expect(t.assigneeId === null || people.has(t.assigneeId)).toBe(true);
    }
    for (const e of data.workLog) expect(tickets.has(e.ticketId)).toBe(true);
    for (const h of data.ticketHistory) expect(tickets.has(h.ticketId)).toBe(true);
    for (const l of data.ticketLinks) expect(tickets.has(l.fromId) && tickets.has(l.toId)).toBe(true);
    for (const team of data.teams) for (const m of team.memberIds) expect(people.has(m)).toBe(true);
    expect(new Set(data.tickets.map((t) => t.number)).size).toBe(400);
    expect(tickets.size).toBe(400);
  });

  it('nothing happens after "now", and every ticket has a created event first', () => {
    const now = DEFAULT_NOW;
    for (const t of data.tickets) expect(t.updatedAt <= now && t.createdAt <= t.updatedAt).toBe(true);
    for (const e of data.workLog) expect(e.at <= now).toBe(true);
    const firstEvent = new Map<string, string>();
    for (const h of data.ticketHistory) if (!firstEvent.has(h.ticketId)) firstEvent.set(h.ticketId, h.field);
    expect(new Set(firstEvent.values())).toEqual(new Set(['created']));
  });

  it('looks like a real desk: a mix of statuses, priorities and kinds, with SLA state computable', () => {
    const count = <T>(xs: T[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());
    const statuses = count(data.tickets.map((t) => t.status));
    for (const s of ['open', 'pending', 'resolved', 'closed']) expect(statuses.get(s as Ticket['status']) ?? 0, s).toBeGreaterThan(0);
    expect((statuses.get('closed') ?? 0) / 400).toBeGreaterThan(0.4);
    expect(count(data.tickets.map((t) => t.priority)).size).toBe(4);
    expect(count(data.workLog.map((e) => e.kind)).size).toBe(5);
    const policies: SlaPolicy[] = data.slaPolicies;
    const calendars = new Map<string, BusinessCalendar>(data.calendars.map((c) => [c.id, c]));
    let breached = 0;
    for (const t of data.tickets) {
      const policy = pickPolicy(t, policies)!;
      const s = slaState(t, policy, calendars.get(policy.calendarId)!, DEFAULT_NOW);
      if (s.resolution.breached) breached++;
      if (t.status !== 'pending') expect(t.resolutionDue).not.toBeNull();
    }
    expect(breached).toBeGreaterThan(0);
    expect(breached).toBeLessThan(400);
  });

  it('leaves the newest tickets untriaged, as a desk would find them in the morning', () => {
    const recent = collect({ seed: 1, tickets: 300, people: 60, from: '2025-05-12T16:00:00.000Z' });
    const fresh = recent.tickets.filter((t) => t.status === 'new');
    expect(fresh.length).toBeGreaterThan(0);
    // "now" is Monday 09:00 Pacific; new tickets are at most 1.5 business days old, i.e. from Thursday afternoon on.
    for (const t of fresh) expect(t.createdAt > '2025-05-29T19:00:00.000Z').toBe(true);
  });

  it('streams: the first chunk of a benchmark-sized set arrives without generating the rest', () => {
    const started = performance.now();
    const it = generateSampleData({ tickets: 100_000, people: 20_000, workLogEntries: 500_000 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(first.value?.table).toBe('agencies');
    it.return(undefined);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects nonsense options with a clear message', () => {
    expect(() => generateSampleData({ tickets: -1 }).next()).toThrow('tickets must be a whole number of at least 0');
    expect(() => generateSampleData({ from: '2030-01-01T00:00:00Z' }).next()).toThrow('from must be a time before now');
  });
});

describe('at scale', () => {
  it('keeps exact counts and bounded chunks for 10,000 tickets and 50,000 entries', () => {
    const counts: Record<string, number> = {};
    let largestTicketChunk = 0;
    for (const c of generateSampleData({ seed: 9, tickets: 10_000, people: 2_000, workLogEntries: 50_000, chunkSize: 1_000 })) {
      counts[c.table] = (counts[c.table] ?? 0) + c.records.length;
      if (c.table === 'tickets') largestTicketChunk = Math.max(largestTicketChunk, c.records.length);
    }
    expect(counts).toMatchObject({ tickets: 10_000, people: 2_000, workLog: 50_000 });
    expect(largestTicketChunk).toBe(1_000);
  }, 120_000);
});

describe('without history', () => {
  it('emits the same tickets and work log, and no history', () => {
    const lean = collect({ ...small, history: false });
    expect(lean.ticketHistory).toEqual([]);
    expect(lean.tickets).toEqual(data.tickets);
    expect(lean.workLog).toEqual(data.workLog);
  });
});
