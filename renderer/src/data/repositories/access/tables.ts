import type { Table } from 'dexie';
import type {
  AccessAttachment,
  AccessAudit,
  AccessRequest,
  Approval,
  Departure,
  DistributionList,
  Entitlement,
  Grant,
  ListLog,
  ListMembership,
  ReviewCampaign,
  ReviewDecision,
  ReviewItem,
  Revocation,
  SodRule,
  StepTick,
} from '../../../../../shared/access/schema';
import type { Result } from '../../../../../shared/result';
import type { FieldDeskDb } from '../../db';

/** Typed handles on the access stores (declared in repositories/access/stores.ts). */
export interface AccessTables {
  entitlements: Table<Entitlement, string>;
  sodRules: Table<SodRule, string>;
  requests: Table<AccessRequest, string>;
  approvals: Table<Approval, string>;
  grants: Table<Grant, string>;
  ticks: Table<StepTick, string>;
  revocations: Table<Revocation, string>;
  departures: Table<Departure, string>;
  audit: Table<AccessAudit, string>;
  attachments: Table<AccessAttachment, string>;
  campaigns: Table<ReviewCampaign, string>;
  items: Table<ReviewItem, string>;
  decisions: Table<ReviewDecision, string>;
  lists: Table<DistributionList, string>;
  memberships: Table<ListMembership, string>;
  listLog: Table<ListLog, string>;
}

export function accessTables(db: FieldDeskDb): AccessTables {
  return {
    entitlements: db.table('entitlements'),
    sodRules: db.table('sodRules'),
    requests: db.table('accessRequests'),
    approvals: db.table('approvals'),
    grants: db.table('grants'),
    ticks: db.table('provisioningSteps'),
    revocations: db.table('revocations'),
    departures: db.table('departures'),
    audit: db.table('accessAudit'),
    attachments: db.table('accessAttachments'),
    campaigns: db.table('reviewCampaigns'),
    items: db.table('reviewItems'),
    decisions: db.table('reviewDecisions'),
    lists: db.table('distributionLists'),
    memberships: db.table('listMemberships'),
    listLog: db.table('listLog'),
  };
}

export interface AccessActor {
  /** A staff person's id, or the device's when the profile names nobody in the directory. */
  id: string;
  name: string;
}

/** What every access repository is built from. `now` is injectable so tests stand on a fixed day. */
export interface AccessContext {
  db: FieldDeskDb;
  t: AccessTables;
  now: () => string;
  newId: () => string;
  actor: () => Promise<AccessActor>;
  deviceId: () => string;
}

export const today = (ctx: AccessContext) => ctx.now().slice(0, 10);

/** Records that are not tombstoned. */
export const alive = <T extends { deleted: 0 | 1 }>(rows: readonly T[]): T[] => rows.filter((r) => r.deleted !== 1);

/** Throwing inside a Dexie transaction rolls back what it already wrote; the Result is carried out. */
export class Rollback extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? 'rollback' : result.error.message);
  }
}

/** Run a transaction whose failure Result must undo its earlier writes: a refusal changes nothing. */
export async function atomically<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
}

export function orRollback<T>(r: Result<T>): T {
  if (!r.ok) throw new Rollback(r);
  return r.value;
}

/** Every access store, for transactions that touch several. */
export const allStores = (t: AccessTables) => Object.values(t) as Table[];

/** One audit entry (append-only), carrying the actor and device. Call inside the write's transaction. */
export async function audit(
  ctx: AccessContext,
  actor: AccessActor,
  entry: { action: string; subjectTable: string; subjectId: string; grantId?: string | null; requestId?: string | null; summary: string },
): Promise<void> {
  const record: AccessAudit = {
    id: ctx.newId(),
    actor: actor.id,
    device: ctx.deviceId(),
    at: ctx.now(),
    action: entry.action,
    subjectTable: entry.subjectTable,
    subjectId: entry.subjectId,
    grantId: entry.grantId ?? null,
    requestId: entry.requestId ?? null,
    summary: entry.summary.slice(0, 500),
    stamps: {},
    deleted: 0,
  };
  await ctx.t.audit.add(record);
}
