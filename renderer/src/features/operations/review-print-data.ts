import type { ReviewPrintRequestData } from '../../../../shared/operations/channels';
import { overdueActions } from '../../../../shared/operations/rules';
import { LABELS, type ActionItem, type Review } from '../../../../shared/operations/schemas';
import type { Names } from './useOps';

const when = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const REVIEW_SECTIONS: { key: keyof Review; label: string }[] = [
  { key: 'summary', label: 'Summary' },
  { key: 'impactWho', label: 'Who was affected' },
  { key: 'impactCount', label: 'How many' },
  { key: 'impactDuration', label: 'How long' },
  { key: 'trigger', label: 'Trigger' },
  { key: 'rootCauses', label: 'Root causes' },
  { key: 'contributing', label: 'Contributing factors' },
  { key: 'detection', label: 'Detection' },
  { key: 'resolution', label: 'Resolution' },
  { key: 'wentWell', label: 'What went well' },
  { key: 'wentWrong', label: 'What went wrong' },
  { key: 'gotLucky', label: 'Where we got lucky' },
];

const linkText = (a: ActionItem, names: Names) => (a.link ? (a.link.kind === 'ticket' ? names.ticket(a.link.id) : 'Change') : '');

/** The review as the printout shows it: every id turned into a name. */
export function reviewPrintData(review: Review, actions: readonly ActionItem[], names: Names, now = new Date()): ReviewPrintRequestData {
  return {
    title: review.title,
    status: LABELS.reviewStatus[review.status],
    owner: names.person(review.ownerId),
    reviewDate: review.reviewDate ?? '',
    attendees: review.attendeeIds.map((id) => names.person(id)),
    incidents: review.incidentIds.map((id) => names.ticket(id)),
    sections: REVIEW_SECTIONS.map((s) => ({ label: s.label, text: String(review[s.key] ?? '') })),
    timeline: review.timeline.map((e) => ({ when: when(e.at), text: e.text })),
    actions: actions.map((a) => ({ title: a.title, owner: names.person(a.ownerId), due: a.due ?? '', type: LABELS.actionType[a.type], status: LABELS.actionStatus[a.status], link: linkText(a, names) })),
    printedAt: when(now.toISOString()),
  };
}

/** Rows of the reviews export: one per review, one per action item. */
export function reviewExportRows(reviews: readonly Review[], actions: readonly ActionItem[], names: Names, today: string) {
  const overdue = new Set(overdueActions(actions, today).map((a) => a.id));
  const titles = new Map(reviews.map((r) => [r.id, r.title]));
  return {
    reviews: reviews.map((r) => ({
      title: r.title,
      status: LABELS.reviewStatus[r.status],
      owner: names.person(r.ownerId),
      reviewDate: r.reviewDate ?? '',
      incidents: r.incidentIds.map((id) => names.ticket(id)).join('; '),
      attendees: r.attendeeIds.map((id) => names.person(id)).join('; '),
      summary: r.summary,
      impact: [r.impactWho, r.impactCount, r.impactDuration].filter(Boolean).join(' · '),
      trigger: r.trigger,
      rootCauses: r.rootCauses,
      contributing: r.contributing,
      detection: r.detection,
      resolution: r.resolution,
      wentWell: r.wentWell,
      wentWrong: r.wentWrong,
      gotLucky: r.gotLucky,
      openActions: actions.filter((a) => a.reviewId === r.id && a.status === 'open' && a.deleted !== 1).length,
      updatedAt: r.updatedAt,
    })),
    actions: actions
      .filter((a) => a.deleted !== 1)
      .map((a) => ({
        review: titles.get(a.reviewId) ?? 'Removed review',
        title: a.title,
        owner: names.person(a.ownerId),
        due: a.due ?? '',
        type: LABELS.actionType[a.type],
        status: LABELS.actionStatus[a.status],
        overdue: overdue.has(a.id) ? 'Yes' : '',
        link: linkText(a, names),
      })),
  };
}
