import { AgencySchema, SiteSchema, SystemSchema, type Agency, type Site, type System } from '../../../../../shared/tickets/catalog';
import { distinctCategories, sameNameAs } from '../../../../../shared/tickets/catalog-names';
import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import type { Table } from 'dexie';
import type { z } from 'zod';
import { invalid, type Editable, type SettingsWrites } from './settings-writes';
import { alive, type RepoContext } from './tables';

/**
 * The catalog as edited in Settings → Help desk: agencies, their sites, and
 * the systems staff support. Before this, only sample data and sync filled
 * these stores. Writes follow the other help-desk settings (settings.ts):
 * the shared schema validates first, the checks that read other records run
 * in the write's transaction, and removal is a tombstone.
 *
 * Retiring something that other settings still name is refused rather than
 * cascaded: a routing rule pointing at a removed site would silently stop
 * matching, and a site without an agency could not be shown under one.
 * Tickets that name a retired site or system keep it (the record stays, as
 * a tombstone); it is only no longer offered for new tickets.
 */

export type AgencyInput = Editable<z.input<typeof AgencySchema>>;
export type SiteInput = Editable<z.input<typeof SiteSchema>>;
export type SystemInput = Editable<z.input<typeof SystemSchema>>;

type Row = { id: string; name: string; deleted: 0 | 1 };

/**
 * Categories once each and no blanks, before the schema sees them: a form's
 * stray comma or repeated line is tidied, not refused. Anything that is not a
 * list of text is left for the schema to refuse.
 */
function tidyCategories<T extends { categories?: unknown }>(input: T): T {
  const c = input.categories;
  return Array.isArray(c) && c.every((x) => typeof x === 'string') ? { ...input, categories: distinctCategories(c) } : input;
}

/** "the routing rule “A”, the SLA policy “B” and 2 more": who still names a record, for a refusal. */
function listUsers(users: readonly string[]): string {
  const shown = users.length > 3 ? [...users.slice(0, 2), `${users.length - 2} more`] : [...users];
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
}

function refuseWhileUsed(name: string, users: readonly string[]): Result<never> | null {
  if (users.length === 0) return null;
  return err('conflict', `${name} is named by ${listUsers(users)}; change or remove ${users.length === 1 ? 'it' : 'them'} first.`);
}

export function catalogSettings(ctx: RepoContext, { update, retire }: SettingsWrites) {
  const { db, t } = ctx;

  /** Refuse a name another live record of the same kind has, ignoring case. */
  async function uniqueName<T extends Row>(table: Table<T, string>, kind: string, row: T): Promise<Result<T>> {
    const same = sameNameAs(row.name, alive(await table.toArray()), row.id);
    if (!same) return ok(row);
    const message = `There is already ${kind} named “${same.name}”; choose another name`;
    return err('conflict', message, { name: message });
  }

  async function checkSite(site: Site): Promise<Result<Site>> {
    const agency = await t.agencies.get(site.agencyId);
    if (!agency || agency.deleted) return invalid('agencyId', 'Choose an agency that exists');
    return uniqueName(t.sites, 'a site', site);
  }

  const checkSystem = (system: System): Promise<Result<System>> => uniqueName(t.systems, 'a system', system);

  /** Validate a new record, then check and add it in one transaction over `scope`. */
  async function create<T extends Row>(table: Table<T, string>, scope: Table[], schema: z.ZodType<T>, what: string, input: object, check: (row: T) => Promise<Result<T>>): Promise<Result<T>> {
    const parsed = parseWith(schema, { ...input, id: ctx.newId(), stamps: {}, deleted: 0 }, what);
    if (!parsed.ok) return parsed;
    return db.transaction('rw', [table, ...scope], async () => {
      const checked = await check(parsed.value);
      if (checked.ok) await table.add(checked.value);
      return checked;
    });
  }

  const liveRules = async () => alive(await t.routingRules.toArray());

  const agencies = {
    create(input: AgencyInput): Promise<Result<Agency>> {
      return create<Agency>(t.agencies, [], AgencySchema, 'agency', input, (a) => uniqueName(t.agencies, 'an agency', a));
    },
    update(id: string, patch: Partial<AgencyInput>): Promise<Result<Agency>> {
      return update<Agency>(t.agencies, [], AgencySchema, 'agency', id, (current) => ({ ...current, ...patch }), (a) => uniqueName(t.agencies, 'an agency', a));
    },
    /** Refused while live sites belong to it: they would be left under no agency. */
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<Agency>(t.agencies, id, 'agency', async (agency) => {
        const sites = alive(await t.sites.where('agencyId').equals(agency.id).toArray());
        if (sites.length === 0) return null;
        const names = listUsers(sites.map((s) => `“${s.name}”`));
        return err('conflict', `${agency.name} still has ${sites.length === 1 ? 'the site' : `${sites.length} sites:`} ${names}; move ${sites.length === 1 ? 'it' : 'them'} to another agency or remove ${sites.length === 1 ? 'it' : 'them'} first.`);
      });
    },
  };

  const sites = {
    create(input: SiteInput): Promise<Result<Site>> {
      return create<Site>(t.sites, [t.agencies], SiteSchema, 'site', input, checkSite);
    },
    update(id: string, patch: Partial<SiteInput>): Promise<Result<Site>> {
      return update<Site>(t.sites, [t.agencies], SiteSchema, 'site', id, (current) => ({ ...current, ...patch }), checkSite);
    },
    /** Refused while a routing rule or an SLA policy names it. */
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<Site>(t.sites, id, 'site', async (site) => {
        const rules = (await liveRules()).filter((r) => r.siteId === site.id).map((r) => `the routing rule “${r.name}”`);
        const policies = alive(await t.slaPolicies.toArray())
          .filter((p) => p.siteIds.includes(site.id))
          .map((p) => `the SLA policy “${p.name}”`);
        return refuseWhileUsed(site.name, [...rules, ...policies]);
      });
    },
  };

  const systems = {
    create(input: SystemInput): Promise<Result<System>> {
      return create<System>(t.systems, [], SystemSchema, 'system', tidyCategories(input), checkSystem);
    },
    update(id: string, patch: Partial<SystemInput>): Promise<Result<System>> {
      return update<System>(t.systems, [], SystemSchema, 'system', id, (current) => tidyCategories({ ...current, ...patch }), checkSystem);
    },
    /** Refused while a routing rule names it (SLA policies go by site, not system). */
    retire(id: string): Promise<Result<{ id: string }>> {
      return retire<System>(t.systems, id, 'system', async (system) => {
        const rules = (await liveRules()).filter((r) => r.systemId === system.id).map((r) => `the routing rule “${r.name}”`);
        return refuseWhileUsed(system.name, rules);
      });
    },
  };

  return { agencies, sites, systems };
}
