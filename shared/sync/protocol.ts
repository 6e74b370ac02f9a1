import { z } from 'zod';
import { FIRST_SYNC_TIERS } from './tiers';
import { parseStamp } from './hlc';
import { META_FIELDS, SyncOpSchema, type SyncOp } from './ops';

/**
 * The HTTP sync protocol, as zod schemas both the server and clients parse with.
 * docs/sync-protocol.md is the prose version; keep the two in step.
 */

export const PROTOCOL_VERSION = 1;

export const ROUTES = {
  health: '/health',
  signIn: '/v1/auth/sign-in',
  signOut: '/v1/auth/sign-out',
  me: '/v1/auth/me',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
} as const;

export const LIMITS = {
  maxOpsPerPush: 500,
  maxFieldsPerOp: 200,
  /** Nesting depth of one field value; deeper JSON is refused before it reaches the database. */
  maxValueDepth: 32,
  defaultPullLimit: 500,
  maxPullLimit: 5000,
  maxCursorLength: 200,
} as const;

/** Server-owned table holding the losing values of long text fields (see merge.ts). */
export const CONFLICTS_TABLE = '_conflicts';

export const ROLES = ['technician', 'coordinator', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

// ---------------------------------------------------------------------------
// Safe text: PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16
// surrogate cannot be stored faithfully, so both are refused at the edge
// instead of surfacing as a database error.

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableString = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE_RE.test(s);

/** An identifier-like string: no control characters, storable. */
const safeId = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_RE.test(s) && isStorableString(s), 'must not contain control characters or unpaired surrogates');

// Names that would reach Object.prototype when used as plain-object keys.
const PROTO_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const FIELD_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function isValidFieldName(name: string): boolean {
  return FIELD_NAME_RE.test(name) && !PROTO_NAMES.has(name) && !META_FIELDS.has(name);
}

/**
 * Why a JSON value cannot be stored, or null. Iterative so a hostile, deeply
 * nested value cannot overflow the stack while being checked.
 */
export function unstorableValueReason(value: unknown, maxDepth: number = LIMITS.maxValueDepth): string | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'numbers must be finite';
      continue;
    }
    if (typeof v === 'string') {
      if (!isStorableString(v)) return 'text must not contain NUL or unpaired surrogates';
      continue;
    }
    if (typeof v !== 'object') return `unsupported value type ${typeof v}`;
    if (depth >= maxDepth) return `value nested deeper than ${maxDepth} levels`;
    if (Array.isArray(v)) {
      for (const item of v) stack.push({ v: item, depth: depth + 1 });
      continue;
    }
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      if (!isStorableString(k)) return 'object keys must not contain NUL or unpaired surrogates';
      stack.push({ v: item, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * A pushed op the server can apply: the shared op shape plus the rules that
 * keep hostile or broken ops out of storage. A field change without `value`
 * (JSON has no undefined) is read as null.
 */
export const ApplicableOpSchema = SyncOpSchema.extend({
  opId: safeId(64),
  deviceId: safeId(64),
  table: safeId(64),
  id: safeId(64),
}).superRefine((op, ctx) => {
  const names = Object.keys(op.fields);
  if (names.length === 0) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'an op must change at least one field' });
  if (names.length > LIMITS.maxFieldsPerOp) ctx.addIssue({ code: 'custom', path: ['fields'], message: `at most ${LIMITS.maxFieldsPerOp} fields per op` });
  for (const name of names) {
    const change = op.fields[name];
    if (!change) continue;
    if (!isValidFieldName(name)) {
      ctx.addIssue({ code: 'custom', path: ['fields', name], message: 'not an allowed field name' });
      continue;
    }
    const stamp = parseStamp(change.stamp);
    // A device may only stamp with its own id, or it could win every tie by forging another device's.
    if (!stamp || stamp.deviceId !== op.deviceId) {
      ctx.addIssue({ code: 'custom', path: ['fields', name, 'stamp'], message: 'stamp must carry the op’s deviceId' });
    }
    if (name === 'deleted' && change.value !== 0 && change.value !== 1) {
      ctx.addIssue({ code: 'custom', path: ['fields', name, 'value'], message: 'deleted must be 0 or 1' });
    }
    const why = unstorableValueReason(change.value ?? null);
    if (why) ctx.addIssue({ code: 'custom', path: ['fields', name, 'value'], message: why });
  }
});
export type ApplicableOp = SyncOp;

// ---------------------------------------------------------------------------
// Errors

export const API_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'headers_too_large',
  'upgrade_required',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/**
 * How a client reads any error answer: by its message, whatever the code, so
 * a code added in a later protocol version still shows its message.
 */
export const ApiErrorMessageSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const ApiErrorResponseSchema = z.object({
  error: z.object({
    code: ApiErrorCodeSchema,
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
  serverTime: z.number(),
});
export type ApiErrorResponse = z.infer<typeof ApiErrorResponseSchema>;

// ---------------------------------------------------------------------------
// Auth

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  /**
   * The account's person in the directory (its staff record in `people`,
   * made and kept by the server): the actor audit entries must name. Always
   * sent by this server; optional so a session saved before it existed parses.
   */
  personId: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('Not a valid email address'));

export const SignInRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, 'Password is required').max(1024),
  /** This device's id: registered to the account (if no other account has it) and bound to the session. */
  deviceId: safeId(64).optional(),
  /**
   * The person id this device used for its user before signing in (the local
   * profile's staff record): recorded as the account's alias if no other
   * account claimed it, so entries authored offline under it are accepted.
   */
  localPersonId: safeId(64).optional(),
});
export type SignInRequest = z.input<typeof SignInRequestSchema>;

export const SignInResponseSchema = z.object({
  token: z.string(),
  /** Epoch milliseconds. */
  expiresAt: z.number(),
  user: UserSchema,
  serverTime: z.number(),
});
export type SignInResponse = z.infer<typeof SignInResponseSchema>;

export const MeResponseSchema = z.object({
  user: UserSchema,
  expiresAt: z.number(),
  serverTime: z.number(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const SignOutResponseSchema = z.object({ signedOut: z.literal(true), serverTime: z.number() });

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  protocol: z.literal(PROTOCOL_VERSION),
  serverTime: z.number(),
});

// ---------------------------------------------------------------------------
// Push

/**
 * The envelope only requires each op to name itself, so one broken op is
 * rejected by id (and set aside by the client) instead of failing the batch.
 */
export const PushRequestSchema = z.object({
  ops: z
    .array(z.looseObject({ opId: safeId(64) }))
    .min(1, 'send at least one op (an empty push does nothing)')
    .max(LIMITS.maxOpsPerPush, `at most ${LIMITS.maxOpsPerPush} ops per push`),
});
export type PushRequest = { ops: SyncOp[] };

/** Permanent reasons: re-sending the same op will be refused the same way. */
export const REJECT_CODES = ['invalid_op', 'unknown_table', 'forbidden', 'seq_reused', 'invalid_record'] as const;
export const RejectCodeSchema = z.enum(REJECT_CODES);
export type RejectCode = z.infer<typeof RejectCodeSchema>;

export const RejectedOpSchema = z.object({ opId: z.string(), code: RejectCodeSchema, message: z.string() });
export type RejectedOp = z.infer<typeof RejectedOpSchema>;

export const PushResponseSchema = z.object({
  /** Ops now part of the server state (including ones applied by an earlier push): clear them. */
  applied: z.array(z.string()),
  /**
   * Ops refused for good: set them aside and show them; never retry them as they are.
   * Read with any code, not only REJECT_CODES: a code a later server adds must
   * still set its op aside on an older app, never fail the whole answer and
   * leave the outbox stuck behind it.
   */
  rejected: z.array(RejectedOpSchema.extend({ code: z.string() })),
  /** Applied ops whose stamps were too far ahead of server time and were pulled back. */
  clamped: z.array(z.string()),
  serverTime: z.number(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ---------------------------------------------------------------------------
// Pull

export const PullRequestSchema = z.object({
  /** Opaque; omit (or send '') to start from the beginning. */
  cursor: z.string().max(LIMITS.maxCursorLength).optional(),
  limit: z.number().int().min(1).max(LIMITS.maxPullLimit).optional(),
  /**
   * With an empty cursor: start a first sync in tiers (docs/sync-protocol.md,
   * "First sync in tiers"). Ignored with any other cursor, and by servers
   * from before tiers (which then answer an ordinary pull from the start).
   */
  tiered: z.boolean().optional(),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

export const SyncRecordSchema = z.object({
  table: z.string(),
  id: z.string(),
  /** Every field of the record, including `deleted` when it was ever written. */
  fields: z.record(z.string(), z.unknown()),
  stamps: z.record(z.string(), z.string()),
  /** Server sequence of the record's latest change. */
  seq: z.number(),
});
export type SyncRecord = z.infer<typeof SyncRecordSchema>;

export const PullPageSchema = z.object({
  status: z.literal('page'),
  records: z.array(SyncRecordSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  /**
   * Records of this page's range the server did not send because they fail
   * their table's schema (stored before the rules refused them). Absent from
   * older servers. They are sent once a valid write fixes them.
   */
  heldBack: z.number().int().nonnegative().optional(),
  /**
   * Present on every page of a first sync in tiers: the tier this page's
   * records belong to. Absent from ordinary pulls and from older servers.
   */
  tier: z.enum(FIRST_SYNC_TIERS).optional(),
  /**
   * On the first page of a first sync in tiers only: how many records each
   * tier holds, by table, as the fill began (a count to show progress
   * against; records changed during the fill may move or come later).
   */
  tierCounts: z.partialRecord(z.enum(FIRST_SYNC_TIERS), z.record(z.string(), z.number().int().nonnegative())).optional(),
  serverTime: z.number(),
});

export const RESYNC_REASONS = ['horizon', 'epoch', 'ahead'] as const;

export const PullResyncSchema = z.object({
  status: z.literal('resync'),
  reason: z.enum(RESYNC_REASONS),
  message: z.string(),
  serverTime: z.number(),
});

export const PullResponseSchema = z.discriminatedUnion('status', [PullPageSchema, PullResyncSchema]);
export type PullResponse = z.infer<typeof PullResponseSchema>;
export type PullPage = z.infer<typeof PullPageSchema>;

/** Fields of a `_conflicts` record: a losing value the user may restore. */
export const ConflictFieldsSchema = z.object({
  table: z.string(),
  recordId: z.string(),
  field: z.string(),
  value: z.unknown(),
  stamp: z.string(),
  winnerStamp: z.string(),
  /** Epoch milliseconds, server time. */
  at: z.number(),
  deleted: z.union([z.literal(0), z.literal(1)]),
});
export type ConflictFields = z.infer<typeof ConflictFieldsSchema>;
