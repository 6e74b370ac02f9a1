import MailComposer from 'nodemailer/lib/mail-composer';

export interface DraftAddress {
  name: string;
  address: string;
}

export interface DraftAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface DraftInput {
  to: readonly DraftAddress[];
  from?: DraftAddress | null;
  subject: string;
  text: string;
  attachments?: readonly DraftAttachment[];
  date?: Date;
}

/**
 * An unsent draft as an RFC 5322 message, composed by nodemailer's
 * MailComposer (which encodes non-ASCII names and subjects as encoded-words
 * and builds the MIME parts). `X-Unsent: 1` makes Outlook and other mail
 * programs open it as a draft to send, not as a received message.
 */
export async function composeDraft(input: DraftInput): Promise<Buffer> {
  const mail = new MailComposer({
    to: input.to.map((a) => ({ name: a.name, address: a.address })),
    ...(input.from ? { from: { name: input.from.name, address: input.from.address } } : {}),
    subject: input.subject,
    text: input.text,
    date: input.date ?? new Date(),
    headers: { 'X-Unsent': '1' },
    attachments: (input.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  });
  return mail.compile().build();
}
