import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import { describeFileError } from './atomic-file';

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
    return err('unavailable', describeFileError(e, path));
  }
  return ok({ path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length });
}
