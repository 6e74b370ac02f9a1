/**
 * Occurrence ids are derived, not drawn: the id of a schedule's occurrence is
 * a stable string of the schedule's id and the date the rule gave (before any
 * holiday move, so a holiday added later does not make a second one). Two
 * laptops that generate the same occurrence offline write the same record,
 * and the ticket or run it creates has an id derived the same way, so after a
 * sync the records merge field by field into one instead of arriving twice.
 *
 * A schedule id is a uuidv7 (36 characters), so each id fits the 64-character
 * id limit with room to spare. "Run now" occurrences are extra on purpose and
 * take a fresh id (see extraOccurrenceId).
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(scheduleId: string, date: string): void {
  if (!scheduleId || scheduleId.includes(':')) throw new RangeError('A schedule id must be non-empty and without ":"');
  if (!DATE.test(date)) throw new RangeError(`Not a date: ${date}`);
}

/** The occurrence record of a schedule on a rule date. */
export function occurrenceId(scheduleId: string, date: string): string {
  check(scheduleId, date);
  return `occ:${scheduleId}:${date}`;
}

/** The maintenance ticket an occurrence creates. */
export function occurrenceTicketId(scheduleId: string, date: string): string {
  check(scheduleId, date);
  return `mt:${scheduleId}:${date}`;
}

/** The output run an occurrence creates. */
export function occurrenceRunId(scheduleId: string, date: string): string {
  check(scheduleId, date);
  return `run:${scheduleId}:${date}`;
}

/** A "Run now" occurrence: extra on purpose, so its id is fresh (a uuidv7 from the caller), never derived. */
export function extraOccurrenceId(freshId: string): string {
  return `occ:x:${freshId}`;
}

/** The ticket a failed verification opens: one per run, so two devices failing the same run open one. */
export function verificationTicketId(runId: string): string {
  return `vf:${runId}`.slice(0, 64);
}

/** The (scheduleId, date) an occurrence id was derived from, or null for an extra or foreign id. */
export function parseOccurrenceId(id: string): { scheduleId: string; date: string } | null {
  const m = /^occ:([^:]+):(\d{4}-\d{2}-\d{2})$/.exec(id);
  return m && m[1] !== 'x' ? { scheduleId: m[1]!, date: m[2]! } : null;
}
