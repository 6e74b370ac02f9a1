import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { err, ok, type Result } from '../../../shared/result';

export interface StoredAttachment {
  sha256: string;
  size: number;
  name: string;
  mime: string;
}

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.eml': 'message/rfc822',
  '.msg': 'application/vnd.ms-outlook',
  '.zip': 'application/zip',
};

/** Files the OS would run rather than show: never opened from an attachment. */
const EXECUTABLE = /\.(exe|com|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|msi|msp|scr|pif|cpl|hta|jar|lnk|reg|sh|bash|command|app|appimage|desktop|run|dll|so|dylib|py|pl|rb)$/i;

const SHA_RE = /^[0-9a-f]{64}$/;

export function mimeFor(name: string): string {
  return MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** A file name safe to create on Windows, macOS and Linux. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const base = path.basename(name).replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').replace(/^\.+/, '_').trim();
  return (base || 'attachment').slice(0, 180);
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * Attachments stored by content (SHA-256) under the app's data folder: the same
 * file attached twice is stored once, and a stored file can be checked against
 * its name. Files are copied through a hash in one pass, to a temp file renamed
 * at the end, so a crash never leaves a half file under a real hash.
 */
export function createAttachmentStore({ dir, maxBytes = DEFAULT_MAX_ATTACHMENT_BYTES }: { dir: string; maxBytes?: number }) {
  const blobPath = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  const limitText = `${Math.round(maxBytes / (1024 * 1024))} MB`;

  return {
    maxBytes,
    async importFile(source: string): Promise<Result<StoredAttachment>> {
      const name = path.basename(source);
      let size: number;
      try {
        const s = await stat(source);
        if (!s.isFile()) return err('invalid_request', `${name} is not a file.`);
        size = s.size;
      } catch {
        return err('not_found', `${name} could not be read.`);
      }
      if (size > maxBytes) return err('too_large', `${name} is larger than ${limitText}, the most FieldDesk stores per file.`);
      await mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.incoming-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const hash = createHash('sha256');
      let seen = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          seen += chunk.length;
          // The file may grow while we copy it; the limit holds for what we actually store.
          if (seen > maxBytes) return cb(new Error('too large'));
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      try {
        await pipeline(createReadStream(source), meter, createWriteStream(tmp, { flags: 'wx' }));
      } catch {
        await rm(tmp, { force: true });
        return seen > maxBytes
          ? err('too_large', `${name} is larger than ${limitText}, the most FieldDesk stores per file.`)
          : err('unavailable', `${name} could not be copied.`);
      }
      const sha256 = hash.digest('hex');
      const target = blobPath(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      return ok({ sha256, size: seen, name: safeFileName(name), mime: mimeFor(name) });
    },

    /** A stored blob's path, or null if the hash is malformed or missing. */
    async locate(sha256: string): Promise<string | null> {
      if (!SHA_RE.test(sha256)) return null;
      try {
        await stat(blobPath(sha256));
        return blobPath(sha256);
      } catch {
        return null;
      }
    },

    /**
     * Copy a blob out under its own name, so the OS picks the right viewer,
     * refusing names the OS would execute.
     */
    async exportForViewing(sha256: string, name: string, viewDir: string): Promise<Result<string>> {
      const safe = safeFileName(name);
      if (EXECUTABLE.test(safe)) return err('forbidden_sender', `${safe} could run a program, so FieldDesk does not open it. Save it and scan it first.`);
      const blob = await this.locate(sha256);
      if (!blob) return err('not_found', 'That attachment is not on this device.');
      const out = path.join(viewDir, sha256.slice(0, 12), safe);
      await mkdir(path.dirname(out), { recursive: true });
      await copyFile(blob, out);
      return ok(out);
    },
  };
}
export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
