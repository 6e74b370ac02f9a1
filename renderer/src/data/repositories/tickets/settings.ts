import { BusinessCalendarSchema, type BusinessCalendar, type BusinessCalendarInput } from '../../../../../shared/tickets/calendar';
import type { Person } from '../../../../../shared/people/schema';
import { TeamSchema, type Agency, type Site, type System, type Team } from '../../../../../shared/tickets/catalog';
import { isoDate } from '../../../../../shared/tickets/fields';
import { compareRules, RoutingRuleSchema, specificity, WILDCARD, type RoutingRule, type RoutingRuleInput } from '../../../../../shared/tickets/routing';
import { SlaPolicySchema, type SlaPolicy, type SlaPolicyInput } from '../../../../../shared/tickets/sla';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import type { z } from 'zod';
import { catalogSettings } from './catalog-settings';
import { invalid, notFound, settingsWrites, type Editable } from './settings-writes';
import { alive, type RepoContext } from './tables';

/**
 * Help-desk settings: teams, routing rules, SLA policies and business
 * calendars, as edited in Settings (agencies, sites and systems are in
 * catalog-settings.ts, on the same write helpers: settings-writes.ts). Every
 * write is validated by the shared schema first (nothing is written on bad
 * input, and the messages are keyed by field), then written in one
 * transaction; the change-log middleware records each write in the outbox.
 * Removal is a tombstone (`deleted: 1`) so it reaches every device.
 *
 * Changing a policy or a calendar does not recompute the due times of tickets
 * already stored: they follow the new settings when next created or
 * re-prioritised.
 */

export type TeamInput = Editable<z.input<typeof TeamSchema>>;
export type RuleInput = Editable<RoutingRuleInput>;
export type PolicyInput = Editable<SlaPolicyInput>;
export type CalendarInput = Editable<BusinessCalendarInput>;

export interface HelpdeskSettings {
  agencies: Agency[];
  teams: Team[];
  sites: Site[];
  systems: System[];
  /** Live rules in the order they are tried (most specific first, then order). */
  rules: RoutingRule[];
  policies: SlaPolicy[];
  calendars: BusinessCalendar[];
  /** Staff in the people directory: who can be a team member. */
  staff: Person[];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const ORDER_STEP = 10;

/** Blank matchers mean "any": a form's empty field is the wildcard, not a missing value. */
function normaliseMatchers<T extends Partial<RuleInput>>(input: T): T {
  const out = { ...input };
  for (const k of ['systemId', 'category', 'siteId'] as const) {
    const v = out[k];
    if (v === null || (typeof v === 'string' && v.trim() === '')) out[k] = WILDCARD;
  }
  return out;
}

/** Holidays once each, in date order. */
const withSortedHolidays = (cal: BusinessCalendar): BusinessCalendar => ({ ...cal, holidays: [...new Set(cal.holidays)].sort() });

export function helpdeskSettingsRepository(ctx: RepoContext) {
  const { db, t } = ctx;
  const writes = settingsWrites(ctx);
  const { update, retire } = writes;

  async function liveTeam(id: string): Promise<boolean> {
    const team = await t.teams.get(id);
    return Boolean(team && !team.deleted);
  }

  /** References a rule makes must point at live records. */
  async function checkRule(rule: RoutingRule): Promise<Result<RoutingRule>> {
    if (!(await liveTeam(rule.teamId))) return invalid('teamId', 'Choose a team that exists');
    if (rule.systemId !== WILDCARD) {
      const s = await t.systems.get(rule.systemId);
      if (!s || s.deleted) return invalid('systemId', 'Choose a system that exists, or any system');
    }
    if (rule.siteId !== WILDCARD) {
      const s = await t.sites.get(rule.siteId);
      if (!s || s.deleted) return invalid('siteId', 'Choose a site that exists, or any site');
    }
    return ok(rule);
  }

  async function checkPolicy(policy: SlaPolicy): Promise<Result<SlaPolicy>> {
    const cal = await t.calendars.get(policy.calendarId);
    if (!cal || cal.deleted) return invalid('calendarId', 'Choose a calendar that exists');
    const others = alive(await t.slaPolicies.toArray()).filter((p) => p.id !== policy.id);
    const sites = new Map(alive(await t.sites.toArray()).map((s) => [s.id, s.name]));
    for (const siteId of new Set(policy.siteIds)) {
      if (!sites.has(siteId)) return invalid('siteIds', 'Choose sites that exist');
      const taken = others.find((p) => p.siteIds.includes(siteId));
      if (taken) return invalid('siteIds', `${sites.get(siteId)} already has the policy “${taken.name}”; a site can have only one`);
    }
    return ok({ ...policy, siteIds: [...new Set(policy.siteIds)] });
  }

  /** The one default policy: making a policy the default clears the flag on the others. */
  async function clearOtherDefaults(policy: SlaPolicy): Promise<void> {
    if (!policy.isDefault) return;
    const others = alive(await t.slaPolicies.toArray()).filter((p) => p.id !== policy.id && p.isDefault);
    for (const p of others) await t.slaPolicies.put({ ...p, isDefault: false });
  }

  async function nextRuleOrder(): Promise<number> {
    const last = alive(await t.routingRules.toArray()).reduce((m, r) => Math.max(m, r.order), 0);
    return Math.min(last + ORDER_STEP, 1_000_000);
  }

  /**
   * Members once each; a member being added must be staff in the directory.
   * Members the team already had are kept as they are: one may be a person
   * this device has not received yet, and an edit here must not drop them.
   * Runs before the put, so the stored row is still the team as it was.
   */
  async function checkMembers(team: Team): Promise<Result<Team>> {
    const had = (await t.teams.get(team.id))?.memberIds ?? [];
    const memberIds = [...new Set(team.memberIds)];
    const added = memberIds.filter((id) => !had.includes(id));
    const people = await t.people.bulkGet(added);
    if (people.some((p) => !p || p.deleted || p.kind !== 'staff')) return invalid('memberIds', 'Choose members from the staff in the people directory');
    return ok({ ...team, memberIds });
  }

  const teams = {
    async create(input: TeamInput): Promise<Result<Team>> {
      const parsed = parseWith(TeamSchema, { ...input, id: ctx.newId(), stamps: {}, deleted: 0 }, 'team');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', [t.teams, t.people], async () => {
        const checked = await checkMembers(parsed.value);
        if (checked.ok) await t.teams.add(checked.value);
        return checked;
      });
    },
    update(id: string, patch: Partial<TeamInput>): Promise<Result<Team>> {
      return update<Team>(t.teams, [t.people], TeamSchema, 'team', id, (current) => ({ ...current, ...patch }), checkMembers);
    },
    /** Refused while a routing rule still sends tickets to the team. */
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<Team>(t.teams, id, 'team', async (team) => {
        const used = alive(await t.routingRules.toArray()).filter((r) => r.teamId === team.id);
        return used.length
          ? err('conflict', `${team.name} is the team of ${used.length === 1 ? `the rule “${used[0]!.name}”` : `${used.length} routing rules`}; change or remove ${used.length === 1 ? 'it' : 'them'} first.`)
          : null;
      });
    },
  };

  const routingRules = {
    async create(input: RuleInput): Promise<Result<RoutingRule>> {
      const draft = normaliseMatchers(input);
      const parsed = parseWith(RoutingRuleSchema, { ...draft, id: ctx.newId(), order: draft.order ?? 0, stamps: {}, deleted: 0 }, 'routing rule');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', [t.routingRules, t.teams, t.systems, t.sites], async () => {
        const checked = await checkRule(parsed.value);
        if (!checked.ok) return checked;
        const rule = input.order === undefined ? { ...checked.value, order: await nextRuleOrder() } : checked.value;
        await t.routingRules.add(rule);
        return ok(rule);
      });
    },
    update(id: string, patch: Partial<RuleInput>): Promise<Result<RoutingRule>> {
      return update<RoutingRule>(t.routingRules, [t.teams, t.systems, t.sites], RoutingRuleSchema, 'routing rule', id, (current) => ({ ...current, ...normaliseMatchers(patch) }), checkRule);
    },
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<RoutingRule>(t.routingRules, id, 'routing rule');
    },
    /**
     * Order decides only between rules that name the same number of fields
     * (a more specific rule always wins). Renumber the given rules in the
     * given order; the others keep theirs.
     */
    async reorder(ids: readonly string[]): Promise<Result<RoutingRule[]>> {
      if (new Set(ids).size !== ids.length) return err('invalid_request', 'Each rule may appear only once in a new order');
      return db.transaction('rw', t.routingRules, async () => {
        const rows = await t.routingRules.bulkGet([...ids]);
        const out: RoutingRule[] = [];
        for (const [i, row] of rows.entries()) {
          if (!row || row.deleted) return notFound('routing rule');
          const order = (i + 1) * ORDER_STEP;
          out.push(row.order === order ? row : { ...row, order });
        }
        const changed = out.filter((r, i) => r !== rows[i]);
        if (changed.length) await t.routingRules.bulkPut(changed);
        return ok(out);
      });
    },
    /** Move a rule one place up or down among the rules as specific as it is (the only moves that change anything). */
    async move(id: string, direction: -1 | 1): Promise<Result<RoutingRule[]>> {
      const rules = alive(await t.routingRules.toArray());
      const rule = rules.find((r) => r.id === id);
      if (!rule) return notFound('routing rule');
      const group = rules.filter((r) => specificity(r) === specificity(rule)).sort(compareRules);
      const at = group.findIndex((r) => r.id === id);
      const to = at + direction;
      if (to < 0 || to >= group.length) return err('invalid_request', `The rule is already ${direction < 0 ? 'first' : 'last'} among rules as specific as it`);
      const ids = group.map((r) => r.id);
      [ids[at], ids[to]] = [ids[to]!, ids[at]!];
      return routingRules.reorder(ids);
    },
  };

  const slaPolicies = {
    async create(input: PolicyInput): Promise<Result<SlaPolicy>> {
      const parsed = parseWith(SlaPolicySchema, { ...input, id: ctx.newId(), stamps: {}, deleted: 0 }, 'SLA policy');
      if (!parsed.ok) return parsed;
      return db.transaction('rw', [t.slaPolicies, t.calendars, t.sites], async () => {
        const checked = await checkPolicy(parsed.value);
        if (!checked.ok) return checked;
        // The first policy is the default: without one, tickets at other sites get no SLA.
        const first = alive(await t.slaPolicies.toArray()).length === 0;
        const policy = first ? { ...checked.value, isDefault: true } : checked.value;
        await clearOtherDefaults(policy);
        await t.slaPolicies.add(policy);
        return ok(policy);
      });
    },
    update(id: string, patch: Partial<PolicyInput>): Promise<Result<SlaPolicy>> {
      return update<SlaPolicy>(t.slaPolicies, [t.calendars, t.sites], SlaPolicySchema, 'SLA policy', id, (current) => ({ ...current, ...patch }), async (policy) => {
        const checked = await checkPolicy(policy);
        if (checked.ok) await clearOtherDefaults(checked.value);
        return checked;
      });
    },
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<SlaPolicy>(t.slaPolicies, id, 'SLA policy');
    },
  };

  const calendars = {
    async create(input: CalendarInput): Promise<Result<BusinessCalendar>> {
      const parsed = parseWith(BusinessCalendarSchema, { ...input, id: ctx.newId(), stamps: {}, deleted: 0 }, 'calendar');
      if (!parsed.ok) return parsed;
      const calendar = withSortedHolidays(parsed.value);
      await t.calendars.add(calendar);
      return ok(calendar);
    },
    update(id: string, patch: Partial<CalendarInput>): Promise<Result<BusinessCalendar>> {
      return update<BusinessCalendar>(t.calendars, [], BusinessCalendarSchema, 'calendar', id, (current) => ({ ...current, ...patch }), async (cal) => ok(withSortedHolidays(cal)));
    },
    async addHoliday(id: string, date: string): Promise<Result<BusinessCalendar>> {
      const day = parseWith(isoDate('Holiday'), date.trim(), 'holiday');
      if (!day.ok) return invalid('holiday', day.error.fields?._ ?? day.error.message);
      return db.transaction('rw', t.calendars, async () => {
        const current = await t.calendars.get(id);
        if (!current || current.deleted) return notFound('calendar');
        if (current.holidays.includes(day.value)) return invalid('holiday', `${day.value} is already a holiday`);
        return calendars.update(id, { holidays: [...current.holidays, day.value] });
      });
    },
    async removeHoliday(id: string, date: string): Promise<Result<BusinessCalendar>> {
      return db.transaction('rw', t.calendars, async () => {
        const current = await t.calendars.get(id);
        if (!current || current.deleted) return notFound('calendar');
        if (!current.holidays.includes(date)) return ok(current);
        return calendars.update(id, { holidays: current.holidays.filter((d) => d !== date) });
      });
    },
    /** Refused while an SLA policy counts time on it. */
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<BusinessCalendar>(t.calendars, id, 'calendar', async (cal) => {
        const used = alive(await t.slaPolicies.toArray()).filter((p) => p.calendarId === cal.id);
        return used.length ? err('conflict', `${cal.name} is the calendar of the SLA policy “${used[0]!.name}”; choose another calendar there first.`) : null;
      });
    },
  };

  return {
    /** Everything the Settings screen lists, live records only. */
    async load(): Promise<HelpdeskSettings> {
      const [agencies, teamRows, sites, systems, rules, policies, calendarRows, staff] = await Promise.all([
        t.agencies.toArray(),
        t.teams.toArray(),
        t.sites.toArray(),
        t.systems.toArray(),
        t.routingRules.toArray(),
        t.slaPolicies.toArray(),
        t.calendars.toArray(),
        t.people.where('[kind+name]').between(['staff', ''], ['staff', '\uffff']).toArray(),
      ]);
      return {
        agencies: alive(agencies).sort(byName),
        teams: alive(teamRows).sort(byName),
        sites: alive(sites).sort(byName),
        systems: alive(systems).sort(byName),
        rules: alive(rules).sort(compareRules),
        policies: alive(policies).sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || byName(a, b)),
        calendars: alive(calendarRows).sort(byName),
        staff: alive(staff),
      };
    },

    ...catalogSettings(ctx, writes),

    teams,
    routingRules,
    slaPolicies,
    calendars,
  };
}

export type HelpdeskSettingsRepository = ReturnType<typeof helpdeskSettingsRepository>;
