import { z } from 'zod';
import { err, ok, type Result } from '../result';
import { idField, instant, LIMITS, syncMeta, text } from './fields';

/**
 * Attachment metadata. The bytes live content-addressed (by SHA-256) in the
 * app's data folder, written and opened by the main process; this record is
 * what syncs and what the ticket shows.
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

const SHA256_RE = /^[0-9a-f]{64}$/;

export const AttachmentSchema = z.object({
  id: idField('Id'),
  ticketId: idField('Ticket'),
  name: text('File name', 255, { required: true }),
  mime: text('File type', 255).default('application/octet-stream'),
  size: z
    .number()
    .int()
    .min(0)
    .max(MAX_ATTACHMENT_BYTES, { error: () => sizeMessage(MAX_ATTACHMENT_BYTES + 1) }),
  sha256: z.string().regex(SHA256_RE, 'Not a SHA-256 digest'),
  addedBy: idField('Added by'),
  addedAt: instant('Added'),
  note: text('Note', LIMITS.shortText).default(''),
  ...syncMeta,
});
export type Attachment = z.output<typeof AttachmentSchema>;

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function sizeMessage(size: number): string {
  return `The file is ${mb(size)} MB; attachments are limited to ${mb(MAX_ATTACHMENT_BYTES)} MB. Compress it or share a link instead`;
}

/** Checked before the file is read, so a 2 GB video is refused at once. */
export function checkAttachmentSize(size: number): Result<number> {
  if (!Number.isFinite(size) || size < 0) return err('invalid_request', 'The file size is unknown');
  if (size > MAX_ATTACHMENT_BYTES) return err('too_large', sizeMessage(size));
  return ok(size);
}
