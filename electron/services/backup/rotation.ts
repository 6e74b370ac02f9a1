import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_EXTENSION } from './backup-format';

const NAME = /^fielddesk-backup-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.fdbackup$/;
const STALE_TEMP = /^\.fielddesk-backup-.*\.partial$/;
const DAY_MS = 86_400_000;

/** File name of an automatic backup; UTC, so names sort in time order whatever the zone. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString(); // 2025-01-31T02:03:04.567Z
  return `fielddesk-backup-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z${BACKUP_EXTENSION}`;
}

export function parseBackupFileName(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? null : new Date(ms);
}

export interface BackupFileInfo {
  path: string;
  name: string;
  createdAt: Date;
}

/** Automatic backups in a folder, newest first. Other files there are not ours and are ignored. */
export async function listBackups(dir: string): Promise<BackupFileInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  const found: BackupFileInfo[] = [];
  for (const name of names) {
    const createdAt = parseBackupFileName(name);
    if (createdAt) found.push({ path: join(dir, name), name, createdAt });
  }
  return found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/**
 * Keep the newest `keep` automatic backups and delete older ones, plus
 * temporary files a crash left behind more than a day ago (a newer one may
 * belong to a backup running right now).
 */
export async function rotateBackups(dir: string, keep: number, now: Date = new Date()): Promise<{ kept: string[]; deleted: string[] }> {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep must be a whole number of at least 1');
  const backups = await listBackups(dir);
  const deleted: string[] = [];
  for (const old of backups.slice(keep)) {
    await rm(old.path, { force: true });
    deleted.push(old.path);
  }
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!STALE_TEMP.test(name)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > DAY_MS) {
      await rm(path, { force: true });
      deleted.push(path);
    }
  }
  return { kept: backups.slice(0, keep).map((b) => b.path), deleted };
}
