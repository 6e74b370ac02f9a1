import { err, ok, type Result } from '../../../../../shared/result';
import { parseWith } from '../../../../../shared/validation';
import type { Table } from 'dexie';
import type { z } from 'zod';
import type { RepoContext } from './tables';

/**
 * The two writes every help-desk settings record shares (teams, rules,
 * policies, calendars, and the catalog: agencies, sites, systems): an edit
 * that is validated and checked in its transaction, and a retirement that is
 * a tombstone (`deleted: 1`) so it reaches every device through sync.
 */

/** What a settings form sends: the record without its id and sync bookkeeping. */
export type Editable<T> = Omit<T, 'id' | 'stamps' | 'deleted'>;

export const notFound = (what: string) => err('not_found', `That ${what} no longer exists; it may have been removed on another device.`);
export const invalid = (field: string, message: string) => err('invalid_request', message, { [field]: message });

export function settingsWrites(ctx: RepoContext) {
  const { db, t } = ctx;
  // A guard may read any settings store (a site's guard reads rules and policies), so a retirement locks them all.
  const settingsTables = (): Table[] => [t.agencies, t.sites, t.systems, t.teams, t.routingRules, t.slaPolicies, t.calendars];

  /**
   * The shape of every edit: read the live record, merge the patch,
   * validate with the schema, let `check` refuse or finish the record, put it;
   * in one transaction over `scope` (the tables `check` reads too).
   */
  async function update<T extends { id: string; deleted: 0 | 1 }>(
    table: Table<T, string>,
    scope: Table[],
    schema: z.ZodType<T>,
    what: string,
    id: string,
    merge: (current: T) => object,
    check: (row: T) => Promise<Result<T>> = async (row) => ok(row),
  ): Promise<Result<T>> {
    return db.transaction('rw', [table, ...scope], async () => {
      const current = await table.get(id);
      if (!current || current.deleted) return notFound(what);
      const parsed = parseWith(schema, { ...merge(current), id }, what);
      if (!parsed.ok) return parsed;
      const checked = await check(parsed.value);
      if (checked.ok) await table.put(checked.value);
      return checked;
    });
  }

  /** Tombstone a record after `guard` (which may refuse) has looked at it. */
  async function retire<T extends { id: string; deleted: 0 | 1 }>(
    table: Table<T, string>,
    id: string,
    what: string,
    guard: (row: T) => Promise<Result<unknown> | null> = async () => null,
  ): Promise<Result<{ id: string }>> {
    return db.transaction('rw', settingsTables(), async () => {
      const row = await table.get(id);
      if (!row || row.deleted) return notFound(what);
      const refused = await guard(row);
      if (refused && !refused.ok) return refused;
      await table.put({ ...row, deleted: 1 });
      return ok({ id });
    });
  }

  return { update, retire };
}

export type SettingsWrites = ReturnType<typeof settingsWrites>;
