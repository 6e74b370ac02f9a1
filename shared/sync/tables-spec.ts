import type { z } from 'zod';

export type MergeMode = 'lww' | 'append';

/** The roles a server account can have (mirrors ROLES in protocol.ts; kept here so this file imports nothing). */
export type RuleRole = 'technician' | 'coordinator' | 'admin';

/**
 * What a write rule may look at. `before` is the stored record (null when the
 * op creates it), `after` the record once the op is merged, `changed` the
 * fields the op actually changes. `user.personId` is the staff record of the
 * signed-in account in the directory (people table).
 */
export interface WriteRuleContext {
  /**
   * `personIds` (when given) are every person id the account acts as: its
   * personId, the local profile person ids it claimed at sign-in, and the
   * session's device id (what the app records as the actor before its user
   * is in the directory). Absent, only personId counts.
   */
  user: { id: string; role: RuleRole; personId: string; personIds?: readonly string[] };
  table: string;
  id: string;
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>>;
  changed: readonly string[];
  /**
   * A record the rule named in `reads`, as stored (with this batch's earlier
   * changes), or null when there is none. Absent where nothing was read.
   */
  related?: (table: string, id: string) => Readonly<Record<string, unknown>> | null;
  /**
   * The records of `table` whose `field` holds `value` (a review's action
   * items), for a query the rule named in `reads`: as stored, with this
   * batch's earlier changes, deleted ones included, each with its `id`.
   * Absent where nothing was read.
   */
  relatedBy?: (table: string, field: string, value: string) => readonly Readonly<Record<string, unknown>>[];
}

/** A record another record points at. */
export interface RecordRef {
  table: string;
  id: string;
}

/** The records of a table that point at a record (a review's action items: `actionItems` whose `reviewId` is the review's id). */
export interface RecordsPointingAt {
  table: string;
  field: string;
  equals: string;
}

/**
 * Who may write a synced table, stated as data next to the table (the server
 * enforces it in the push transaction; the app uses it only to hide what a
 * role may not do). A table without a rule is refused by the server.
 */
export interface TableWriteRule {
  /** Roles that may create or change records of the table at all. */
  roles: readonly RuleRole[] | 'any';
  /** Fields only some roles may write. */
  fields?: Readonly<Record<string, readonly RuleRole[]>>;
  /** When set, clients may write only these fields (the rest are server-owned). */
  writable?: readonly string[];
  /** A further check on the merged record; returns why the write is refused, or null to allow it. */
  check?: (ctx: WriteRuleContext) => string | null;
  /**
   * Other records `check` (or `authorship.copyOf`) looks at, named from the
   * merged record (a registration's session): the server reads them in the
   * push transaction and hands them over as `ctx.related`. A query
   * (`{ table, field, equals }`, e.g. the written record's `id`, the second
   * argument) reads every record pointing at it, handed over as `ctx.relatedBy`.
   */
  reads?: (after: Readonly<Record<string, unknown>>, id?: string) => readonly (RecordRef | RecordsPointingAt)[];
  /**
   * Append-only audit entries: the field that names the actor (a person id)
   * and, optionally, the field naming the device. The server requires them
   * to be the session's and records when it received the entry (the
   * server-owned field `receivedAt`, epoch ms). `copyOf` names the entry a
   * copy was made from (a work-log entry carried over by a ticket merge): a
   * copy keeps the original's actor, so the original must exist (list it in
   * `reads`) and name the same actor.
   */
  authorship?: { actorField: string; deviceField?: string; copyOf?: (after: Readonly<Record<string, unknown>>) => RecordRef | null };
  /** One line for the rules table in docs/sync-protocol.md. */
  summary: string;
}

export interface SyncTableSpec {
  merge: MergeMode;
  /**
   * Fields derived on each device (search words, sort keys): recomputed from
   * the synced fields on every write, so never logged or sent.
   */
  localFields?: readonly string[];
  /**
   * The stored record's schema (synced fields, without `stamps` and local
   * fields), which both the server (after merging an op) and the app (on
   * pulled records) validate with. Unknown extra fields must be allowed
   * (a newer app may add one): use z.looseObject or .passthrough().
   *
   * What it validates is `{ ...fields, id }`: a pulled record's fields with
   * its id. `stamps` may be left out and `deleted` may be missing (not
   * deleted); see storedSchema in shared/sync/stored-schema.ts.
   */
  schema?: z.ZodType;
  /** The server's write rule for this table. */
  rule?: TableWriteRule;
}
