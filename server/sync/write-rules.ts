import { z } from 'zod';
import { canonicalJson } from '../../shared/sync/merge';
import { recordSchemaOf } from '../../shared/sync/stored-schema';
import { CONFLICTS_TABLE, ConflictFieldsSchema, type RejectCode } from '../../shared/sync/protocol';
import type { RecordRef, RecordsPointingAt, SyncTableSpec, TableWriteRule, WriteRuleContext } from '../../shared/sync/tables-spec';

/**
 * Who may write what, and what may be stored: the engine that reads each
 * table's spec (shared/<feature>/sync-tables.ts: `rule` and `schema`) and
 * judges one op against the record it would leave. The push runs it inside
 * its transaction, on the stored record with the op merged in. The UI hiding
 * a button is a courtesy; this is the control.
 *
 * A table without a rule is refused, not open; a table without a schema
 * stores nothing either (every stored record must pass its table's schema).
 */

export type TableRegistry = Readonly<Record<string, SyncTableSpec>>;

export interface Refusal {
  code: RejectCode;
  message: string;
}

type Rec = Readonly<Record<string, unknown>>;

/** What a rule sees, plus the session's device (for audit entries' device field). */
export type JudgeContext = WriteRuleContext & { deviceId?: string };

const has = (o: object | undefined, k: string): boolean => o !== undefined && Object.hasOwn(o, k);

/** Server-owned field the server sets on append-only audit entries: when it received them (epoch ms). */
export const RECEIVED_AT = 'receivedAt';

/** The fields whose value the op changes (a new record: every field it has). */
export function changedValues(before: Rec | null, after: Rec, touched: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of touched) {
    if (!before || !has(before, name) || canonicalJson(before[name]) !== canonicalJson(after[name])) out.push(name);
  }
  return out;
}

/**
 * The rule's verdict on a write: roles, role-limited fields, writable fields,
 * authorship of audit entries (see judgeAuthorship), then the table's check.
 * Null allows it.
 */
export function judgeWrite(rule: TableWriteRule | undefined, ctx: JudgeContext): Refusal | null {
  if (!rule) return { code: 'forbidden', message: `${ctx.table} has no write rule on this server, so no one may write it` };
  const role = ctx.user.role;
  if (rule.roles !== 'any' && !rule.roles.includes(role)) return { code: 'forbidden', message: `A ${role} may not change ${ctx.table}` };
  for (const field of ctx.changed) {
    if (rule.writable && !rule.writable.includes(field)) return { code: 'forbidden', message: `${ctx.table}.${field} is set by the server only` };
    const allowed = rule.fields && has(rule.fields, field) ? rule.fields[field] : undefined;
    if (allowed && !allowed.includes(role)) return { code: 'forbidden', message: `Only ${allowed.join(' or ')} may change ${ctx.table}.${field}` };
  }
  if (rule.authorship) {
    const why = judgeAuthorship(rule.authorship, ctx);
    if (why) return { code: 'forbidden', message: why };
  }
  const why = rule.check ? rule.check(ctx) : null;
  return why ? { code: 'forbidden', message: why } : null;
}

/**
 * An audit entry names its actor (and device) as the session's: the person the
 * account is (or a person id it claimed), the device the session is bound to.
 * A copy (authorship.copyOf) names the entry it copies, which must exist and
 * name the same actor. `receivedAt` is the server's to write.
 */
function judgeAuthorship(a: NonNullable<TableWriteRule['authorship']>, ctx: JudgeContext): string | null {
  if (ctx.before !== null) return null; // append-only: an existing entry is never changed
  if (ctx.changed.includes(RECEIVED_AT)) return `${ctx.table}.${RECEIVED_AT} is set by the server only`;
  const actor = ctx.after[a.actorField];
  const copy = a.copyOf ? a.copyOf(ctx.after) : null;
  if (copy) {
    const original = ctx.related?.(copy.table, copy.id) ?? null;
    if (!original) return `${ctx.table}.${a.actorField}: a copy must name an entry that exists (${copy.table} ${copy.id})`;
    if (original[a.actorField] !== actor) return `${ctx.table}.${a.actorField}: a copy keeps the author of the entry it copies`;
  } else {
    const own = typeof actor === 'string' && (actor === ctx.user.personId || (ctx.user.personIds ?? []).includes(actor));
    if (!own) return `${ctx.table}.${a.actorField} must be the signed-in user (${ctx.user.personId}); an entry cannot name someone else as its author`;
  }
  if (a.deviceField !== undefined && ctx.deviceId !== undefined && ctx.after[a.deviceField] !== ctx.deviceId) {
    return `${ctx.table}.${a.deviceField} must be this session's device (${ctx.deviceId})`;
  }
  return null;
}

/** The records a rule reads for this merged record, besides the record itself. */
export function readsOf(spec: SyncTableSpec | undefined, after: Rec, id: string): readonly (RecordRef | RecordsPointingAt)[] {
  return spec?.rule?.reads ? spec.rule.reads(after, id) : [];
}

/** Whether a read names records pointing at one (a query) rather than one record by id. */
export const isQuery = (ref: RecordRef | RecordsPointingAt): ref is RecordsPointingAt => 'field' in ref;

/** `invalid_record` with the first problem's field path and reason, or null when the record is valid. */
export function validateRecord(table: string, spec: SyncTableSpec | undefined, id: string, fields: Rec): Refusal | null {
  if (!spec?.schema) return { code: 'invalid_record', message: `${table} has no schema on this server, so nothing of it can be stored` };
  return refusalOf(table, spec.schema.safeParse({ ...fields, id }));
}

/**
 * Which schemas a stored record was last checked under. A record the server
 * validated is marked with this; bump it whenever a table's schema tightens,
 * so records stored before are checked in full again on their next change.
 */
export const VALIDATION_MARK = 'issue-19';

type ObjectSchema = z.ZodObject & { clone(def: unknown): z.ZodType };
const derivedSchemas = new WeakMap<z.ZodType, { names: string[]; byKey: Map<string, z.ZodType> }>();

/**
 * The record an op leaves, validated. When the stored record is known valid
 * (it carries VALIDATION_MARK), only the fields the merge changed (and fields
 * missing, which take their defaults) go through their field schemas; the
 * others are taken as stored. The table's cross-field checks always run on
 * the whole record. What is refused is exactly what a full check refuses for
 * a record whose unchanged fields are valid: a ticket edit of four fields
 * then costs four field checks, not forty.
 */
export function validateMerged(table: string, spec: SyncTableSpec | undefined, id: string, fields: Rec, changed: readonly string[], storedValid: boolean): Refusal | null {
  const record = storedValid && spec?.schema ? recordSchemaOf(spec.schema) : undefined;
  const def = (record as { _zod?: { def?: { type?: string; shape?: Record<string, z.ZodType> } } } | undefined)?._zod?.def;
  if (!record || def?.type !== 'object' || !def.shape || typeof (record as Partial<ObjectSchema>).clone !== 'function') return validateRecord(table, spec, id, fields);
  const input: Record<string, unknown> = { ...fields, id };
  input.stamps ??= {};
  input.deleted ??= 0;
  let known = derivedSchemas.get(record);
  if (!known) derivedSchemas.set(record, (known = { names: Object.keys(def.shape).sort(), byKey: new Map() }));
  const { names, byKey } = known;
  let key = '';
  for (const n of names) if (input[n] === undefined || changed.includes(n)) key += `${n},`;
  let derived = byKey.get(key);
  if (!derived) {
    // Only the fields to check; the rest pass through as stored (a loose object copies unknown keys), so the cross-field checks see the whole record.
    const shape = Object.fromEntries(key.split(',').filter(Boolean).map((n) => [n, (def.shape as Record<string, z.ZodType>)[n]]));
    derived = (record as ObjectSchema).clone({ ...def, shape, catchall: z.unknown() });
    if (byKey.size > 500) byKey.clear();
    byKey.set(key, derived);
  }
  return refusalOf(table, derived.safeParse(input));
}

function refusalOf(table: string, parsed: { success: boolean; error?: z.ZodError }): Refusal | null {
  if (parsed.success) return null;
  const issues = parsed.error?.issues ?? [];
  const issue = issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return { code: 'invalid_record', message: `${table}.${path}: ${(issue?.message ?? 'invalid').slice(0, 300)}${more}` };
}

/**
 * Whether an op only deletes an existing record (sets `deleted` to 1, perhaps
 * with `updatedAt`): such an op is never refused for the other fields'
 * validity, so a record stored before validation (or under an older schema)
 * can always be deleted.
 */
export function onlyDeletes(before: Rec | null, after: Rec, changed: readonly string[]): boolean {
  return before !== null && after.deleted === 1 && changed.every((f) => f === 'deleted' || f === 'updatedAt');
}

/**
 * `_conflicts` (server-owned): created by the server only; a client may only
 * dismiss one (`deleted` 1, never back to 0), and only when it may write the
 * field of the record the conflict belongs to under that table's rule.
 */
export function conflictsSpec(tables: TableRegistry): SyncTableSpec {
  return {
    merge: 'lww',
    schema: ConflictFieldsSchema.loose(),
    rule: {
      roles: 'any',
      writable: ['deleted'],
      reads: (after) => (typeof after.table === 'string' && typeof after.recordId === 'string' ? [{ table: after.table, id: after.recordId }] : []),
      check: (ctx) => {
        if (ctx.before === null) return 'Conflicts are created by the server only';
        if (ctx.after.deleted !== 1) return 'A dismissed conflict cannot be restored; a conflict may only be dismissed (deleted: 1)';
        const table = String(ctx.before.table);
        const target = has(tables, table) ? tables[table] : undefined;
        const record = ctx.related?.(table, String(ctx.before.recordId)) ?? null;
        const verdict = judgeWrite(target?.rule, {
          ...ctx,
          table,
          id: String(ctx.before.recordId),
          before: record,
          after: record ?? {},
          changed: [String(ctx.before.field)],
        });
        return verdict ? `You may not dismiss this conflict: ${verdict.message}` : null;
      },
      summary: 'Created by the server only. A client may only dismiss one (`deleted` 1; never back to 0), and only if it may write that field of the record the conflict belongs to.',
    },
  };
}

/** The registry the server runs with: the synced tables plus `_conflicts`. */
export function withConflicts(tables: TableRegistry): TableRegistry {
  const all: Record<string, SyncTableSpec> = { ...tables };
  all[CONFLICTS_TABLE] = conflictsSpec(all);
  return all;
}
