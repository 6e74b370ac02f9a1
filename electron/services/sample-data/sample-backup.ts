import { randomUUID } from 'node:crypto';
import type { Result } from '../../../shared/result';
import { generateSampleData, type SampleOptions } from '../../../shared/sample-data';
import { listKeys } from '../../../shared/tickets/list-keys';
import type { Ticket } from '../../../shared/tickets/schema';
import { writeBackup, type BackupSummary } from '../backup/backup-writer';

export interface SampleBackupOptions extends SampleOptions {
  /** The device the restored data will belong to; a new one by default. */
  deviceId?: string;
  onProgress?: (records: number) => void;
}

/**
 * Write generated sample data (the same generator as Settings → Load sample
 * data and the benchmarks) as a FieldDesk backup file. Restoring it in
 * Settings → Backups fills a fresh profile to explore, in Electron or in the
 * browser host alike, without the app having to be scripted. The backup holds
 * a new device identity and no outbox: sample data is not queued for sync.
 */
export async function writeSampleBackup(path: string, o: SampleBackupOptions = {}): Promise<Result<BackupSummary>> {
  const deviceId = o.deviceId ?? randomUUID();
  let records = 0;
  async function* rows() {
    yield { table: 'meta', record: { key: 'device', value: { deviceId, createdAt: new Date().toISOString() } } };
    for (const chunk of generateSampleData(o)) {
      for (const r of chunk.records as unknown as Record<string, unknown>[]) {
        // Ticket rows carry the keys the list's indexes are built on, as the repositories write them.
        yield { table: chunk.table, record: chunk.table === 'tickets' ? { ...r, ...listKeys(r as unknown as Ticket) } : r };
      }
      records += chunk.records.length;
      o.onProgress?.(records);
    }
  }
  return writeBackup(path, { deviceId, appVersion: 'sample-data' }, rows());
}
