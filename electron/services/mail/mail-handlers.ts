import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { err, ok } from '../../../shared/result';
import { MAILTO_MAX_TEXT, type mailChannels } from '../../../shared/ipc/channels/mail';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { validateExternalUrl } from '../security/external-links';
import { writeFileAtomic } from '../files/write-file-atomic';
import { composeDraft } from './compose';
import { createDraftFiles, type DraftFiles } from './draft-files';
import { draftFileName, draftPath, draftsDir } from './drafts-folder';

/** A mailto: link for one address (what the external-links rule accepts), with subject and body. */
export function mailtoUrl(address: string, subject: string, text: string): string {
  return `mailto:${encodeURIComponent(address).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}

/**
 * Handlers for mail drafts. Drafts are written only in the data folder's
 * `drafts` and opened only from there, and only those this process wrote
 * (`written`); FieldDesk never sends mail itself.
 */
export function createMailHandlers(deps: Pick<HandlerDeps, 'dataDir' | 'openExternal' | 'openPath'>, files: DraftFiles = createDraftFiles(deps.dataDir)): HandlersFor<typeof mailChannels> {
  const written = new Set<string>();
  return {
    'mail.draft': async (req) => {
      const attachments = req.attachments ?? [];
      // Files main wrote for this draft: only those it wrote in its own folder (createDraftFiles).
      const own: { filename: string; contentType: string; content: Buffer }[] = [];
      for (const f of req.files ?? []) {
        const read = await files.read(f.name);
        if (!read.ok) return read;
        own.push(read.value);
      }
      const short = req.text.length <= MAILTO_MAX_TEXT && attachments.length === 0 && own.length === 0 && req.to.length === 1 && req.as !== 'eml';
      if (short) {
        const url = validateExternalUrl(mailtoUrl(req.to[0]!.address, req.subject, req.text));
        if (url.ok) {
          try {
            await deps.openExternal(url.value);
            return ok({ kind: 'mailto' as const, url: url.value });
          } catch {
            // The mail program did not take the link: fall back to a draft file.
          }
        }
      }
      const eml = await composeDraft({
        to: req.to.map((a) => ({ name: a.name ?? '', address: a.address })),
        subject: req.subject,
        text: req.text,
        attachments: [...attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.dataBase64, 'base64') })), ...own],
      });
      const name = draftFileName(req.subject, new Date(), randomBytes(6).toString('hex'));
      const file = draftPath(deps.dataDir, name);
      if (!file) return err('internal', 'Could not name the draft.');
      await mkdir(draftsDir(deps.dataDir), { recursive: true });
      const saved = await writeFileAtomic(file, eml);
      if (!saved.ok) return saved;
      written.add(file);
      const failure = await deps.openPath(file);
      if (failure) return err('unavailable', `The draft was saved as ${name} in the drafts folder, but no mail program opened it: ${failure}`);
      return ok({ kind: 'eml' as const, file, name, bytes: eml.length });
    },
    'mail.openDraft': async ({ name }) => {
      const file = draftPath(deps.dataDir, name);
      if (!file || !written.has(file)) return err('not_found', 'FieldDesk opens only drafts it wrote in its drafts folder.');
      const failure = await deps.openPath(file);
      if (failure) return err('unavailable', `No mail program opened the draft: ${failure}`);
      return ok({ opened: true as const });
    },
  };
}
