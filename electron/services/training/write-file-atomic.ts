import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';

function fileError(error: unknown, path: string): string {
  const code = (error as { code?: string } | null)?.code;
  const name = basename(path);
  switch (code) {
    case 'ENOENT':
      return `The folder for "${name}" does not exist.`;
    case 'EACCES':
    case 'EPERM':
      return `FieldDesk may not save "${name}" there: permission denied. Choose another folder.`;
    case 'EBUSY':
      return `"${name}" is open in another program. Close it and try again.`;
    case 'ENOSPC':
      return `The disk is full; "${name}" could not be saved.`;
    case 'EISDIR':
      return `"${name}" is a folder, not a file.`;
    default:
      return `Could not save "${name}": ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Write a whole file under a hidden temporary name beside it, flush, then
 * rename: a failure never leaves half a calendar file (or destroys the old one).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<Result<{ path: string; bytes: number }>> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    return err('unavailable', fileError(e, path));
  }
  return ok({ path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length });
}
