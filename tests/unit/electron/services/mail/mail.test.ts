import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it } from 'vitest';
import { MailDraftRequestSchema } from '../../../../../shared/ipc/channels/mail';
import { composeDraft } from '../../../../../electron/services/mail/compose';
import { draftFileName, draftPath, draftsDir, isInDraftsFolder } from '../../../../../electron/services/mail/drafts-folder';
import { createMailHandlers, mailtoUrl } from '../../../../../electron/services/mail/mail-handlers';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('the .eml draft', () => {
  it('is an RFC 5322 message with X-Unsent, encoded non-ASCII names and subject, and attachment parts (read back by postal-mime)', async () => {
    const eml = await composeDraft({
      to: [{ name: 'José Núñez', address: 'jose@court.example.gov' }],
      subject: 'KX7Q-00042: actualización — impresora',
      text: 'Hola José,\n\nla pieza llegó.\n',
      attachments: [{ filename: 'Estado — Eastside.pdf', contentType: 'application/pdf', content: PDF }],
      date: new Date('2026-11-02T17:00:00.000Z'),
    });
    const raw = eml.toString('latin1');
    const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
    // Headers are 7-bit: non-ASCII only as encoded-words.
    expect(/^[\x20-\x7e\r\n\t]*$/.test(head)).toBe(true);
    expect(head).toMatch(/^X-Unsent: 1$/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(head).toMatch(/^To: =\?UTF-8\?[QB]\?.*\?= <jose@court\.example\.gov>$/m);
    expect(head).toMatch(/^Date: Mon, 02 Nov 2026 17:00:00 \+0000$/m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Message-ID: <.+@.+>$/m);
    const parsed = await PostalMime.parse(eml);
    expect(parsed.subject).toBe('KX7Q-00042: actualización — impresora');
    expect(parsed.to).toEqual([{ name: 'José Núñez', address: 'jose@court.example.gov' }]);
    expect(parsed.text).toBe('Hola José,\n\nla pieza llegó.\n');
    expect(parsed.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(parsed.attachments).toHaveLength(1);
    const att = parsed.attachments[0]!;
    expect(att).toMatchObject({ filename: 'Estado — Eastside.pdf', mimeType: 'application/pdf', disposition: 'attachment' });
    expect(Buffer.from(att.content as ArrayBuffer).equals(PDF)).toBe(true);
  });
});

describe('the drafts folder rule', () => {
  const data = path.join(path.sep, 'data', 'FieldDesk');
  it('names only plain .eml files directly in the drafts folder', () => {
    expect(draftPath(data, 'KX7Q-00042-20261102T170000-ab12cd34.eml')).toBe(path.join(data, 'drafts', 'KX7Q-00042-20261102T170000-ab12cd34.eml'));
    for (const bad of ['../backup.eml', '..\\x.eml', 'sub/x.eml', 'x.pdf', 'x.eml.exe', '.eml', '', 'C:\\Windows\\x.eml', '/etc/passwd', 'a..eml']) expect(draftPath(data, bad), bad).toBeNull();
    expect(isInDraftsFolder(data, path.join(data, 'drafts', 'a.eml'))).toBe(true);
    expect(isInDraftsFolder(data, path.join(data, 'drafts', 'sub', 'a.eml'))).toBe(false);
    expect(isInDraftsFolder(data, path.join(data, 'a.eml'))).toBe(false);
    expect(isInDraftsFolder(data, path.join(data, 'drafts', '..', 'drafts', 'a.eml'))).toBe(true);
    expect(isInDraftsFolder(data, path.join(data, 'drafts', 'a.txt'))).toBe(false);
  });
  it('makes safe file names from any subject', () => {
    const n = draftFileName('KX7Q-00042: Actualización / ../../x', new Date('2026-11-02T17:00:00.000Z'), 'ab12cd34ef');
    expect(n).toBe('KX7Q-00042-Actualizacion-x-20261102T170000-ab12cd34.eml');
    expect(draftPath(data, n)).not.toBeNull();
    expect(draftFileName('—', new Date('2026-11-02T17:00:00.000Z'), 'x')).toBe('update-20261102T170000-x.eml');
  });
});

describe('the mail handlers', () => {
  async function handlers() {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'fd-mail-'));
    dirs.push(dataDir);
    const external: string[] = [];
    const opened: string[] = [];
    const h = createMailHandlers({ dataDir, openExternal: async (u) => void external.push(u), openPath: async (f) => (opened.push(f), '') });
    return { dataDir, external, opened, h };
  }
  const req = (over: Record<string, unknown> = {}) => MailDraftRequestSchema.parse({ to: [{ name: 'Ana Ruiz', address: 'ana@court.example.gov' }], subject: 'KX7Q-00042: update', text: 'On it.', ...over });

  it('hands short text without attachments to the mail program as a mailto: link, and writes nothing', async () => {
    const { h, external, dataDir } = await handlers();
    const r = await h['mail.draft'](req(), {} as never);
    expect(r).toEqual({ ok: true, value: { kind: 'mailto', url: mailtoUrl('ana@court.example.gov', 'KX7Q-00042: update', 'On it.') } });
    expect(external).toHaveLength(1);
    expect(new URL(external[0]!).searchParams.get('subject')).toBe('KX7Q-00042: update');
    await expect(readdir(draftsDir(dataDir))).rejects.toThrow();
  });

  it('writes long text or attachments as an .eml in the drafts folder, opens it, and reopens only drafts it wrote', async () => {
    const { h, opened, dataDir } = await handlers();
    const r = await h['mail.draft'](req({ attachments: [{ filename: 'Status.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') }] }), {} as never);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kind).toBe('eml');
    if (r.value.kind !== 'eml') return;
    expect(path.dirname(r.value.file)).toBe(draftsDir(dataDir));
    expect(opened).toEqual([r.value.file]);
    const parsed = await PostalMime.parse(await readFile(r.value.file));
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['Status.pdf']);
    expect(await h['mail.openDraft']({ name: r.value.name }, {} as never)).toEqual({ ok: true, value: { opened: true } });
    expect(await h['mail.openDraft']({ name: 'not-mine.eml' }, {} as never)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h['mail.openDraft']({ name: '../../etc/passwd' }, {} as never)).toMatchObject({ ok: false });
    expect(opened).toHaveLength(2);
    const long = await h['mail.draft'](req({ text: 'x'.repeat(2000) }), {} as never);
    expect(long.ok && long.value.kind).toBe('eml');
  });

  it('refuses bad requests at the boundary', () => {
    expect(MailDraftRequestSchema.safeParse({ to: [], subject: 's', text: 't' }).success).toBe(false);
    expect(MailDraftRequestSchema.safeParse({ to: [{ address: 'ana@x.gov' }], subject: 'a\r\nBcc: evil@x.gov', text: 't' }).success).toBe(false);
    expect(MailDraftRequestSchema.safeParse({ to: [{ address: 'ana@x.gov' }], subject: 's', text: ' ' }).success).toBe(false);
    expect(MailDraftRequestSchema.safeParse({ to: [{ address: 'ana@x.gov' }], subject: 's', text: 't', attachments: [{ filename: '../x.pdf', contentType: 'application/pdf', dataBase64: '' }] }).success).toBe(false);
    expect(MailDraftRequestSchema.safeParse({ to: [{ address: 'ana@x.gov' }], subject: 's', text: 't', attachments: [{ filename: 'x.exe', contentType: 'application/x-msdownload', dataBase64: '' }] }).success).toBe(false);
  });
});
