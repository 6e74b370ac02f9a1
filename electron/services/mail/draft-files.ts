import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import { writeFileAtomic } from '../files/write-file-atomic';
import { draftsDir } from './drafts-folder';

/**
 * Files main writes itself to attach to a mail draft (a status report's PDF),
 * in one folder of their own: `<data folder>/drafts/attachments`. A draft
 * names such a file by its stored name, and the mail service attaches it only
 * when this process wrote it there: a plain name directly in the folder (no
 * sub-folder, no `..`) that is in the `written` list. So a renderer cannot
 * have main read and mail out any other file on the laptop.
 */
export const DRAFT_FILES_FOLDER = 'attachments';
const STORED_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.(pdf|xlsx)$/;

const CONTENT_TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
export type DraftFileContentType = (typeof CONTENT_TYPES)[keyof typeof CONTENT_TYPES];

export interface DraftFile {
  /** The stored name, which a mail draft names. */
  name: string;
  file: string;
  /** The name the attachment carries in the message. */
  filename: string;
  contentType: DraftFileContentType;
  bytes: number;
}

export interface DraftFiles {
  readonly dir: string;
  /** Write bytes as a new file of ours; `filename` is what the attachment will be called. */
  write(filename: string, bytes: Uint8Array): Promise<Result<DraftFile>>;
  /** A file this process wrote, with its bytes; anything else is refused. */
  read(name: string): Promise<Result<{ filename: string; contentType: DraftFileContentType; content: Buffer }>>;
}

export const draftFilesDir = (dataDir: string): string => path.join(draftsDir(dataDir), DRAFT_FILES_FOLDER);

/** The full path of a stored name, or null when the name is not one of ours in shape. */
export function draftFilePath(dataDir: string, name: string): string | null {
  if (typeof name !== 'string' || !STORED_NAME.test(name) || name.includes('..')) return null;
  const dir = path.resolve(draftFilesDir(dataDir));
  const full = path.resolve(dir, name);
  return path.dirname(full) === dir ? full : null;
}

/** A stored name for an attachment: its name made safe, and a random part so two never collide. */
export function storedNameFor(filename: string, random: string): string | null {
  const ext = /\.(pdf|xlsx)$/i.exec(filename)?.[1]?.toLowerCase();
  if (!ext) return null;
  const slug =
    filename
      .slice(0, -(ext.length + 1))
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'attachment';
  return `${slug}-${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}.${ext}`;
}

const perDataDir = new Map<string, DraftFiles>();

/** The one set of draft files of this process for a data folder: the inform handlers write them, the mail handlers attach them. */
export function draftFilesFor(dataDir: string): DraftFiles {
  let files = perDataDir.get(dataDir);
  if (!files) perDataDir.set(dataDir, (files = createDraftFiles(dataDir)));
  return files;
}

export function createDraftFiles(dataDir: string): DraftFiles {
  const written = new Map<string, { filename: string; contentType: DraftFileContentType }>();
  const dir = draftFilesDir(dataDir);
  return {
    dir,
    async write(filename, bytes) {
      const name = storedNameFor(filename, randomBytes(6).toString('hex'));
      const file = name ? draftFilePath(dataDir, name) : null;
      if (!name || !file) return err('invalid_request', 'Only a PDF or a workbook can be attached to a draft.');
      const contentType = CONTENT_TYPES[name.endsWith('.pdf') ? 'pdf' : 'xlsx'];
      try {
        await mkdir(dir, { recursive: true });
      } catch (e) {
        return err('unavailable', `Could not make the drafts folder: ${e instanceof Error ? e.message : String(e)}`);
      }
      const saved = await writeFileAtomic(file, bytes);
      if (!saved.ok) return saved;
      written.set(file, { filename, contentType });
      return ok({ name, file, filename, contentType, bytes: bytes.length });
    },
    async read(name) {
      const file = draftFilePath(dataDir, name);
      const info = file ? written.get(file) : undefined;
      if (!file || !info) return err('not_found', 'A draft attaches only files FieldDesk wrote in its drafts folder.');
      try {
        return ok({ ...info, content: await readFile(file) });
      } catch {
        return err('not_found', 'The file to attach is no longer in the drafts folder. Make it again.');
      }
    },
  };
}
