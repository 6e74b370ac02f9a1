import { createReadStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip, gzipSync, type Gzip } from 'node:zlib';
import { err, ok, type Result } from '../../../shared/result';
import { commitTempFile, describeFileError, discardFile, tempPathFor } from '../files/atomic-file';
import { AbortedError, waitForDrain } from '../export/backpressure';
import { assertWritable, openOutput } from '../export/open-output';
import { BACKUP_FORMAT, CURRENT_BACKUP_SCHEMA_VERSION, isTableName, type BackupHeader } from './backup-format';

/** What the caller knows up front; counts and format are filled in by the writer. */
export interface BackupHeaderInput {
  deviceId: string;
  deviceName?: string;
  appVersion?: string;
  /** Defaults to now. */
  createdAt?: string;
  /** Defaults to the current version; set only by tests that write old-version fixtures. */
  schemaVersion?: number;
}

export interface BackupSummary {
  path: string;
  header: BackupHeader;
  bytes: number;
}

export interface BackupSession {
  /** Append records of one table. Await each call: it resolves when the compressor can take more. */
  writeRecords(table: string, records: readonly Record<string, unknown>[]): Promise<Result<{ records: number }>>;
  finish(): Promise<Result<BackupSummary>>;
  /** Stop and delete the temporary files. Safe at any time. */
  abort(): Promise<void>;
}

class Session implements BackupSession {
  private readonly counts: Record<string, number> = {};
  private total = 0;
  private state: 'open' | 'finishing' | 'done' | 'aborted' | 'failed' = 'open';
  private chain: Promise<unknown> = Promise.resolve();
  private failure: Result<never> | null = null;
  private readonly controller = new AbortController();
  private readonly finalTemp: string;

  constructor(
    private readonly path: string,
    private readonly header: BackupHeaderInput,
    private readonly bodyTemp: string,
    private readonly body: WriteStream,
    private readonly gzip: Gzip,
    signal: AbortSignal | undefined,
  ) {
    this.finalTemp = tempPathFor(path);
    signal?.addEventListener('abort', () => void this.abort(), { once: true });
  }

  private run<T>(op: () => Promise<Result<T>>): Promise<Result<T>> {
    const next = this.chain.then(async (): Promise<Result<T>> => {
      if (this.state === 'aborted') return err('cancelled', 'The backup was cancelled');
      if (this.failure) return this.failure;
      try {
        return await op();
      } catch (e) {
        if (e instanceof AbortedError || this.controller.signal.aborted) return err('cancelled', 'The backup was cancelled');
        this.state = 'failed';
        this.failure = err('internal', describeFileError(e, this.path));
        this.destroy();
        await this.discard();
        return this.failure;
      }
    });
    this.chain = next;
    return next;
  }

  private destroy(): void {
    this.controller.abort();
    this.gzip.destroy();
    this.body.destroy();
  }

  private async discard(): Promise<void> {
    await Promise.all([discardFile(this.bodyTemp), discardFile(this.finalTemp)]);
  }

  writeRecords(table: string, records: readonly Record<string, unknown>[]): Promise<Result<{ records: number }>> {
    return this.run(async () => {
      if (this.state !== 'open') return err('invalid_request', 'The backup is already finishing');
      if (!isTableName(table)) return err('invalid_request', `"${String(table)}" is not a table name`);
      if (!Array.isArray(records)) return err('invalid_request', 'Records must be an array');
      let text = '';
      for (const r of records) {
        if (typeof r !== 'object' || r === null || Array.isArray(r)) return err('invalid_request', `A record of ${table} is not an object`);
        text += `${JSON.stringify({ t: table, r })}\n`;
      }
      assertWritable(this.body);
      if (text && !this.gzip.write(text)) await waitForDrain(this.gzip, this.controller.signal);
      this.counts[table] = (this.counts[table] ?? 0) + records.length;
      this.total += records.length;
      return ok({ records: this.total });
    });
  }

  finish(): Promise<Result<BackupSummary>> {
    return this.run(async () => {
      if (this.state !== 'open') return err('invalid_request', 'The backup has already finished');
      this.state = 'finishing';
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        schemaVersion: this.header.schemaVersion ?? CURRENT_BACKUP_SCHEMA_VERSION,
        createdAt: this.header.createdAt ?? new Date().toISOString(),
        deviceId: this.header.deviceId,
        ...(this.header.deviceName ? { deviceName: this.header.deviceName } : {}),
        ...(this.header.appVersion ? { appVersion: this.header.appVersion } : {}),
        tables: { ...this.counts },
      };
      // The gzip stream ends the file stream it is piped into once it has flushed; wait for that, not for our own end().
      this.gzip.end();
      await finished(this.body);
      if (this.body.errored) throw this.body.errored;
      if (this.controller.signal.aborted) throw new AbortedError();
      // Header member first, then the records' member copied behind it.
      const out = await openOutput(this.finalTemp);
      out.write(gzipSync(`${JSON.stringify(header)}\n`));
      await pipeline(createReadStream(this.bodyTemp), out, { signal: this.controller.signal });
      await commitTempFile(this.finalTemp, this.path);
      await discardFile(this.bodyTemp);
      this.state = 'done';
      return ok({ path: this.path, header, bytes: (await stat(this.path)).size });
    });
  }

  async abort(): Promise<void> {
    if (this.state === 'done' || this.state === 'aborted' || this.state === 'failed') return;
    this.state = 'aborted';
    this.destroy();
    await this.chain.catch(() => undefined);
    await this.discard();
  }
}

export interface BackupWriteOptions {
  signal?: AbortSignal;
}

/** Start a backup into `path` (written under a temporary name, renamed when complete). */
export async function createBackupSession(path: string, header: BackupHeaderInput, options: BackupWriteOptions = {}): Promise<Result<BackupSession>> {
  if (typeof path !== 'string' || !isAbsolute(path)) return err('invalid_request', 'The backup needs an absolute file path');
  if (typeof header?.deviceId !== 'string' || header.deviceId.length < 1 || header.deviceId.length > 64) return err('invalid_request', 'The backup needs the device id');
  if (header.createdAt !== undefined && Number.isNaN(Date.parse(header.createdAt))) return err('invalid_request', 'createdAt is not a date');
  if (options.signal?.aborted) return err('cancelled', 'The backup was cancelled');
  const bodyTemp = tempPathFor(path);
  try {
    const body = await openOutput(bodyTemp);
    const gzip = createGzip({ level: 6 });
    gzip.on('error', () => undefined);
    gzip.pipe(body);
    return ok(new Session(path, header, bodyTemp, body, gzip, options.signal));
  } catch (e) {
    await discardFile(bodyTemp);
    return err('internal', describeFileError(e, path));
  }
}

/** A whole backup from an (async) iterable of records, e.g. `{table, record}` per row; for callers in the main process and for tests. */
export async function writeBackup(
  path: string,
  header: BackupHeaderInput,
  rows: AsyncIterable<{ table: string; record: Record<string, unknown> }> | Iterable<{ table: string; record: Record<string, unknown> }>,
  options: BackupWriteOptions = {},
): Promise<Result<BackupSummary>> {
  const opened = await createBackupSession(path, header, options);
  if (!opened.ok) return opened;
  const session = opened.value;
  try {
    // Batch consecutive records of one table: one write per batch, not per record.
    let table: string | null = null;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (table === null || batch.length === 0) return ok(null);
      const r = await session.writeRecords(table, batch);
      batch = [];
      return r;
    };
    for await (const row of rows) {
      if (row.table !== table || batch.length >= 500) {
        const r = await flush();
        if (!r.ok) return r;
        table = row.table;
      }
      batch.push(row.record);
    }
    const r = await flush();
    if (!r.ok) return r;
    return await session.finish();
  } catch (e) {
    return err('internal', `Reading the records to back up failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await session.abort();
  }
}
