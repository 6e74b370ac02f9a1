import { CONFLICTS_TABLE, type RejectCode, type Role } from '../../shared/sync/protocol';

/**
 * Who may write what. The server enforces this itself; the UI hiding a button
 * is a courtesy, not a control. Rules are per table and per field and generic,
 * so a feature adds its table's rule here without touching the push code.
 *
 * A table with no rule may be written by every signed-in role.
 */
export interface TableWriteRule {
  /** Roles that may write the table at all; absent means every role. */
  roles?: readonly Role[];
  /** Fields only some roles may write, e.g. an access record's approval fields. */
  fields?: Readonly<Record<string, readonly Role[]>>;
  /** When set, clients may write only these fields (the rest are server-owned). */
  writable?: readonly string[];
}

export type WriteRules = Readonly<Record<string, TableWriteRule>>;

export const DEFAULT_WRITE_RULES: WriteRules = {
  // Conflicts are created by the server; a client may only dismiss one (a tombstone).
  [CONFLICTS_TABLE]: { writable: ['deleted'] },
};

export type WriteCheck = { ok: true } | { ok: false; error: { code: RejectCode; message: string } };

export function checkWrite(rules: WriteRules, role: Role, table: string, fieldNames: readonly string[]): WriteCheck {
  const rule = Object.hasOwn(rules, table) ? rules[table] : undefined;
  if (!rule) return { ok: true };
  if (rule.roles && !rule.roles.includes(role)) {
    return { ok: false, error: { code: 'forbidden', message: `A ${role} may not change ${table}` } };
  }
  for (const field of fieldNames) {
    if (rule.writable && !rule.writable.includes(field)) {
      return { ok: false, error: { code: 'forbidden', message: `${table}.${field} is set by the server only` } };
    }
    const allowed = rule.fields && Object.hasOwn(rule.fields, field) ? rule.fields[field] : undefined;
    if (allowed && !allowed.includes(role)) {
      return { ok: false, error: { code: 'forbidden', message: `Only ${allowed.join(' or ')} may change ${table}.${field}` } };
    }
  }
  return { ok: true };
}
