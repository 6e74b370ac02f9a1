/**
 * What the signed-in role may write, for the app to hide or disable what it
 * may not do. A courtesy only: the server enforces the same rules (the
 * table specs' `rule`) and decides. Read from the specs, so the app stays in
 * step with the server.
 */
import { SYNC_TABLES } from './tables';
import type { RuleRole, SyncTableSpec, TableWriteRule } from './tables-spec';

/** The write rule of a table (its spec's); null for a table the app does not know, which the server refuses too. */
export function writeRuleOf(table: string, specs: Readonly<Record<string, SyncTableSpec>> = SYNC_TABLES): TableWriteRule | null {
  const spec = Object.hasOwn(specs, table) ? specs[table] : undefined;
  return spec?.rule ?? null;
}

/**
 * May `role` write `table` (and, given, its `field`)? `null` is a device not
 * signed in: it works locally and may do everything (the server checks
 * its changes once it signs in). Record-level checks (a session's trainer)
 * are the server's alone: this answers for the table and field.
 */
export function mayWrite(role: RuleRole | null, table: string, field?: string, specs: Readonly<Record<string, SyncTableSpec>> = SYNC_TABLES): boolean {
  if (role === null) return true;
  const rule = writeRuleOf(table, specs);
  if (!rule) return false;
  if (rule.roles !== 'any' && !rule.roles.includes(role)) return false;
  if (field === undefined) return true;
  if (rule.writable && !rule.writable.includes(field)) return false;
  const only = rule.fields && Object.hasOwn(rule.fields, field) ? rule.fields[field] : undefined;
  return !only || only.includes(role);
}
