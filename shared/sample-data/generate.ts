import type { Person } from '../people/schema';
import { businessMsBetween, addBusinessMs, type BusinessCalendar } from '../tickets/calendar';
import type { Agency, AgencyKind, Site, System, Team } from '../tickets/catalog';
import { RESOLUTION_CODES, type Channel, type Level, type PendingReason, type Status, type TicketType } from '../tickets/enums';
import { escalate } from '../tickets/escalation';
import { diffForHistory, type HistoryDraft, type HistoryEvent } from '../tickets/history';
import type { TicketLink } from '../tickets/links';
import { formatTicketNumber, pickDeviceCode } from '../tickets/numbering';
import { priorityFor } from '../tickets/priority';
import { suggestRoute, type RoutingRule } from '../tickets/routing';
import type { Ticket } from '../tickets/schema';
import { fold, searchWords } from '../tickets/search';
import { pickPolicy, withDueTimes, type SlaPolicy } from '../tickets/sla';
import { applyTransition } from '../tickets/transitions';
import type { WorkLogEntry, WorkLogKind } from '../tickets/worklog';
import { publicHolidays } from './holidays';
import { createRng, type Rng } from './prng';
import * as V from './vocab';

/**
 * Deterministic sample data: agencies, sites, systems, teams, calendars, SLA
 * policies, routing rules, people, then tickets with their work log, history
 * and links — as a generator of chunks, so a caller can write 100,000 tickets
 * and 500,000 work-log entries without ever holding them all. The same seed
 * and counts give the same records, whatever the chunk size.
 *
 * Tickets are made by the real rules (routing, priority matrix, transitions,
 * escalation, SLA due times, history diff, search words), so sample data is
 * exactly what the app would have written, and a change to a rule shows up in
 * the sample data and the benchmark that loads it.
 */

export interface SampleOptions {
  seed?: number | string;
  /** Alternates state courts and county offices of education. */
  agencies?: number;
  people?: number;
  tickets?: number;
  /** Total work-log entries, spread over the tickets (about tickets × 5 by default). */
  workLogEntries?: number;
  /** Devices that numbered the tickets (each has its own code). */
  devices?: number;
  /** First ticket's creation time; default a year before `now`. */
  from?: string;
  /** The generator's "now": nothing happens after it. Fixed by default so output never depends on the clock. */
  now?: string;
  /** Records per chunk (tickets per ticket chunk; their entries and history follow in chunks of their own). */
  chunkSize?: number;
  /**
   * Emit ticket history (default true). History is about nine events per
   * ticket, close to a million records for the benchmark set; a caller that
   * only measures tickets and work log can leave it out and save most of the
   * generation time. Tickets are identical either way.
   */
  history?: boolean;
}

export type SampleChunk =
  | { table: 'agencies'; records: Agency[] }
  | { table: 'sites'; records: Site[] }
  | { table: 'systems'; records: System[] }
  | { table: 'teams'; records: Team[] }
  | { table: 'calendars'; records: BusinessCalendar[] }
  | { table: 'slaPolicies'; records: SlaPolicy[] }
  | { table: 'routingRules'; records: RoutingRule[] }
  | { table: 'people'; records: Person[] }
  | { table: 'tickets'; records: Ticket[] }
  | { table: 'workLog'; records: WorkLogEntry[] }
  | { table: 'ticketHistory'; records: HistoryEvent[] }
  | { table: 'ticketLinks'; records: TicketLink[] };

export type SampleTable = SampleChunk['table'];

export const DEFAULT_NOW = '2025-06-02T16:00:00.000Z';
const DAY = 86_400_000;
const MIN = 60_000;

interface Resolved {
  seed: number | string;
  agencies: number;
  people: number;
  tickets: number;
  workLogEntries: number;
  devices: number;
  fromMs: number;
  nowMs: number;
  chunkSize: number;
  history: boolean;
}

function resolve(o: SampleOptions): Resolved {
  const count = (name: string, v: number | undefined, dflt: number, min = 0): number => {
    const n = v ?? dflt;
    if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name} must be a whole number of at least ${min}`);
    return n;
  };
  const tickets = count('tickets', o.tickets, 500);
  const nowMs = Date.parse(o.now ?? DEFAULT_NOW);
  const fromMs = o.from ? Date.parse(o.from) : nowMs - 365 * DAY;
  if (Number.isNaN(nowMs) || Number.isNaN(fromMs) || fromMs >= nowMs) throw new RangeError('from must be a time before now');
  return {
    seed: o.seed ?? 1,
    agencies: count('agencies', o.agencies, 6, 1),
    people: count('people', o.people, 200, 1),
    tickets,
    workLogEntries: count('workLogEntries', o.workLogEntries, tickets * 5),
    devices: count('devices', o.devices, 4, 1),
    fromMs,
    nowMs,
    chunkSize: count('chunkSize', o.chunkSize, 2000, 1),
    history: o.history ?? true,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
// Catalog records are few; a shared empty stamps object would alias across
// records, so each gets its own.
const meta = (): { stamps: Record<string, string>; deleted: 0 } => ({ stamps: {}, deleted: 0 });

function fill(template: string, rng: Rng, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'code': return `ERR-${rng.int(1000, 9999)}`;
      case 'case': return `${rng.int(22, 25)}${rng.pick(['CR', 'CV', 'FL', 'JV', 'TR'])}${String(rng.int(1, 99999)).padStart(6, '0')}`;
      case 'dept': return String(rng.int(1, 40));
      case 'time': return rng.pick(['8:30', '9:00', '10:30', '1:30']);
      case 'student': return String(rng.int(1_000_000, 9_999_999));
      case 'num': return String(rng.int(10000, 99999));
      default: return vars[k] ?? k;
    }
  });
}

const RESOLVE_AFTER: Record<Ticket['priority'], [number, number]> = { P1: [30, 300], P2: [60, 960], P3: [240, 4320], P4: [480, 10080] };
const MINUTES_BY_KIND: Record<WorkLogKind, [number, number]> = { public_update: [2, 10], internal_note: [0, 20], phone_call: [5, 30], email: [2, 15], site_visit: [30, 180] };
const resolutionWeights = RESOLUTION_CODES.filter((c) => c !== 'duplicate').map((c, k) => [c, k < 4 ? 10 : 2] as const);

const emailLocal = (s: string) => fold(s).replace(/[^a-z]/g, '');

interface SiteInfo { site: Site; agency: Agency; kind: 'state_court' | 'county_office_of_education' }
interface StaffInfo { id: string; name: string; team: string }
interface RequesterInfo { id: string; name: string; site: number }
interface SystemInfo { def: V.SystemDef; record: System }

export function* generateSampleData(options: SampleOptions = {}): Generator<SampleChunk> {
  const o = resolve(options);
  const rng = createRng(o.seed);
  // History ids come from their own stream, so leaving history out does not
  // shift every later random draw (and so every later record).
  const historyRng = createRng(`${String(o.seed)}#history`);
  const catalogMs = o.fromMs - 30 * DAY;
  const id = () => rng.uuid(catalogMs);

  // --- Agencies and sites ---------------------------------------------------
  const counties = [...V.COUNTIES];
  const agencies: Agency[] = [];
  const sites: SiteInfo[] = [];
  for (let i = 0; i < o.agencies; i++) {
    const kind: 'state_court' | 'county_office_of_education' = i % 2 === 0 ? 'state_court' : 'county_office_of_education';
    const county = counties[Math.floor(i / 2) % counties.length] as string;
    const round = Math.floor(i / (2 * counties.length));
    const suffix = round ? ` ${round + 1}` : '';
    const agency: Agency = {
      id: id(),
      name: kind === 'state_court' ? `Superior Court of ${county} County${suffix}` : `${county} County Office of Education${suffix}`,
      kind,
      code: `${kind === 'state_court' ? 'SC' : 'COE'}-${county.replace(/\s/g, '').slice(0, 3).toUpperCase()}${round ? round + 1 : ''}`,
      ...meta(),
    };
    agencies.push(agency);
    const names = [...V.SITE_NAMES[kind]];
    const n = Math.min(names.length, rng.int(3, 5));
    for (let s = 0; s < n; s++) {
      const name = names.splice(rng.int(0, names.length - 1), 1)[0] as string;
      const site: Site = {
        id: id(),
        agencyId: agency.id,
        name: `${county} ${name}`,
        address: `${rng.int(100, 9999)} ${rng.pick(['Main', 'Court', 'Civic Center', 'Oak', 'County Center', 'Education'])} ${rng.pick(['St', 'Ave', 'Dr', 'Way'])}\n${county} County, CA`,
        timeZone: null,
        ...meta(),
      };
      sites.push({ site, agency, kind });
    }
  }
  yield { table: 'agencies', records: agencies };
  yield { table: 'sites', records: sites.map((s) => s.site) };

  // --- Systems, teams, calendars, policies, routing ----------------------------
  const systems: SystemInfo[] = V.SYSTEMS.map((def) => ({
    def,
    record: { id: id(), name: def.name, vendor: def.vendor, categories: [...def.categories], ...meta() },
  }));
  yield { table: 'systems', records: systems.map((s) => s.record) };

  // Staff are the first people; each belongs to one team, round robin.
  const staffCount = Math.min(o.people, Math.max(V.TEAMS.length * 2, Math.round(o.people * 0.05)));
  const teamIds = new Map<string, string>(V.TEAMS.map((t) => [t.key, id()]));
  const staffIds = Array.from({ length: staffCount }, () => id());
  const members = new Map<string, string[]>(V.TEAMS.map((t) => [t.key, []]));
  const staff: StaffInfo[] = staffIds.map((sid, i) => {
    const team = V.TEAMS[i % V.TEAMS.length]!.key;
    members.get(team)!.push(sid);
    return { id: sid, name: '', team };
  });
  yield {
    table: 'teams',
    records: V.TEAMS.map((t) => ({ id: teamIds.get(t.key)!, name: t.name, description: t.description, memberIds: members.get(t.key)!, ...meta() })),
  };

  const years: number[] = [];
  for (let y = new Date(o.fromMs).getUTCFullYear() - 1; y <= new Date(o.nowMs).getUTCFullYear() + 1; y++) years.push(y);
  const weekdays = (start: string, end: string) => {
    const h = [{ start, end }];
    return { sun: [], mon: h, tue: h, wed: h, thu: h, fri: h, sat: [] };
  };
  const courtCal: BusinessCalendar = {
    id: id(), name: 'Court business hours', timeZone: 'America/Los_Angeles', week: weekdays('08:00', '17:00'),
    holidays: years.flatMap((y) => publicHolidays(y, 'court')), ...meta(),
  };
  const schoolCal: BusinessCalendar = {
    id: id(), name: 'Education office hours', timeZone: 'America/Los_Angeles', week: weekdays('07:30', '16:30'),
    holidays: years.flatMap((y) => publicHolidays(y, 'school')), ...meta(),
  };
  yield { table: 'calendars', records: [courtCal, schoolCal] };
  const targets = {
    P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 540 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
    P4: { firstResponseMinutes: 540, resolutionMinutes: 4320 },
  };
  const policies: SlaPolicy[] = [
    { id: id(), name: 'Standard', calendarId: courtCal.id, isDefault: true, siteIds: [], targets, atRiskFraction: 0.25, ...meta() },
    {
      id: id(), name: 'Education offices', calendarId: schoolCal.id, isDefault: false,
      siteIds: sites.filter((s) => s.kind === 'county_office_of_education').map((s) => s.site.id).slice(0, 500),
      targets, atRiskFraction: 0.25, ...meta(),
    },
  ];
  yield { table: 'slaPolicies', records: policies };
  const calendarOf = (p: SlaPolicy) => (p.calendarId === schoolCal.id ? schoolCal : courtCal);

  const rules: RoutingRule[] = [];
  const rule = (name: string, teamKey: string, m: Partial<Pick<RoutingRule, 'systemId' | 'category' | 'siteId'>>, order = 100) =>
    rules.push({ id: id(), name, systemId: '*', category: '*', siteId: '*', ...m, teamId: teamIds.get(teamKey)!, order, enabled: true, ...meta() });
  rule('Everything else to the Service Desk', 'desk', {}, 1000);
  for (const s of systems) rule(`${s.def.name} → ${V.TEAMS.find((t) => t.key === s.def.team)!.name}`, s.def.team, { systemId: s.record.id });
  rule('Password resets stay at the desk', 'desk', { category: 'Password reset' }, 50);
  rule('Access requests for finance systems', 'finance-hr', { category: 'Access' }, 60);
  for (const s of sites.filter((x) => x.kind === 'state_court').slice(0, 6)) {
    const print = systems.find((x) => x.def.key === 'print')!;
    rule(`Printers at ${s.site.name} go to Field Services`, 'field', { systemId: print.record.id, siteId: s.site.id });
  }
  yield { table: 'routingRules', records: rules };

  // --- People -----------------------------------------------------------------
  const requesters: RequesterInfo[] = [];
  const peopleCreated = iso(catalogMs);
  let batch: Person[] = [];
  for (let i = 0; i < o.people; i++) {
    const first = rng.pick(V.FIRST_NAMES);
    const last = rng.pick(V.LAST_NAMES);
    const name = `${first} ${last}`;
    const isStaff = i < staffCount;
    const siteIdx = rng.int(0, sites.length - 1);
    const s = sites[siteIdx]!;
    const pid = isStaff ? staffIds[i]! : id();
    const domain = `${s.agency.code.toLowerCase()}.example`;
    batch.push({
      id: pid,
      name,
      email: `${emailLocal(first)}.${emailLocal(last)}${i}@${isStaff ? 'fielddesk-support.example' : domain}`,
      phone: `(${rng.pick(V.AREA_CODES)}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`,
      agency: isStaff ? 'Regional Business Systems Support' : s.agency.name,
      site: isStaff ? '' : s.site.name,
      title: isStaff ? rng.pick(V.STAFF_TITLES) : rng.pick(V.REQUESTER_TITLES[s.kind]),
      kind: isStaff ? 'staff' : 'requester',
      createdAt: peopleCreated,
      updatedAt: peopleCreated,
      stamps: {},
      deleted: 0,
    });
    if (isStaff) staff[i]!.name = name;
    else requesters.push({ id: pid, name, site: siteIdx });
    if (batch.length >= o.chunkSize) {
      yield { table: 'people', records: batch };
      batch = [];
    }
  }
  if (batch.length) yield { table: 'people', records: batch };
  // With very few people everyone is staff; staff then raise their own tickets.
  if (requesters.length === 0) for (const s of staff) requesters.push({ id: s.id, name: s.name, site: 0 });

  // --- Devices ----------------------------------------------------------------
  const taken = new Set<string>();
  const devices = Array.from({ length: Math.min(o.devices, staff.length) }, (_, i) => {
    const deviceId = id();
    const code = pickDeviceCode(deviceId, taken);
    taken.add(code);
    return { deviceId, code, ownerId: staff[i]!.id, seq: 0 };
  });

  const systemsByKind = new Map<AgencyKind, readonly (readonly [SystemInfo, number])[]>(
    (['state_court', 'county_office_of_education'] as const).map((k) => [k, systems.filter((s) => s.def.for.includes(k)).map((s) => [s, s.def.weight] as const)]),
  );

  // --- Tickets ----------------------------------------------------------------
  const T = o.tickets;
  const W = o.workLogEntries;
  const spanBusiness = businessMsBetween(o.fromMs, o.nowMs - 2 * 3_600_000, courtCal);
  const slot = T > 0 ? spanBusiness / T : 0;
  let prevMs = o.fromMs;
  let prevOffset = 0;
  let pairJitter = 0;
  const recent: string[] = [];

  let tickets: Ticket[] = [];
  let entries: WorkLogEntry[] = [];
  let history: HistoryEvent[] = [];
  let links: TicketLink[] = [];

  const levelWeights: readonly (readonly [Level, number])[] = [['high', 1], ['medium', 4], ['low', 5]];
  const channelWeights: readonly (readonly [Channel, number])[] = [['phone', 45], ['email', 35], ['walk_in', 10], ['site_visit', 10]];
  const kindWeights: readonly (readonly [WorkLogKind, number])[] = [['internal_note', 35], ['phone_call', 25], ['email', 20], ['public_update', 15], ['site_visit', 5]];
  const pendingWeights: readonly (readonly [PendingReason, number])[] = [['waiting_on_requester', 55], ['waiting_on_vendor', 25], ['change_window', 12], ['other', 8]];

  for (let i = 0; i < T; i++) {
    // Work-log entries for this ticket: the exact total, with paired jitter so counts vary.
    const base = Math.floor(((i + 1) * W) / T) - Math.floor((i * W) / T);
    let nEntries: number;
    if (i % 2 === 0 && i + 1 < T) {
      const nextBase = Math.floor(((i + 2) * W) / T) - Math.floor(((i + 1) * W) / T);
      const k = Math.min(base, nextBase, 4);
      pairJitter = rng.int(-k, k);
      nEntries = base + pairJitter;
    } else {
      nEntries = i % 2 === 1 ? base - pairJitter : base;
      pairJitter = 0;
    }

    // Creation time: evenly through business hours, so nobody files 3 a.m. tickets.
    const offset = (i + rng.next()) * slot;
    const createdMs = addBusinessMs(prevMs, Math.max(0, Math.round(offset - prevOffset)), courtCal);
    prevMs = createdMs;
    prevOffset = offset;

    const req = rng.pick(requesters);
    const siteInfo = sites[req.site]!;
    const sys = rng.weighted(systemsByKind.get(siteInfo.kind)!);
    const category = rng.pick(sys.def.categories);
    const device = rng.pick(devices);
    device.seq++;
    const number = formatTicketNumber(device.code, device.seq);
    const impact = rng.weighted(levelWeights);
    const urgency = rng.weighted(levelWeights);
    const type: TicketType = V.typeForCategory(category) ?? rng.weighted<TicketType>([['incident', 70], ['service_request', 20], ['maintenance', 5], ['training', 5]]);
    const vars = { site: siteInfo.site.name, system: sys.def.name };
    const symptom = rng.pick(sys.def.symptoms);
    const title = `${sys.def.name}: ${symptom}`;
    const description = [
      fill(rng.pick(V.DESCRIPTION_OPENERS), rng, vars),
      `${symptom[0]!.toUpperCase()}${symptom.slice(1)}.`,
      ...Array.from({ length: rng.int(1, 3) }, () => fill(rng.pick(V.DESCRIPTION_DETAILS), rng, vars)),
    ].join(' ');
    const tags = rng.chance(0.3) ? [...new Set(Array.from({ length: rng.int(1, 2) }, () => rng.pick(V.TAG_POOL)))] : [];
    const route = suggestRoute({ systemId: sys.record.id, category, siteId: siteInfo.site.id }, rules);
    const policy = pickPolicy({ siteId: siteInfo.site.id }, policies)!;
    const cal = calendarOf(policy);
    const createdAt = iso(createdMs);

    let cur: Ticket = {
        id: rng.uuid(createdMs),
        number,
        type,
        title,
        description,
        requesterId: req.id,
        siteId: siteInfo.site.id,
        systemId: sys.record.id,
        category,
        channel: rng.weighted(channelWeights),
        tags,
        impact,
        urgency,
        teamId: route?.teamId ?? null,
        assigneeId: null,
        priority: priorityFor(impact, urgency),
        priorityOverride: null,
        status: 'new',
        pendingReason: null,
        escalationLevel: 0,
        escalation: null,
        firstResponseDue: null,
        resolutionDue: null,
        firstRespondedAt: null,
        resolvedAt: null,
        closedAt: null,
        pauses: [],
        reopenCount: 0,
        resolution: null,
        mergedInto: null,
        createdBy: device.ownerId,
        createdAt,
        updatedAt: createdAt,
        words: [],
        stamps: {},
        deleted: 0,
      };
    const drafts: HistoryDraft[] = diffForHistory(null, cur, device.ownerId, device.deviceId, createdAt);
    const draftTimes: number[] = [createdMs];
    const teamKey = V.TEAMS.find((t) => teamIds.get(t.key) === cur.teamId)?.key ?? 'desk';
    const teamStaff = members.get(teamKey)!;
    const worker = teamStaff.length ? rng.pick(teamStaff) : device.ownerId;

    // --- Lifecycle: where this ticket ends up depends on its age. ---
    // Age in business days for recent tickets: Friday afternoon's calls are
    // still new on Monday morning.
    const ageDays = (o.nowMs - createdMs) / DAY;
    const businessDaysOld = ageDays > 10 ? ageDays : businessMsBetween(createdMs, o.nowMs, cal) / (9 * 3_600_000);
    const final: Status =
      ageDays > 10
        ? rng.weighted<Status>([['closed', 80], ['cancelled', 4], ['resolved', 3], ['pending', 5], ['open', 8]])
        : businessDaysOld > 1.5
          ? rng.weighted<Status>([['resolved', 35], ['closed', 25], ['pending', 15], ['open', 20], ['cancelled', 5]])
          : rng.weighted<Status>([['new', 35], ['open', 35], ['pending', 15], ['resolved', 15]]);
    let t = createdMs;
    let firstResponseAt: number | null = null;
    const limit = o.nowMs - MIN;
    const advance = (minMin: number, maxMin: number): boolean => {
      const next = t + rng.int(minMin, maxMin) * MIN;
      if (next >= limit) return false;
      t = next;
      return true;
    };
    const step = (next: Ticket | null, by: string) => {
      if (!next) return;
      if (!o.history) {
        cur = next;
        return;
      }
      for (const d of diffForHistory(cur, next, by, device.deviceId, iso(t))) {
        drafts.push(d);
        draftTimes.push(t);
      }
      cur = next;
    };
    const go = (to: Status, extra: object = {}) => {
      // Due times depend only on the final priority and pauses: computed once at the end.
      const r = applyTransition(cur, to, { at: iso(t), ...extra });
      return r.ok ? r.value : null;
    };

    lifecycle: if (final !== 'new' && advance(3, 120)) {
      const opened = go('open');
      if (!opened) break lifecycle;
      firstResponseAt = nEntries > 0 ? t : null;
      step({ ...opened, assigneeId: worker, firstRespondedAt: firstResponseAt === null ? null : iso(t) }, worker);
      if (rng.chance(0.08) && advance(30, 600)) {
        const r = escalate(cur, { reason: rng.pick(['Needs vendor support', 'Affects a whole courtroom', 'Beyond desk permissions', 'Repeated failure after fix']), by: worker, at: iso(t), toLevel: rng.chance(0.2) ? 2 : 1 });
        if (r.ok) step(r.value, worker);
      }
      if (final === 'cancelled') {
        if (advance(30, 2880)) step(go('cancelled'), worker);
        break lifecycle;
      }
      if (final === 'pending' || rng.chance(0.2)) {
        if (!advance(30, 1440)) break lifecycle;
        step(go('pending', { pendingReason: rng.weighted(pendingWeights) }), worker);
        if (final === 'pending' || !advance(60, 4320)) break lifecycle;
        step(go('open'), worker);
      }
      if (final === 'open') break lifecycle;
      const resolveAfter = RESOLVE_AFTER[cur.priority];
      const resolution = () => ({
        code: rng.weighted(resolutionWeights),
        text: fill(rng.pick(V.RESOLUTION_TEXTS), rng, vars),
        rootCause: rng.pick(V.ROOT_CAUSES),
      });
      if (!advance(...resolveAfter)) break lifecycle;
      step(go('resolved', { resolution: resolution() }), worker);
      if (rng.chance(0.04) && advance(60, 2880)) {
        step(go('open'), req.id);
        if (!advance(60, 1440)) break lifecycle;
        step(go('resolved', { resolution: resolution() }), worker);
      }
      if (final === 'closed' && advance(3 * 1440, 5 * 1440)) step(go('closed'), worker);
    }

    // --- Work log ---
    const lastEventMs = t;
    const spanEnd = cur.status === 'new' || cur.status === 'open' || cur.status === 'pending' ? Math.max(lastEventMs, Math.min(limit, lastEventMs + 3 * DAY)) : lastEventMs;
    const bodies: string[] = [];
    const times: number[] = [];
    for (let e = 0; e < nEntries; e++) times.push(e === 0 && firstResponseAt !== null ? firstResponseAt : createdMs + Math.floor(rng.next() * Math.max(1, spanEnd - createdMs)));
    times.sort((a, b) => a - b);
    for (let e = 0; e < nEntries; e++) {
      const atMs = times[e]!;
      const kind: WorkLogKind =
        e === 0 && firstResponseAt !== null ? rng.pick(['phone_call', 'email', 'public_update'] as const) : cur.status === 'new' ? 'internal_note' : rng.weighted(kindWeights);
      const body = fill(rng.pick(V.WORKLOG_BODIES[kind]), rng, vars);
      bodies.push(body);
      const minutes = MINUTES_BY_KIND[kind];
      entries.push({
        id: rng.uuid(atMs),
        ticketId: cur.id,
        kind,
        authorId: cur.status === 'new' ? device.ownerId : worker,
        at: iso(atMs),
        minutes: rng.int(minutes[0], minutes[1]),
        body,
        createdAt: iso(atMs),
        copiedFrom: null,
        stamps: {},
        deleted: 0,
      });
    }

    cur = withDueTimes(cur, policy, cal);
    cur = { ...cur, words: searchWords({ number, title, description, requesterName: req.name, workLogBodies: bodies }) };
    // Plain literals, not spreads: this loop runs a million times for the benchmark set.
    for (let h = 0; o.history && h < drafts.length; h++) {
      const d = drafts[h]!;
      history.push({ id: historyRng.uuid(draftTimes[h]!), ticketId: d.ticketId, field: d.field, old: d.old, new: d.new, by: d.by, device: d.device, at: d.at, stamps: {}, deleted: 0 });
    }

    // A few related and parent/child links to recent tickets.
    if (recent.length > 0 && rng.chance(0.015)) {
      const other = rng.pick(recent);
      const kind = rng.chance(0.3) ? 'parent' : 'related';
      links.push({ id: rng.uuid(createdMs), fromId: other, toId: cur.id, kind, createdBy: device.ownerId, createdAt, ...meta() });
    }
    recent.push(cur.id);
    if (recent.length > 200) recent.shift();

    tickets.push(cur);
    if (tickets.length >= o.chunkSize) {
      yield* flush();
    }
  }
  yield* flush();

  function* flush(): Generator<SampleChunk> {
    if (tickets.length) yield { table: 'tickets', records: tickets };
    if (entries.length) yield { table: 'workLog', records: entries };
    if (history.length) yield { table: 'ticketHistory', records: history };
    if (links.length) yield { table: 'ticketLinks', records: links };
    tickets = [];
    entries = [];
    history = [];
    links = [];
  }
}
