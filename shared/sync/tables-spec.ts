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
  user: { id: string; role: RuleRole; personId: string };
  table: string;
  id: string;
  before: Readonly<Record<string, unknown>> | null;
  after: Readonly<Record<string, unknown>>;
  changed: readonly string[];
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
   * Append-only audit entries: the field that names the actor (a person id)
   * and, optionally, the field naming the device. The server requires them
   * to be the session's and records when it received the entry.
   */
  authorship?: { actorField: string; deviceField?: string };
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
   */
  schema?: z.ZodType;
  /** The server's write rule for this table. */
  rule?: TableWriteRule;
}
