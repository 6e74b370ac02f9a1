import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { imageBytesToDataUri, MAX_IMAGE_BYTES } from '../../../shared/markdown/embeddedImage';
import { err, ok, type Result } from '../../../shared/result';

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Read a picked image, refusing anything too large before reading it all
 * (a 4 GB video picked by mistake must not be loaded) and anything whose
 * bytes are not PNG, JPEG, GIF or WebP, whatever its name says.
 */
export async function readImageFile(path: string): Promise<Result<{ name: string; bytes: number; dataUri: string }>> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
      if (!isFile) return err('invalid_request', `"${name}" is not a file.`);
      if (size > MAX_IMAGE_BYTES) return err('too_large', `"${name}" is ${mb(size)}; the limit is ${mb(MAX_IMAGE_BYTES)}. Crop it or save it as a smaller JPEG.`);
      if (size === 0) return err('invalid_request', `"${name}" is empty.`);
      bytes = new Uint8Array(size);
      const { bytesRead } = await handle.read(bytes, 0, size, 0);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (e) {
    return err('unavailable', `Could not read "${name}": ${(e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e))}`);
  }
  const checked = imageBytesToDataUri(bytes, `"${name}"`);
  if (!checked.ok) return checked;
  return ok({ name, bytes: checked.value.bytes, dataUri: checked.value.dataUri });
}
