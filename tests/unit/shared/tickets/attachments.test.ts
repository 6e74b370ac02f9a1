import { describe, expect, it } from 'vitest';
import { AttachmentSchema, checkAttachmentSize, MAX_ATTACHMENT_BYTES } from '../../../../shared/tickets/attachments';

const valid = {
  id: 'a1',
  ticketId: 't1',
  name: 'screenshot.png',
  mime: 'image/png',
  size: 1234,
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  addedBy: 'staff-1',
  addedAt: '2025-01-13T18:00:00.000Z',
};

describe('attachments', () => {
  it('accepts a file at the limit and refuses one past it with the sizes in the message', () => {
    expect(checkAttachmentSize(MAX_ATTACHMENT_BYTES).ok).toBe(true);
    const r = checkAttachmentSize(40 * 1024 * 1024);
    expect(r).toEqual({
      ok: false,
      error: { code: 'too_large', message: 'The file is 40.0 MB; attachments are limited to 25.0 MB. Compress it or share a link instead' },
    });
    expect(checkAttachmentSize(Number.NaN).ok).toBe(false);
  });

  it('validates the metadata record', () => {
    expect(AttachmentSchema.safeParse(valid).success).toBe(true);
    expect(AttachmentSchema.safeParse({ ...valid, sha256: 'abc' }).error?.issues[0]?.message).toBe('Not a SHA-256 digest');
    expect(AttachmentSchema.safeParse({ ...valid, size: MAX_ATTACHMENT_BYTES + 1 }).error?.issues[0]?.message).toMatch(/limited to 25.0 MB/);
    expect(AttachmentSchema.safeParse({ ...valid, name: 'bad\u0000.exe' }).success).toBe(false);
  });
});
