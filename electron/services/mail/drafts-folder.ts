import path from 'node:path';

/**
 * Mail drafts live in one folder of their own, the app's data folder's
 * `drafts`. The app writes a draft only there and opens only a draft there
 * that it wrote: a plain `.eml` name, directly in the folder (no sub-folder,
 * no `..`, no other extension), so a renderer that asks to open
 * `C:\\Windows\\…` or `../backup.fdbak` is refused.
 */
export const DRAFTS_FOLDER = 'drafts';
const DRAFT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.eml$/;

export const draftsDir = (dataDir: string): string => path.join(dataDir, DRAFTS_FOLDER);

/** The full path of a draft by name, or null when the name is not one of ours. */
export function draftPath(dataDir: string, name: string): string | null {
  if (typeof name !== 'string' || !DRAFT_NAME.test(name) || name.includes('..')) return null;
  const dir = path.resolve(draftsDir(dataDir));
  const full = path.resolve(dir, name);
  return path.dirname(full) === dir ? full : null;
}

/** Whether a path is a draft file directly in the drafts folder. */
export function isInDraftsFolder(dataDir: string, file: string): boolean {
  const full = path.resolve(file);
  return path.dirname(full) === path.resolve(draftsDir(dataDir)) && DRAFT_NAME.test(path.basename(full));
}

/** A file name for a new draft: the ticket number or subject, made safe, a time and a short random part. */
export function draftFileName(subject: string, at: Date, random: string): string {
  const slug = subject
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'update';
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `${slug}-${stamp}-${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}.eml`;
}
