import { formatWallDate, instantToWallClock, localTimeZone } from '../export/zoned-time';

/**
 * Whether the automatic daily backup should run now: when there is none yet,
 * or the last one was made on an earlier calendar day in the person's zone.
 * Calendar days rather than "24 hours since": someone who opens the laptop at
 * 8:00 every morning gets a backup every morning, not one every other day.
 * A last backup dated in the future (the clock was wrong, then fixed) counts
 * as due, or backups would stop until that date.
 */
export function isBackupDue(lastBackupAt: string | number | Date | null | undefined, now: Date, timeZone: string = localTimeZone()): boolean {
  if (lastBackupAt === null || lastBackupAt === undefined) return true;
  const last = lastBackupAt instanceof Date ? lastBackupAt.getTime() : typeof lastBackupAt === 'number' ? lastBackupAt : Date.parse(lastBackupAt);
  if (!Number.isFinite(last)) return true;
  const nowMs = now.getTime();
  if (last > nowMs + 5 * 60_000) return true;
  return formatWallDate(instantToWallClock(last, timeZone)) < formatWallDate(instantToWallClock(nowMs, timeZone));
}
