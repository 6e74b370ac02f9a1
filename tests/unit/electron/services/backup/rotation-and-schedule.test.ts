import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, listBackups, parseBackupFileName, rotateBackups } from '../../../../../electron/services/backup/rotation';
import { isBackupDue } from '../../../../../shared/backup/schedule';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'fielddesk-rotate-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('backup file names', () => {
  it('encode the time in UTC and parse back', () => {
    const at = new Date('2025-01-31T02:03:04.567Z');
    expect(backupFileName(at)).toBe('fielddesk-backup-2025-01-31T020304Z.fdbackup');
    expect(parseBackupFileName(backupFileName(at))).toEqual(new Date('2025-01-31T02:03:04.000Z'));
    expect(parseBackupFileName('holiday-photos.zip')).toBeNull();
  });
});

describe('rotateBackups', () => {
  it('keeps the newest N backups, and leaves other files alone', async () => {
    const days = ['2025-01-01', '2025-01-03', '2025-01-02', '2025-01-05', '2025-01-04'];
    for (const d of days) await writeFile(join(dir, backupFileName(new Date(`${d}T09:00:00Z`))), 'x');
    await writeFile(join(dir, 'my-notes.txt'), 'keep me');
    const { kept, deleted } = await rotateBackups(dir, 3);
    expect(kept.map((p) => p.slice(dir.length + 1))).toEqual([
      'fielddesk-backup-2025-01-05T090000Z.fdbackup',
      'fielddesk-backup-2025-01-04T090000Z.fdbackup',
      'fielddesk-backup-2025-01-03T090000Z.fdbackup',
    ]);
    expect(deleted).toHaveLength(2);
    expect((await readdir(dir)).sort()).toEqual([...kept.map((p) => p.slice(dir.length + 1)), 'my-notes.txt'].sort());
    expect((await listBackups(dir)).map((b) => b.createdAt.toISOString().slice(0, 10))).toEqual(['2025-01-05', '2025-01-04', '2025-01-03']);
  });

  it('removes temporary files a crash left behind, but not one that may be in use', async () => {
    const now = new Date('2025-02-01T12:00:00Z');
    const stale = join(dir, '.fielddesk-backup-2025-01-01T000000Z.fdbackup.abc.partial');
    const fresh = join(dir, '.fielddesk-backup-2025-02-01T115900Z.fdbackup.def.partial');
    await writeFile(stale, '');
    await writeFile(fresh, '');
    await utimes(stale, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
    await utimes(fresh, now, now);
    const { deleted } = await rotateBackups(dir, 1, now);
    expect(deleted).toEqual([stale]);
    expect(await readdir(dir)).toEqual([fresh.slice(dir.length + 1)]);
  });

  it('refuses to keep fewer than one, and copes with a missing folder', async () => {
    await expect(rotateBackups(dir, 0)).rejects.toThrow(RangeError);
    expect(await listBackups(join(dir, 'missing'))).toEqual([]);
  });
});

describe('isBackupDue', () => {
  const tz = 'America/Chicago';
  it('is due with no backup yet, or an unreadable date', () => {
    expect(isBackupDue(null, new Date(), tz)).toBe(true);
    expect(isBackupDue('not a date', new Date(), tz)).toBe(true);
  });

  it('goes by calendar days in the person’s zone, not 24-hour periods', () => {
    // 2025-03-04 08:30 and 2025-03-05 08:00 in Chicago (CST, UTC−6).
    expect(isBackupDue('2025-03-04T14:30:00Z', new Date('2025-03-05T14:00:00Z'), tz)).toBe(true);
    // Same local day, 10 hours apart.
    expect(isBackupDue('2025-03-05T14:00:00Z', new Date('2025-03-06T00:00:00Z'), tz)).toBe(false);
    // 23:30 and 00:10 local on the next day: a new day, though only 40 minutes later.
    expect(isBackupDue(new Date('2025-03-06T05:30:00Z'), new Date('2025-03-06T06:10:00Z'), tz)).toBe(true);
  });

  it('is due when the last backup is dated in the future (the clock was wrong)', () => {
    expect(isBackupDue(Date.parse('2030-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'), tz)).toBe(true);
  });
});
