import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { err, ok, type Result } from '../../../shared/result';
import { BackupFileError, BackupHeaderSchema, BackupLineSchema, type BackupHeader, type BackupRecord } from './backup-format';
import { canUpgradeFrom, upgradeBackupRecord, type UpgradeStep } from './upgrades';

const NOT_A_BACKUP = 'This is not a FieldDesk backup file.';
const MAX_HEADER_CHARS = 1_000_000;

export interface BackupPreview {
  header: BackupHeader;
  fileSize: number;
  /** Null when the backup can be restored; otherwise why not (made by a newer FieldDesk, say). */
  restoreProblem: string | null;
}

async function checkGzipMagic(path: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new BackupFileError('invalid_request', 'That is a folder, not a backup file.');
    size = info.size;
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    throw new BackupFileError('not_found', 'The backup file does not exist or cannot be read.');
  }
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) throw new BackupFileError('invalid_request', NOT_A_BACKUP);
  return size;
}

function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw new BackupFileError('invalid_request', 'The backup file is empty or damaged.');
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new BackupFileError('invalid_request', NOT_A_BACKUP);
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== 'fielddesk-backup') {
    throw new BackupFileError('invalid_request', NOT_A_BACKUP);
  }
  const parsed = BackupHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupFileError('invalid_request', `The backup's header is damaged (${issue?.path.join('.') || 'header'}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

/** Lines of the decompressed file; gzip errors (truncation, corruption) surface as a BackupFileError. */
async function* lines(path: string, signal?: AbortSignal): AsyncGenerator<string> {
  const file = createReadStream(path);
  const gunzip = createGunzip();
  let failure: Error | null = null;
  const onError = (e: Error) => {
    failure ??= e;
    gunzip.destroy();
  };
  file.on('error', onError);
  gunzip.on('error', (e) => (failure ??= e));
  file.pipe(gunzip);
  const rl = createInterface({ input: gunzip, crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (signal?.aborted) throw new BackupFileError('internal', 'Cancelled');
      if (line.length > 0) yield line;
    }
  } catch (e) {
    failure ??= e instanceof Error ? e : new Error(String(e));
  } finally {
    rl.close();
    file.destroy();
    gunzip.destroy();
  }
  if (failure) {
    if (failure instanceof BackupFileError) throw failure;
    throw new BackupFileError('invalid_request', `The backup file is damaged or incomplete (${(failure as Error).message}).`);
  }
}

/** The header and record counts, from the first line only: for the restore confirmation screen. */
export async function readBackupPreview(path: string): Promise<Result<BackupPreview>> {
  try {
    const fileSize = await checkGzipMagic(path);
    let first: string | undefined;
    const file = createReadStream(path);
    const gunzip = createGunzip();
    file.pipe(gunzip);
    // The header is short; a "first line" longer than this is not ours.
    try {
      let text = '';
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        text += chunk.toString('utf8');
        const nl = text.indexOf('\n');
        if (nl !== -1) {
          first = text.slice(0, nl);
          break;
        }
        if (text.length > MAX_HEADER_CHARS) break;
      }
    } catch {
      throw new BackupFileError('invalid_request', 'The backup file is damaged (it does not decompress).');
    } finally {
      file.destroy();
      gunzip.destroy();
    }
    const header = parseHeader(first);
    return ok({ header, fileSize, restoreProblem: canUpgradeFrom(header.schemaVersion) });
  } catch (e) {
    if (e instanceof BackupFileError) return err(e.code, e.message);
    return err('internal', `The backup could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface ReadBackupOptions {
  signal?: AbortSignal;
  /** For tests of future upgrades; production uses the built-in steps. */
  upgrades?: Readonly<Record<number, UpgradeStep>>;
  targetVersion?: number;
}

/**
 * Every record of a backup, upgraded to the current schema version, in file
 * order. Throws a BackupFileError for a foreign, damaged or truncated file —
 * including at the very end, if fewer records arrived than the header
 * promises — so a restore must apply nothing until the iteration completes.
 */
export async function* readBackup(path: string, options: ReadBackupOptions = {}): AsyncGenerator<BackupRecord> {
  await checkGzipMagic(path);
  let header: BackupHeader | null = null;
  const seen: Record<string, number> = {};
  let lineNo = 0;
  for await (const line of lines(path, options.signal)) {
    lineNo++;
    if (!header) {
      header = parseHeader(line);
      const problem = options.upgrades ? null : canUpgradeFrom(header.schemaVersion);
      if (problem) throw new BackupFileError('invalid_request', problem);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new BackupFileError('invalid_request', `The backup file is damaged (line ${lineNo} is not valid JSON).`);
    }
    const parsed = BackupLineSchema.safeParse(json);
    if (!parsed.success) throw new BackupFileError('invalid_request', `The backup file is damaged (line ${lineNo} is not a record).`);
    const { t, r } = parsed.data;
    seen[t] = (seen[t] ?? 0) + 1;
    const upgraded = upgradeBackupRecord(header.schemaVersion, t, r, options.upgrades, options.targetVersion);
    if (upgraded) yield { table: upgraded.table, record: upgraded.record };
  }
  if (!header) throw new BackupFileError('invalid_request', 'The backup file is empty or damaged.');
  const tables = new Set([...Object.keys(header.tables), ...Object.keys(seen)]);
  for (const t of tables) {
    if ((seen[t] ?? 0) !== (header.tables[t] ?? 0)) {
      throw new BackupFileError('invalid_request', `The backup file is incomplete: it should hold ${header.tables[t] ?? 0} records of ${t} but holds ${seen[t] ?? 0}.`);
    }
  }
}
