import { itemVerdict, sodConflicts, type ItemVerdict, type SodConflict } from '../../../../../shared/access/rules';
import type { Grant, ReviewCampaign, ReviewDecision, ReviewItem } from '../../../../../shared/access/schema';
import type { AccessTables } from './tables';

export interface CampaignRow {
  item: ReviewItem;
  grant: Grant | null;
  verdict: ItemVerdict;
  /** Separation-of-duties conflicts of this grant with the person's other active access (what helps decide). */
  conflicts: SodConflict[];
}

export interface CampaignPage {
  campaign: ReviewCampaign;
  /** Items in the campaign. */
  total: number;
  /** Items with at least one decision (-1: not counted, the first screen alone). */
  decided: number;
  /** Items a coordinator must look at: reviewers in conflict or who did not know (open), flagged at close and not settled (closed); -1: not counted. */
  attention: number;
  /** The screen: the first `limit` items (by id, the order they were made in), or of those needing attention. */
  rows: CampaignRow[];
}

const needsCoordinator = (v: ItemVerdict) => v.kind === 'conflict' || (v.kind === 'decided' && v.decision === 'dont_know');

/**
 * One screen of a campaign, for the campaign page: the item count from the
 * `campaignId` index (keys only), the campaign's decisions (the counts and
 * conflicts need them all; they are small), and the items and grants of the
 * rows shown only. At 5,000 items reading every item and grant to show 50
 * took most of the time; "Show more" reads the next screen.
 */
export async function campaignPage(t: AccessTables, campaignId: string, limit: number, only: 'all' | 'attention' = 'all', counts = true): Promise<CampaignPage | null> {
  const campaign = await t.campaigns.get(campaignId);
  if (!campaign || campaign.deleted) return null;
  if (!counts && only === 'all') {
    // The first screen alone: the count, the items shown, and only their decisions and grants
    // (the decided and needs-a-coordinator counts read every decision: campaignCounts, after).
    const [total, shown] = await Promise.all([t.items.where('campaignId').equals(campaignId).count(), t.items.where('campaignId').equals(campaignId).limit(limit).toArray()]);
    const items = shown.filter((i) => !i.deleted);
    const decisions = await t.decisions.where('itemId').anyOf(items.map((i) => i.id)).toArray();
    const byItem = new Map<string, ReviewDecision[]>();
    for (const d of decisions) if (!d.deleted) byItem.set(d.itemId, [...(byItem.get(d.itemId) ?? []), d]);
    return { campaign, total, decided: -1, attention: -1, rows: await withGrants(t, items, (id) => itemVerdict(byItem.get(id) ?? [])) };
  }
  const byItem = new Map<string, ReviewDecision[]>();
  // The reads that do not depend on one another go out together: the count, the decisions, and (open, all items) the screen's items.
  const firstItems = campaign.status === 'open' && only === 'all' ? t.items.where('campaignId').equals(campaignId).limit(limit).toArray() : null;
  const [total, decisions] = await Promise.all([t.items.where('campaignId').equals(campaignId).count(), t.decisions.where('campaignId').equals(campaignId).toArray()]);
  for (const d of decisions) {
    if (d.deleted) continue;
    const list = byItem.get(d.itemId);
    if (list) list.push(d);
    else byItem.set(d.itemId, [d]);
  }
  const verdicts = new Map([...byItem].map(([id, ds]) => [id, itemVerdict(ds)]));
  const verdictOf = (id: string): ItemVerdict => verdicts.get(id) ?? { kind: 'undecided' };
  let items: ReviewItem[];
  let attention: number;
  if (campaign.status === 'closed') {
    // Closed: what needs a coordinator is on the items (flagged, not settled yet).
    const all = await t.items.where('campaignId').equals(campaignId).toArray();
    const flagged = all.filter((i) => !i.deleted && i.outcome === 'flagged');
    attention = flagged.length;
    items = (only === 'attention' ? flagged : all.filter((i) => !i.deleted)).slice(0, limit);
  } else {
    // Open: conflicts and "don't know" from the decisions, less those a coordinator already settled (few: read them).
    const asked = [...verdicts].filter(([, v]) => needsCoordinator(v)).map(([id]) => id).sort();
    const [askedItems, shown] = await Promise.all([t.items.bulkGet(asked), firstItems ?? Promise.resolve([])]);
    const open = askedItems.filter((i): i is ReviewItem => !!i && !i.deleted && i.outcome === null);
    attention = open.length;
    items = only === 'attention' ? open.slice(0, limit) : shown.filter((i) => !i.deleted);
  }
  return { campaign, total, decided: byItem.size, attention, rows: await withGrants(t, items, verdictOf) };
}

/** The decided and needs-a-coordinator counts of a campaign (every decision read), for after the first screen. */
export async function campaignCounts(t: AccessTables, campaignId: string): Promise<{ decided: number; attention: number } | null> {
  const page = await campaignPage(t, campaignId, 0, 'attention');
  return page ? { decided: page.decided, attention: page.attention } : null;
}

/** The rows' grants, and the separation-of-duties conflicts of each with the person's other active access. */
async function withGrants(t: AccessTables, items: ReviewItem[], verdictOf: (id: string) => ItemVerdict): Promise<CampaignRow[]> {
  const [grants, rules, held] = await Promise.all([t.grants.bulkGet(items.map((i) => i.grantId)), t.sodRules.toArray(), t.grants.where('personId').anyOf([...new Set(items.map((i) => i.personId))]).toArray()]);
  const heldBy = new Map<string, string[]>();
  for (const g of held) if (!g.deleted && (g.status === 'active' || g.status === 'revoking')) heldBy.set(g.personId, [...(heldBy.get(g.personId) ?? []), g.entitlementId]);
  const live = rules.filter((r) => !r.deleted);
  return items.map((item, k) => ({
    item,
    grant: grants[k] ?? null,
    verdict: verdictOf(item.id),
    conflicts: live.length ? sodConflicts([item.entitlementId], (heldBy.get(item.personId) ?? []).filter((e) => e !== item.entitlementId), live) : [],
  }));
}

/** Every item of a campaign with its grant and verdict, for the report and the printed summary (read when asked). */
export async function campaignAll(t: AccessTables, campaignId: string): Promise<{ rows: CampaignRow[]; decisions: ReviewDecision[] }> {
  const [items, decisions] = await Promise.all([t.items.where('campaignId').equals(campaignId).toArray(), t.decisions.where('campaignId').equals(campaignId).toArray()]);
  const live = items.filter((i) => !i.deleted);
  const grants = await t.grants.bulkGet(live.map((i) => i.grantId));
  const byItem = new Map<string, ReviewDecision[]>();
  for (const d of decisions) if (!d.deleted) byItem.set(d.itemId, [...(byItem.get(d.itemId) ?? []), d]);
  return { rows: live.map((item, k) => ({ item, grant: grants[k] ?? null, verdict: itemVerdict(byItem.get(item.id) ?? []), conflicts: [] })), decisions: decisions.filter((d) => !d.deleted) };
}
