import { expect } from 'vitest';
import type { FieldDeskDb } from '../../../../renderer/src/data/db';
import { ACCESS_SYNC_TABLES } from '../../../../shared/access/sync-tables';
import { OPERATIONS_SYNC_TABLES } from '../../../../shared/operations/sync-tables';
import { localFieldsOf, SYNC_TABLES, type SyncTableName } from '../../../../shared/sync/tables';
import type { SyncTableSpec } from '../../../../shared/sync/tables-spec';

/**
 * Every record the app holds of the given synced tables passes the table's
 * spec schema as the server validates it: `{ ...fields, id }`, without stamps
 * and the fields each device derives. A record the app writes that the server
 * refuses would never sync, so each repository test ends with this check.
 */
export async function expectStoredValid(db: FieldDeskDb, tables: readonly SyncTableName[]): Promise<number> {
  let checked = 0;
  for (const table of tables) {
    const spec = SYNC_TABLES[table] as SyncTableSpec;
    const local = new Set(localFieldsOf(table));
    for (const row of (await db.table(table).toArray()) as Record<string, unknown>[]) {
      const fields = Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'stamps' && !local.has(k)));
      const parsed = spec.schema!.safeParse(fields);
      expect(parsed.success, `${table} ${String(row.id)}: ${parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

export const ACCESS_TABLES = Object.keys(ACCESS_SYNC_TABLES) as SyncTableName[];
export const OPERATIONS_TABLES = Object.keys(OPERATIONS_SYNC_TABLES) as SyncTableName[];
