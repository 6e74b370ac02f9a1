/**
 * What the signed-in role may write, for the app to hide or disable what it
 * may not do. A courtesy only: the server enforces the same rules (the
 * table specs' `rule`) and decides. Read from the specs, so the app stays in
 * step with the server; a spec without a rule yet falls back to the rules
 * the trust issue states (help-desk configuration and course content by
 * coordinators and admins; the directory's staff kind by them too).
 */
import { isSyncTable, SYNC_TABLES, type SyncTableName } from './tables';
import type { RuleRole, SyncTableSpec, TableWriteRule } from './tables-spec';

const CONFIGURATION: TableWriteRule = { roles: ['coordinator', 'admin'], summary: 'Help-desk configuration: coordinators and admins' };
const COURSE_CONTENT: TableWriteRule = { roles: ['coordinator', 'admin'], summary: 'Courses and handouts: coordinators and admins' };
const EVERY_ROLE: TableWriteRule = { roles: 'any', summary: 'Every role' };

const FALLBACK_RULES: Record<SyncTableName, TableWriteRule> = {
  people: { roles: 'any', fields: { kind: ['coordinator', 'admin'] }, summary: 'Every role; staff records and roles by coordinators and admins' },
  tickets: EVERY_ROLE,
  workLog: EVERY_ROLE,
  ticketHistory: EVERY_ROLE,
  ticketLinks: EVERY_ROLE,
  ticketAttachments: EVERY_ROLE,
  agencies: CONFIGURATION,
  teams: CONFIGURATION,
  sites: CONFIGURATION,
  systems: CONFIGURATION,
  routingRules: CONFIGURATION,
  slaPolicies: CONFIGURATION,
  calendars: CONFIGURATION,
  courses: COURSE_CONTENT,
  sessions: EVERY_ROLE,
  registrations: EVERY_ROLE,
  attendance: EVERY_ROLE,
  completions: EVERY_ROLE,
  materials: COURSE_CONTENT,
  materialVersions: COURSE_CONTENT,
};

/** The write rule of a table: its spec's, else the fallback above; null for a table the app does not know. */
export function writeRuleOf(table: string, specs: Readonly<Record<string, SyncTableSpec>> = SYNC_TABLES): TableWriteRule | null {
  const spec = Object.hasOwn(specs, table) ? specs[table] : undefined;
  if (spec?.rule) return spec.rule;
  return isSyncTable(table) ? FALLBACK_RULES[table] : null;
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
