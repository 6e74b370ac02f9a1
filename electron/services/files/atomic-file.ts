import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Files are written next to their destination under a hidden temporary name
 * and renamed into place only when complete: a cancelled export, a crash or a
 * full disk never leaves a half-written spreadsheet or backup where the person
 * expects a good one. Same folder, so the rename never crosses file systems.
 */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${randomBytes(6).toString('hex')}.partial`);
}

/** Flush to disk before the rename so that a power cut cannot leave the final name pointing at missing data. */
export async function commitTempFile(tempPath: string, finalPath: string): Promise<void> {
  const handle = await open(tempPath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, finalPath);
}

export async function discardFile(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}

/** A message a support person can act on, for the file-system errors people actually hit. */
export function describeFileError(error: unknown, path: string): string {
  const code = (error as { code?: string } | null)?.code;
  const name = basename(path);
  switch (code) {
    case 'ENOENT':
      return `The folder for "${name}" does not exist.`;
    case 'EACCES':
    case 'EPERM':
      return `FieldDesk may not write "${name}" there: permission denied. Choose another folder.`;
    case 'EBUSY':
      return `"${name}" is open in another program (such as Excel). Close it and try again.`;
    case 'ENOSPC':
      return `The disk is full; "${name}" could not be written.`;
    case 'EROFS':
      return `The location of "${name}" is read-only.`;
    case 'EISDIR':
      return `"${name}" is a folder, not a file.`;
    default:
      return `Could not write "${name}": ${error instanceof Error ? error.message : String(error)}`;
  }
}
