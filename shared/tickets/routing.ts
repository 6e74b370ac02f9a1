import { z } from 'zod';
import { idField, LIMITS, syncMeta, text } from './fields';

/**
 * Routing rules: which team (queue) a new ticket goes to.
 *
 * A rule matches on system, category and site; each may be the wildcard `*`.
 * The most specific matching rule wins (the one that names the most fields),
 * so "e-filing at the Hall of Justice → Downtown Courts team" beats "e-filing →
 * E-filing team" without anyone having to order them. Between equally
 * specific rules the lower `order` wins, then the lower id, so every device
 * picks the same rule.
 */
export const WILDCARD = '*';

const matcher = (label: string) => text(label, LIMITS.id, { required: true });

export const RoutingRuleSchema = z.object({
  id: idField('Id'),
  name: text('Rule name', LIMITS.name, { required: true }),
  systemId: matcher('System').default(WILDCARD),
  category: text('Category', LIMITS.category, { required: true }).default(WILDCARD),
  siteId: matcher('Site').default(WILDCARD),
  teamId: idField('Team'),
  order: z.number().int('Order must be a whole number').min(0).max(1_000_000).default(100),
  enabled: z.boolean().default(true),
  ...syncMeta,
});
export type RoutingRule = z.output<typeof RoutingRuleSchema>;
export type RoutingRuleInput = z.input<typeof RoutingRuleSchema>;

export interface RouteInput {
  systemId?: string | null;
  category?: string | null;
  siteId?: string | null;
}

export interface RouteSuggestion {
  teamId: string;
  ruleId: string;
  ruleName: string;
  /** How many of system, category and site the rule named (0–3). */
  specificity: number;
}

// Categories are typed by people; "Printing" and " printing" are the same.
const normCategory = (s: string) => s.trim().toLowerCase();

function fieldMatches(pattern: string, value: string | null | undefined, norm: (s: string) => string = (s) => s): boolean {
  if (pattern === WILDCARD) return true;
  return value !== null && value !== undefined && value !== '' && norm(pattern) === norm(value);
}

export function ruleMatches(rule: RoutingRule, input: RouteInput): boolean {
  return (
    rule.enabled &&
    rule.deleted === 0 &&
    fieldMatches(rule.systemId, input.systemId) &&
    fieldMatches(rule.category, input.category, normCategory) &&
    fieldMatches(rule.siteId, input.siteId)
  );
}

export const specificity = (rule: Pick<RoutingRule, 'systemId' | 'category' | 'siteId'>): number =>
  (rule.systemId !== WILDCARD ? 1 : 0) + (rule.category !== WILDCARD ? 1 : 0) + (rule.siteId !== WILDCARD ? 1 : 0);

/** Most specific first, then order, then id: the order rules are tried in. */
export function compareRules(a: RoutingRule, b: RoutingRule): number {
  return specificity(b) - specificity(a) || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The team a ticket with these fields should go to, or null when no rule matches. */
export function suggestRoute(input: RouteInput, rules: readonly RoutingRule[]): RouteSuggestion | null {
  let best: RoutingRule | null = null;
  for (const rule of rules) {
    if (!ruleMatches(rule, input)) continue;
    if (best === null || compareRules(rule, best) < 0) best = rule;
  }
  return best ? { teamId: best.teamId, ruleId: best.id, ruleName: best.name, specificity: specificity(best) } : null;
}
