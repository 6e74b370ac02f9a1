import { z } from 'zod';
import type { RuleRole, WriteRuleContext } from './tables-spec';

/**
 * The schema a table's spec carries, built from the feature's record schema:
 * what the server stores and pull delivers is `{ ...fields, id }`, without
 * `stamps` (kept beside the fields) and without `deleted` until the record was
 * ever deleted. Both are filled in before the record schema sees the record,
 * so a feature's schema works unchanged on either side.
 *
 * Unknown extra fields pass (zod objects ignore keys they do not name), so a
 * field added by a newer app never makes an older server or app refuse a
 * record; a missing required field, a wrong type, an unknown enum value or an
 * oversized value fails.
 */
export function storedSchema(record: z.ZodType): z.ZodType {
  const schema = z.preprocess(withMeta, record);
  RECORD_SCHEMAS.set(schema, record);
  return schema;
}

/** The record as the feature's schema sees it: `stamps` and `deleted` filled in when missing. */
export function withMeta(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const r = input as Record<string, unknown>;
  return { ...r, stamps: r.stamps ?? {}, deleted: r.deleted ?? 0 };
}

const RECORD_SCHEMAS = new WeakMap<z.ZodType, z.ZodType>();

/** The feature's record schema behind a schema made by storedSchema (the server validates changed fields with it). */
export const recordSchemaOf = (schema: z.ZodType): z.ZodType | undefined => RECORD_SCHEMAS.get(schema);

/** Coordinators and admins: who may change configuration and other people's records. */
export const MANAGERS: readonly RuleRole[] = ['coordinator', 'admin'];

export const isManager = (ctx: Pick<WriteRuleContext, 'user'>): boolean => MANAGERS.includes(ctx.user.role);

/** Whether a person id is the signed-in user (their account's person, a claimed alias, the session's device). */
export function isOwnPerson(ctx: Pick<WriteRuleContext, 'user'>, personId: unknown): boolean {
  if (typeof personId !== 'string') return false;
  return personId === ctx.user.personId || (ctx.user.personIds ?? []).includes(personId);
}

/** Whether the op un-deletes the record (deleted 1 → 0). */
export const undeletes = (ctx: Pick<WriteRuleContext, 'before' | 'after' | 'changed'>): boolean =>
  ctx.changed.includes('deleted') && ctx.before?.deleted === 1 && ctx.after.deleted !== 1;
