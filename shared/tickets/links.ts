import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { idField, instant, syncMeta } from './fields';

/**
 * Links between tickets. Direction matters for two kinds:
 *   parent     fromId is the parent of toId (an outage and the calls about it)
 *   duplicate  fromId is a duplicate of toId
 *   related    symmetric; stored once, either way round
 * Unlinking sets the tombstone; a link is never rewritten to another kind.
 */
export const LINK_KINDS = ['parent', 'related', 'duplicate'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const TicketLinkSchema = z
  .object({
    id: idField('Id'),
    fromId: idField('From ticket'),
    toId: idField('To ticket'),
    kind: z.enum(LINK_KINDS, { error: 'Link kind must be parent, related or duplicate' }),
    createdBy: idField('Created by'),
    createdAt: instant('Created'),
    ...syncMeta,
  })
  .refine((l) => l.fromId !== l.toId, { error: 'A ticket cannot be linked to itself', path: ['toId'] });
export type TicketLink = z.output<typeof TicketLinkSchema>;

export type LinkSpec = Pick<TicketLink, 'fromId' | 'toId' | 'kind'>;

/**
 * Two devices can link the same pair offline and produce two records; this
 * key identifies them as the same link, so views show one.
 */
export function linkKey(l: LinkSpec): string {
  if (l.kind === 'related') {
    const [a, b] = l.fromId < l.toId ? [l.fromId, l.toId] : [l.toId, l.fromId];
    return `related:${a}:${b}`;
  }
  return `${l.kind}:${l.fromId}:${l.toId}`;
}

const live = (links: readonly TicketLink[]) => links.filter((l) => l.deleted === 0);

/** The parent of a ticket, if any (the earliest link wins should two devices disagree). */
function parentOf(id: string, links: readonly TicketLink[]): string | null {
  let best: TicketLink | null = null;
  for (const l of links) if (l.kind === 'parent' && l.toId === id && (!best || l.createdAt < best.createdAt)) best = l;
  return best ? best.fromId : null;
}

/**
 * Check a new link against the existing ones (all links touching the two
 * tickets and their ancestors). Rejects self-links, repeats, a second parent,
 * and parent or duplicate chains that would loop.
 */
export function validateLink(candidate: LinkSpec, existing: readonly TicketLink[]): Result<LinkSpec> {
  if (candidate.fromId === candidate.toId) return err('invalid_request', 'A ticket cannot be linked to itself');
  const links = live(existing);
  const key = linkKey(candidate);
  if (links.some((l) => linkKey(l) === key)) return err('conflict', 'These tickets are already linked that way');
  const pairKinds = links.filter(
    (l) => (l.fromId === candidate.fromId && l.toId === candidate.toId) || (l.fromId === candidate.toId && l.toId === candidate.fromId),
  );
  if (pairKinds.length > 0) return err('conflict', 'These tickets are already linked; remove that link first');

  if (candidate.kind === 'parent') {
    if (parentOf(candidate.toId, links) !== null) return err('conflict', 'That ticket already has a parent');
    // Walk up from the would-be parent: meeting the child means a loop.
    const seen = new Set<string>();
    for (let cur: string | null = candidate.fromId; cur !== null; cur = parentOf(cur, links)) {
      if (cur === candidate.toId) return err('conflict', 'That would make a ticket its own ancestor');
      if (seen.has(cur)) break;
      seen.add(cur);
    }
  }
  if (candidate.kind === 'duplicate') {
    const seen = new Set<string>();
    for (let cur: string | undefined = candidate.toId; cur !== undefined; ) {
      if (cur === candidate.fromId) return err('conflict', 'That would make the tickets duplicates of each other');
      if (seen.has(cur)) break;
      seen.add(cur);
      const c: string = cur;
      cur = links.find((l) => l.kind === 'duplicate' && l.fromId === c)?.toId;
    }
  }
  return ok(candidate);
}

export interface TicketLinks {
  parent: string | null;
  children: string[];
  related: string[];
  /** This ticket is a duplicate of these. */
  duplicateOf: string[];
  /** These tickets are duplicates of this one. */
  duplicates: string[];
}

/** Links seen from one ticket, de-duplicated. */
export function linksOf(ticketId: string, links: readonly TicketLink[]): TicketLinks {
  const l = live(links);
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    parent: parentOf(ticketId, l),
    children: uniq(l.filter((x) => x.kind === 'parent' && x.fromId === ticketId).map((x) => x.toId)),
    related: uniq(
      l.filter((x) => x.kind === 'related' && (x.fromId === ticketId || x.toId === ticketId)).map((x) => (x.fromId === ticketId ? x.toId : x.fromId)),
    ),
    duplicateOf: uniq(l.filter((x) => x.kind === 'duplicate' && x.fromId === ticketId).map((x) => x.toId)),
    duplicates: uniq(l.filter((x) => x.kind === 'duplicate' && x.toId === ticketId).map((x) => x.fromId)),
  };
}
