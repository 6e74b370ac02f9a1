import { err, ok, type Result } from '../../../../../shared/result';
import { pickIntoTimeline, reviewTransitionProblems, sortTimeline, timelineCandidates, type TimelineCandidate } from '../../../../../shared/operations/rules';
import {
  ActionItemInputSchema,
  ActionItemSchema,
  ReviewInputSchema,
  ReviewSchema,
  TimelineEntrySchema,
  type ActionItem,
  type ActionItemInput,
  type Review,
  type ReviewInput,
  type ReviewStatus,
} from '../../../../../shared/operations/schemas';
import { parseWith } from '../../../../../shared/validation';
import { crud } from './setup';
import { alive, live, type OpsContext } from './tables';

/** Post-incident reviews and their action items. The only writer of `reviews` and `actionItems`. */
export function reviewsRepository(ctx: OpsContext) {
  const { db, t, now } = ctx;
  const base = crud<Review, ReviewInput>(ctx, t.reviews, ReviewInputSchema, ReviewSchema, 'review');
  const actions = crud<ActionItem, ActionItemInput>(ctx, t.actions, ActionItemInputSchema, ActionItemSchema, 'action item');

  async function patchReview(id: string, rule: (r: Review) => Result<Partial<Review>> | Promise<Result<Partial<Review>>>): Promise<Result<Review>> {
    return db.transaction('rw', [t.reviews, t.actions], async () => {
      const current = await live(t.reviews, id, 'review');
      if (!current.ok) return current;
      const p = await rule(current.value);
      if (!p.ok) return p;
      const parsed = parseWith(ReviewSchema, { ...current.value, ...p.value, updatedAt: now() }, 'review');
      if (!parsed.ok) return parsed;
      await t.reviews.put(parsed.value as Review);
      return ok(parsed.value as Review);
    });
  }

  return {
    ...base,
    /** Edits to a final review's text are refused: reopen it (back to review) first. */
    update(id: string, patch: Partial<ReviewInput>): Promise<Result<Review>> {
      return patchReview(id, (r) => {
        if (r.status === 'final' && patch.status !== 'in_review') return err('conflict', 'This review is final. Move it back to review to edit it.');
        const parsed = parseWith(ReviewInputSchema, { ...r, ...patch, status: r.status }, 'review');
        return parsed.ok ? ok(parsed.value) : parsed;
      });
    },

    setStatus(id: string, to: ReviewStatus): Promise<Result<Review>> {
      return patchReview(id, async (r) => {
        const items = alive(await t.actions.where('reviewId').equals(id).toArray());
        const problems = reviewTransitionProblems(r, to, items);
        return problems.length ? err('conflict', problems.join(' ')) : ok({ status: to });
      });
    },

    /** The incidents' history and work log, as entries to pick for the timeline. */
    async candidates(reviewId: string, names: { person: (id: string) => string; ticket: (id: string) => string }): Promise<TimelineCandidate[]> {
      const review = await t.reviews.get(reviewId);
      if (!review) return [];
      const history = [];
      const work = [];
      for (const ticketId of review.incidentIds) {
        history.push(...(await ctx.tickets.tables.history.where('[ticketId+at]').between([ticketId, ''], [ticketId, '\uffff']).toArray()));
        work.push(...(await ctx.tickets.tables.workLog.where('[ticketId+at]').between([ticketId, ''], [ticketId, '\uffff']).toArray()));
      }
      return timelineCandidates(history, work, names);
    },

    pick(reviewId: string, picked: readonly TimelineCandidate[]): Promise<Result<Review>> {
      return patchReview(reviewId, (r) => (r.status === 'final' ? err('conflict', 'This review is final.') : ok({ timeline: pickIntoTimeline(r.timeline, picked) })));
    },

    /** Edit an entry's text or time, or add one by hand (no id). */
    saveEntry(reviewId: string, entry: { id?: string; at: string; text: string }): Promise<Result<Review>> {
      return patchReview(reviewId, (r) => {
        if (r.status === 'final') return err('conflict', 'This review is final.');
        const existing = entry.id ? r.timeline.find((e) => e.id === entry.id) : undefined;
        const parsed = parseWith(TimelineEntrySchema, { ...(existing ?? { id: `m:${ctx.newId()}`, source: 'manual', sourceId: null, ticketId: null }), at: entry.at, text: entry.text }, 'timeline entry');
        if (!parsed.ok) return parsed;
        const rest = r.timeline.filter((e) => e.id !== parsed.value.id);
        return ok({ timeline: sortTimeline([...rest, parsed.value]) });
      });
    },

    removeEntry(reviewId: string, entryId: string): Promise<Result<Review>> {
      return patchReview(reviewId, (r) => (r.status === 'final' ? err('conflict', 'This review is final.') : ok({ timeline: r.timeline.filter((e) => e.id !== entryId) })));
    },

    actions: {
      ...actions,
      /** An action of a final review keeps an owner (the review could not be final otherwise). */
      async create(value: ActionItemInput): Promise<Result<ActionItem>> {
        const review = await t.reviews.get(value?.reviewId ?? '');
        if (review?.status === 'final' && !value.ownerId) return err('conflict', 'This review is final: a new action needs an owner.', { ownerId: 'Pick an owner' });
        return actions.create(value);
      },
      async update(id: string, patch: Partial<ActionItemInput>): Promise<Result<ActionItem>> {
        const current = await t.actions.get(id);
        const review = current ? await t.reviews.get(current.reviewId) : undefined;
        if (review?.status === 'final' && 'ownerId' in patch && !patch.ownerId) return err('conflict', 'This review is final: its actions keep an owner.', { ownerId: 'Pick an owner' });
        return actions.update(id, patch);
      },
      list: async (reviewId: string): Promise<ActionItem[]> => alive(await t.actions.where('reviewId').equals(reviewId).toArray()),
      all: async (): Promise<ActionItem[]> => alive(await t.actions.toArray()),
    },
  };
}
export type ReviewsRepository = ReturnType<typeof reviewsRepository>;
