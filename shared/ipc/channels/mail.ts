import { z } from 'zod';
import { channel } from '../channel-spec';

/**
 * Mail drafts (keeping people informed): the renderer hands over the
 * message, main composes it. Short text without attachments goes to the mail
 * program as a mailto: link (through the external-links rule); long text or
 * attachments as an `.eml` draft (X-Unsent: 1) written in the app's own
 * drafts folder and opened by the OS. Main opens only drafts it wrote there.
 */

/** A mailto: link stays well under what mail programs and the OS take on a command line. */
export const MAILTO_MAX_TEXT = 1500;
export const MAX_DRAFT_ATTACHMENT_BYTES = 15 * 1024 * 1024;

const Address = z.object({ name: z.string().trim().max(200).default(''), address: z.string().trim().max(254).pipe(z.email('Not a valid e-mail address')) }).strict();

const Attachment = z
  .object({
    // eslint-disable-next-line no-control-regex -- control characters are what the name may not contain
    filename: z.string().trim().min(1).max(200).regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'Not a valid file name'),
    contentType: z.enum(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain', 'text/csv']),
    /** The file's bytes, base64. */
    dataBase64: z.string().max(Math.ceil((MAX_DRAFT_ATTACHMENT_BYTES * 4) / 3) + 4, 'The attachment is too large (at most 15 MB)').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
  })
  .strict();

export const MailDraftRequestSchema = z
  .object({
    to: z.array(Address).min(1, 'Who is it to? The requester has no e-mail address').max(20),
    subject: z.string().trim().min(1, 'A subject is required').max(300).refine((s) => !/[\r\n]/.test(s), 'The subject is one line'),
    text: z.string().max(200_000).refine((s) => s.trim().length > 0, 'Write the update first'),
    attachments: z.array(Attachment).max(5).default([]),
    /**
     * Files main wrote itself for this draft (a status report's PDF), by the
     * name it gave them; main attaches only those it wrote in its own folder.
     */
    files: z.array(z.object({ name: z.string().max(200) }).strict()).max(5).default([]),
    /** `auto`: mailto for short text without attachments, otherwise an .eml draft. */
    as: z.enum(['auto', 'eml']).default('auto'),
  })
  .strict();
export type MailDraftRequest = z.input<typeof MailDraftRequestSchema>;

export const mailChannels = {
  'mail.draft': channel({
    description: 'Hand a message to the mail program as a draft: a mailto: link, or an .eml file in the drafts folder.',
    request: MailDraftRequestSchema,
    response: z.discriminatedUnion('kind', [z.object({ kind: z.literal('mailto'), url: z.string() }), z.object({ kind: z.literal('eml'), file: z.string(), name: z.string(), bytes: z.number() })]),
    maxBytes: 22 * 1024 * 1024,
  }),
  'mail.openDraft': channel({
    description: 'Open again a draft this app wrote in its drafts folder, by file name.',
    request: z.object({ name: z.string().max(200) }).strict(),
    response: z.object({ opened: z.literal(true) }),
  }),
} as const;
