import { err, ok, type Result } from '../result';
import type { AccessRequest, AccountCheck, Approval, DefaultAction, Entitlement, Grant, ListMembership, ReviewCampaign, ReviewDecision, ReviewDecisionKind, ReviewItem, SodRule, Stage, StepTick } from './schema';

/**
 * The access lifecycle's rules, pure: what can follow what, which stage is
 * next, how long a grant may run, which entitlements clash, when a grant is
 * expiring, what a leaver loses, what a campaign does with silence, and how an
 * account export matches the grants.
 */

// ── States ───────────────────────────────────────────────────────────────

export const ACCESS_STATES = ['draft', 'submitted', 'approved', 'denied', 'provisioning', 'active', 'expiring', 'expired', 'revoked', 'cancelled'] as const;
export type AccessState = (typeof ACCESS_STATES)[number];

/** What each state may become. Approved and denied are reached stage by stage (see stageProgress). */
export const TRANSITIONS: Readonly<Record<AccessState, readonly AccessState[]>> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['approved', 'denied', 'cancelled'],
  approved: ['provisioning', 'cancelled'],
  denied: [],
  provisioning: ['active', 'cancelled'],
  active: ['expiring', 'expired', 'revoked'],
  expiring: ['active', 'expired', 'revoked'],
  expired: [],
  revoked: [],
  cancelled: [],
};

export function canMove(from: AccessState, to: AccessState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function move(from: AccessState, to: AccessState): Result<AccessState> {
  if (canMove(from, to)) return ok(to);
  return err('conflict', `A ${label(from)} request cannot become ${label(to)}.`);
}

const label = (s: AccessState) => s;

// ── Dates ────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

/** Whole days from one calendar date to another (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The tightest maximum of the entitlements (days), or null when none has one. */
export function maxDaysOf(entitlements: readonly Pick<Entitlement, 'maxDays'>[]): number | null {
  const maxes = entitlements.map((e) => e.maxDays).filter((d): d is number => d !== null);
  return maxes.length ? Math.min(...maxes) : null;
}

/** The end date a new request starts with: the shortest default, kept within every maximum. */
export function defaultEndDate(startDate: string, entitlements: readonly Pick<Entitlement, 'maxDays' | 'defaultDays'>[]): string | null {
  const defaults = entitlements.map((e) => e.defaultDays).filter((d): d is number => d !== null);
  const max = maxDaysOf(entitlements);
  const days = defaults.length ? Math.min(...defaults, max ?? Infinity) : max;
  return days === null ? null : addDays(startDate, days);
}

/** Start and end within the entitlements' maximum duration. */
export function checkDates(startDate: string, endDate: string | null, entitlements: readonly Pick<Entitlement, 'maxDays' | 'name'>[]): Result<true> {
  const max = maxDaysOf(entitlements);
  if (endDate !== null && daysBetween(startDate, endDate) < 0) return err('invalid_request', 'The end date is before the start date.', { endDate: 'Must be on or after the start date' });
  if (max === null) return ok(true);
  const strict = entitlements.find((e) => e.maxDays === max)!;
  if (endDate === null) return err('invalid_request', `${strict.name} must end within ${max} days: give an end date.`, { endDate: `Required (at most ${max} days)` });
  const days = daysBetween(startDate, endDate);
  if (days > max) return err('invalid_request', `${strict.name} may be granted for at most ${max} days; this request runs ${days}.`, { endDate: `At most ${addDays(startDate, max)}` });
  return ok(true);
}

// ── Stages ───────────────────────────────────────────────────────────────

/** The request's stages: each entitlement's stages in order, the same stage (by label and approver) once. */
export function mergeStages(entitlements: readonly Pick<Entitlement, 'stages'>[]): Stage[] {
  const seen = new Set<string>();
  const out: Stage[] = [];
  for (const e of entitlements)
    for (const s of e.stages) {
      const key = `${s.label.toLowerCase()}|${s.approver}|${s.personId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  return out;
}

export type StageProgress = { kind: 'pending'; index: number; stage: Stage } | { kind: 'approved' } | { kind: 'denied'; index: number };

/** The latest decision of each stage (by time, then id), in stage order. */
export function latestPerStage(approvals: readonly Pick<Approval, 'id' | 'stageIndex' | 'decision' | 'at'>[]): Map<number, Pick<Approval, 'id' | 'stageIndex' | 'decision' | 'at'>> {
  const latest = new Map<number, Pick<Approval, 'id' | 'stageIndex' | 'decision' | 'at'>>();
  for (const a of approvals) {
    const cur = latest.get(a.stageIndex);
    if (!cur || a.at > cur.at || (a.at === cur.at && a.id > cur.id)) latest.set(a.stageIndex, a);
  }
  return latest;
}

/** Where a request stands: the first stage without an approval, a denial, or all approved. */
export function stageProgress(stages: readonly Stage[], approvals: readonly Pick<Approval, 'id' | 'stageIndex' | 'decision' | 'at'>[]): StageProgress {
  const latest = latestPerStage(approvals);
  for (let i = 0; i < stages.length; i++) {
    const d = latest.get(i);
    if (!d) return { kind: 'pending', index: i, stage: stages[i]! };
    if (d.decision === 'denied') return { kind: 'denied', index: i };
  }
  return { kind: 'approved' };
}

/** Whether a stage decision may be recorded now: the request is submitted and it is the next stage. */
export function checkStageDecision(
  request: Pick<AccessRequest, 'status' | 'stages' | 'sodConflicts' | 'signedFormRequired' | 'attachmentIds'>,
  approvals: readonly Pick<Approval, 'id' | 'stageIndex' | 'decision' | 'at'>[],
  entry: { stageIndex: number; decision: 'approved' | 'denied'; sodAccepted: boolean; sodReason: string; method: string; evidenceIds: readonly string[] },
): Result<true> {
  if (request.status !== 'submitted') return err('conflict', `This request is ${request.status}; decisions are recorded only on submitted requests.`);
  const progress = stageProgress(request.stages, approvals);
  if (progress.kind !== 'pending') return err('conflict', 'Every stage of this request is already decided.');
  if (entry.stageIndex !== progress.index) {
    return err('conflict', `Stages are decided in order: "${progress.stage.label}" comes next.`);
  }
  if (entry.decision === 'approved' && request.sodConflicts.length > 0 && (!entry.sodAccepted || entry.sodReason.trim() === '')) {
    return err('invalid_request', 'This request has a separation-of-duties conflict: accept it explicitly, with a reason, to approve.', { sodReason: 'A reason is required to accept the conflict' });
  }
  if (entry.decision === 'approved' && entry.method === 'signed_form' && entry.evidenceIds.length === 0 && request.attachmentIds.length === 0) {
    return err('invalid_request', 'Attach the signed form as evidence.', { evidenceIds: 'Attach the signed form' });
  }
  return ok(true);
}

// ── Separation of duties ─────────────────────────────────────────────────

export interface SodConflict {
  requested: string;
  other: string;
  /** The other entitlement is held already (true) or asked for in the same request (false). */
  held: boolean;
  rule: Pick<SodRule, 'id' | 'reason'>;
}

/** Pairs of incompatible entitlements: among those requested, and against those the person holds. Either direction. */
export function sodConflicts(requested: readonly string[], held: readonly string[], rules: readonly Pick<SodRule, 'id' | 'entitlementA' | 'entitlementB' | 'reason' | 'deleted'>[]): SodConflict[] {
  const out: SodConflict[] = [];
  const heldSet = new Set(held);
  const seen = new Set<string>();
  for (const r of rules) {
    if (r.deleted === 1) continue;
    for (const [x, y] of [
      [r.entitlementA, r.entitlementB],
      [r.entitlementB, r.entitlementA],
    ] as const) {
      if (!requested.includes(x)) continue;
      const inRequest = requested.includes(y);
      if (!inRequest && !heldSet.has(y)) continue;
      const key = `${r.id}|${[x, y].sort().join('|')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ requested: x, other: y, held: !inRequest, rule: { id: r.id, reason: r.reason } });
    }
  }
  return out;
}

export function describeConflict(c: SodConflict, name: (entitlementId: string) => string): string {
  const why = c.rule.reason ? ` (${c.rule.reason})` : '';
  return c.held ? `${name(c.requested)} conflicts with ${name(c.other)}, which this person already holds${why}` : `${name(c.requested)} and ${name(c.other)} are incompatible${why}`;
}

// ── Steps ────────────────────────────────────────────────────────────────

/** Which steps are done: the latest tick per step counts (an untick is a newer entry). */
export function doneSteps(ticks: readonly Pick<StepTick, 'id' | 'stepId' | 'done' | 'at'>[]): Set<string> {
  const latest = new Map<string, Pick<StepTick, 'id' | 'stepId' | 'done' | 'at'>>();
  for (const t of ticks) {
    const cur = latest.get(t.stepId);
    if (!cur || t.at > cur.at || (t.at === cur.at && t.id > cur.id)) latest.set(t.stepId, t);
  }
  return new Set([...latest.values()].filter((t) => t.done).map((t) => t.stepId));
}

export function allStepsDone(steps: readonly { id: string }[], ticks: readonly Pick<StepTick, 'id' | 'stepId' | 'done' | 'at'>[]): boolean {
  const done = doneSteps(ticks);
  return steps.every((s) => done.has(s.id));
}

// ── Expiry ───────────────────────────────────────────────────────────────

export const EXPIRY_NOTICE_DAYS = [14, 1] as const;
export type ExpiryWindow = 'expired' | 'day' | 'fortnight' | null;

/** A grant's expiry window today: past its last day, within a day, within 14 days, or not yet. */
export function expiryWindow(until: string | null, today: string): ExpiryWindow {
  if (until === null) return null;
  const left = daysBetween(today, until);
  if (left < 0) return 'expired';
  if (left <= 1) return 'day';
  if (left <= 14) return 'fortnight';
  return null;
}

/** The state a grant shows today: stored status plus what the calendar says. */
export function grantState(grant: Pick<Grant, 'status' | 'until'>, today: string): AccessState | 'revoking' {
  if (grant.status === 'revoked') return 'revoked';
  if (grant.status === 'expired') return 'expired';
  if (grant.status === 'revoking') return 'revoking';
  const w = expiryWindow(grant.until, today);
  if (w === 'expired') return 'expired';
  if (w !== null) return 'expiring';
  return 'active';
}

export function daysLeft(until: string | null, today: string): number | null {
  return until === null ? null : daysBetween(today, until);
}

// ── Leavers ──────────────────────────────────────────────────────────────

export interface LeaverPlan {
  revokeGrantIds: string[];
  removeMembershipIds: string[];
  /** Grants already being revoked: left as they are. */
  alreadyRevoking: string[];
}

/** A leaver loses every grant still in force and every list membership. */
export function planLeaver(personId: string, grants: readonly Pick<Grant, 'id' | 'personId' | 'status' | 'deleted'>[], memberships: readonly Pick<ListMembership, 'id' | 'personId' | 'status' | 'deleted'>[]): LeaverPlan {
  const mine = grants.filter((g) => g.personId === personId && g.deleted !== 1);
  return {
    revokeGrantIds: mine.filter((g) => g.status === 'active').map((g) => g.id),
    alreadyRevoking: mine.filter((g) => g.status === 'revoking').map((g) => g.id),
    removeMembershipIds: memberships.filter((m) => m.personId === personId && m.status === 'member' && m.deleted !== 1).map((m) => m.id),
  };
}

// ── Reviews ──────────────────────────────────────────────────────────────

export type ItemVerdict =
  | { kind: 'undecided' }
  | { kind: 'decided'; decision: ReviewDecisionKind; by: string; at: string; reason: string }
  | { kind: 'conflict'; decisions: { decision: ReviewDecisionKind; by: string; at: string; reason: string }[] };

/**
 * An item's verdict from its append-only decisions: each reviewer's latest
 * counts; two reviewers who decided differently are a conflict for a
 * coordinator, never resolved by time.
 */
export function itemVerdict(decisions: readonly Pick<ReviewDecision, 'id' | 'decision' | 'decidedBy' | 'at' | 'reason'>[]): ItemVerdict {
  const latest = new Map<string, Pick<ReviewDecision, 'id' | 'decision' | 'decidedBy' | 'at' | 'reason'>>();
  for (const d of decisions) {
    const cur = latest.get(d.decidedBy);
    if (!cur || d.at > cur.at || (d.at === cur.at && d.id > cur.id)) latest.set(d.decidedBy, d);
  }
  const finals = [...latest.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (finals.length === 0) return { kind: 'undecided' };
  const kinds = new Set(finals.map((d) => d.decision));
  const view = (d: (typeof finals)[number]) => ({ decision: d.decision, by: d.decidedBy, at: d.at, reason: d.reason });
  if (kinds.size > 1) return { kind: 'conflict', decisions: finals.map(view) };
  return { kind: 'decided', ...view(finals[finals.length - 1]!) };
}

export function checkReviewDecision(decision: ReviewDecisionKind, reason: string): Result<true> {
  if (decision === 'revoke' && reason.trim() === '') return err('invalid_request', 'A reason is required to revoke.', { reason: 'Say why this access should be removed' });
  return ok(true);
}

export interface CampaignClosePlan {
  /** item id → outcome the close writes. */
  outcomes: Map<string, 'keep' | 'revoke' | 'change' | 'flagged'>;
  /** Items whose grants the close revokes (decided revoke, or the default). */
  revokeItemIds: string[];
  /** Systems where the default would remove more than the campaign's share: a coordinator must confirm. */
  needsConfirmation: { systemId: string; wouldRevoke: number; grants: number; share: number }[];
}

/**
 * What closing a campaign does. Decided items keep their decision; conflicts
 * and "don't know" are flagged; silent items take the default (keep and flag,
 * or revoke). A revoke default that would remove more than `maxRemovalShare`
 * of a system's grants is held back for that system (the items are flagged)
 * unless a coordinator confirmed it.
 */
export function planCampaignClose(input: {
  campaign: Pick<ReviewCampaign, 'defaultAction' | 'maxRemovalShare'>;
  items: readonly Pick<ReviewItem, 'id' | 'systemId'>[];
  verdicts: ReadonlyMap<string, ItemVerdict>;
  /** Active grants per system (the share's denominator). */
  grantsPerSystem: ReadonlyMap<string, number>;
  confirmedSystems?: ReadonlySet<string>;
}): CampaignClosePlan {
  const outcomes = new Map<string, 'keep' | 'revoke' | 'change' | 'flagged'>();
  const silentBySystem = new Map<string, string[]>();
  const decidedRevokes = new Map<string, number>();
  for (const item of input.items) {
    const v = input.verdicts.get(item.id) ?? { kind: 'undecided' };
    if (v.kind === 'decided' && v.decision !== 'dont_know') {
      outcomes.set(item.id, v.decision);
      if (v.decision === 'revoke') decidedRevokes.set(item.systemId, (decidedRevokes.get(item.systemId) ?? 0) + 1);
    } else if (v.kind === 'undecided') {
      silentBySystem.set(item.systemId, [...(silentBySystem.get(item.systemId) ?? []), item.id]);
    } else outcomes.set(item.id, 'flagged');
  }
  const needsConfirmation: CampaignClosePlan['needsConfirmation'] = [];
  for (const [systemId, ids] of silentBySystem) {
    const action: DefaultAction = input.campaign.defaultAction;
    if (action === 'keep_flag') {
      for (const id of ids) outcomes.set(id, 'flagged');
      continue;
    }
    const grants = Math.max(input.grantsPerSystem.get(systemId) ?? ids.length, 1);
    const wouldRevoke = ids.length + (decidedRevokes.get(systemId) ?? 0);
    const share = wouldRevoke / grants;
    if (share > input.campaign.maxRemovalShare && !input.confirmedSystems?.has(systemId)) {
      needsConfirmation.push({ systemId, wouldRevoke, grants, share });
      for (const id of ids) outcomes.set(id, 'flagged');
    } else for (const id of ids) outcomes.set(id, 'revoke');
  }
  const revokeItemIds = input.items.filter((i) => outcomes.get(i.id) === 'revoke').map((i) => i.id);
  return { outcomes, revokeItemIds, needsConfirmation };
}

/** The reviewer of an item: the system owner or the person's supervisor, else the campaign's fallback. */
export function reviewerFor(kind: 'systemOwner' | 'supervisor', candidates: { owner: string | null; supervisor: string | null }, fallback: string | null, subjectPersonId: string): string | null {
  const first = kind === 'systemOwner' ? candidates.owner : candidates.supervisor;
  // Nobody reviews their own access.
  if (first && first !== subjectPersonId) return first;
  return fallback && fallback !== subjectPersonId ? fallback : null;
}

// ── Reconciliation ───────────────────────────────────────────────────────

export interface AccountRow {
  /** The system's login name. */
  account: string;
  email: string;
  name: string;
  /** The entitlement or role as the system names it. */
  role: string;
  lastUsed: string;
}

export interface GrantForMatch {
  grantId: string;
  personId: string;
  personName: string;
  email: string;
  entitlementName: string;
}

export interface Reconciliation {
  matched: { row: number; grantId: string }[];
  /** Accounts with no grant behind them. */
  orphans: { row: number; account: AccountRow }[];
  /** Grants with no account in the export. */
  missing: GrantForMatch[];
  /** Account found, but its role is not what was granted. */
  mismatched: { row: number; account: AccountRow; grants: GrantForMatch[] }[];
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const localPart = (email: string) => norm(email).split('@')[0] ?? '';

/**
 * Match a system's own account list to its grants. A row belongs to a person
 * by e-mail, else by login name (against the e-mail's local part), else by
 * full name; its role must name one of that person's granted entitlements
 * (a row with no role matches any). Linear in rows + grants.
 */
export function reconcile(rows: readonly AccountRow[], grants: readonly GrantForMatch[]): Reconciliation {
  // Each grant's keys are made once; a person's grants sit together (index lists), their roles normalized once.
  const byEmail = new Map<string, number[]>();
  const byLocal = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const roleOf: string[] = new Array<string>(grants.length);
  const roles = new Map<string, string>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    if (!k) return;
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  for (let i = 0; i < grants.length; i++) {
    const g = grants[i]!;
    const email = norm(g.email);
    push(byEmail, email, i);
    push(byLocal, email.split('@')[0] ?? '', i);
    push(byName, norm(g.personName), i);
    let role = roles.get(g.entitlementName);
    if (role === undefined) roles.set(g.entitlementName, (role = norm(g.entitlementName)));
    roleOf[i] = role;
  }
  const out: Reconciliation = { matched: [], orphans: [], missing: [], mismatched: [] };
  const seen = new Uint8Array(grants.length);
  rows.forEach((account, row) => {
    const found = (account.email && byEmail.get(norm(account.email))) || (account.account && byLocal.get(localPart(account.account))) || (account.name && byName.get(norm(account.name))) || null;
    if (!found || found.length === 0) {
      out.orphans.push({ row, account });
      return;
    }
    // One person's grants (a name may match two people: keep the first person's).
    const personId = grants[found[0]!]!.personId;
    const theirs = found.filter((i) => grants[i]!.personId === personId);
    for (const i of theirs) seen[i] = 1;
    const role = norm(account.role);
    const hit = role === '' ? theirs[0] : theirs.find((i) => roleOf[i] === role);
    if (hit !== undefined) out.matched.push({ row, grantId: grants[hit]!.grantId });
    else out.mismatched.push({ row, account, grants: theirs.map((i) => grants[i]!) });
  });
  out.missing = grants.filter((_, i) => seen[i] === 0);
  return out;
}

/**
 * What a reconciliation tells each grant it covered, to keep on the grant
 * (`accountCheck`): matched and different-role grants name their account;
 * grants with no account in the export say so (account ''). Orphans name no
 * grant and are not kept.
 */
export function accountChecks(result: Reconciliation, rows: readonly AccountRow[], at: string, source: string): Map<string, AccountCheck> {
  const out = new Map<string, AccountCheck>();
  const name = (a: AccountRow) => a.account || a.email || a.name;
  for (const m of result.matched) {
    const a = rows[m.row]!;
    out.set(m.grantId, { at, source, account: name(a), role: a.role, lastUsed: a.lastUsed, roleDiffers: false });
  }
  for (const m of result.mismatched) {
    for (const g of m.grants) if (!out.has(g.grantId)) out.set(g.grantId, { at, source, account: name(m.account), role: m.account.role, lastUsed: m.account.lastUsed, roleDiffers: true });
  }
  for (const g of result.missing) out.set(g.grantId, { at, source, account: '', role: '', lastUsed: '', roleDiffers: false });
  return out;
}

/** A grant's account check in words, for reviewers: "Account jdoe, last used 2026-10-30 (cms-users.xlsx, read 2026-11-03)". */
export function accountCheckText(check: AccountCheck | null): { text: string; warn: boolean } {
  if (!check) return { text: 'No account list imported', warn: false };
  const from = `${check.source}, read ${check.at.slice(0, 10)}`;
  if (!check.account) return { text: `No account in the system’s export (${from})`, warn: true };
  const used = check.lastUsed ? `last used ${check.lastUsed}` : 'no last use given';
  if (check.roleDiffers) return { text: `Account ${check.account} holds “${check.role}”, not this entitlement; ${used} (${from})`, warn: true };
  return { text: `Account ${check.account}, ${used} (${from})`, warn: false };
}
