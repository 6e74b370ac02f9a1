import type { IcsSessionRequest, PrintableDocument } from '../../../../shared/training/channels';
import type { Course } from '../../../../shared/training/course';
import type { Material } from '../../../../shared/training/material';
import type { RosterRow } from '../../../../shared/training/roster';
import type { Session } from '../../../../shared/training/session';

/**
 * The data each printout needs, taken from records. Main turns it into HTML
 * with the shared templates; the renderer never sends markup.
 */

const where = (s: Session) => ({ startLocal: s.startLocal, timeZone: s.timeZone, durationMinutes: s.durationMinutes, location: s.location, onlineUrl: s.onlineUrl });

export function signInSheetDocument(session: Session, course: Course | undefined, rows: readonly RosterRow[], trainerNames: string[]): PrintableDocument {
  return {
    kind: 'signInSheet',
    courseTitle: course?.title ?? 'Training session',
    system: course?.system ?? '',
    session: where(session),
    trainerNames,
    attendees: rows.map((r) => ({ name: r.name, agency: r.agency })),
  };
}

export function attendanceSummaryDocument(session: Session, course: Course | undefined, rows: readonly RosterRow[], trainerNames: string[]): PrintableDocument {
  return {
    kind: 'attendanceSummary',
    courseTitle: course?.title ?? 'Training session',
    system: course?.system ?? '',
    session: where(session),
    trainerNames,
    rows: rows.map((r) => ({ name: r.name, agency: r.agency, mark: r.mark, takenBy: r.takenBy, at: r.at, walkIn: r.walkIn })),
  };
}

export function certificateDocument(
  course: Course | undefined,
  recipients: { name: string; completedOn: string; certificateNumber: string | null }[],
  trainerNames: string[],
): PrintableDocument {
  return { kind: 'certificate', courseTitle: course?.title ?? 'Training session', system: course?.system ?? '', trainerNames, recipients };
}

export function handoutDocument(material: Pick<Material, 'kind' | 'title' | 'system' | 'body' | 'images'>, version: number, dateText?: string): PrintableDocument {
  return {
    kind: 'handout',
    material: { kind: material.kind, title: material.title, system: material.system, version, body: material.body, images: material.images.map((i) => ({ id: i.id, name: i.name, dataUri: i.dataUri })) },
    ...(dateText ? { dateText } : {}),
  };
}

export function icsSession(session: Session, course: Course | undefined, trainerNames: string[]): IcsSessionRequest {
  return {
    id: session.id,
    title: course?.title ?? 'Training session',
    ...where(session),
    status: session.status,
    notes: session.notes,
    updatedAt: session.updatedAt,
    details: [course?.system ? `System: ${course.system}` : '', trainerNames.length ? `Trainer: ${trainerNames.join(', ')}` : ''].filter(Boolean),
  };
}
