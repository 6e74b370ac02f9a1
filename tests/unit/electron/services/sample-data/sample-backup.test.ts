import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBackup, readBackupPreview } from '../../../../../electron/services/backup/backup-reader';
import { CURRENT_BACKUP_SCHEMA_VERSION } from '../../../../../electron/services/backup/backup-format';
import { writeSampleBackup } from '../../../../../electron/services/sample-data/sample-backup';
import { TicketSchema } from '../../../../../shared/tickets/schema';
import { listKeys } from '../../../../../shared/tickets/list-keys';

const dir = mkdtempSync(path.join(tmpdir(), 'fielddesk-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sample-data backup (npm run sample-data)', () => {
  it('writes a current-version backup with a device, valid tickets carrying their list keys, and no outbox', async () => {
    const file = path.join(dir, 'sample.fdbackup');
    const progress: number[] = [];
    const r = await writeSampleBackup(file, { tickets: 60, people: 30, workLogEntries: 120, deviceId: 'sample-device', onProgress: (n) => progress.push(n) });
    expect(r.ok).toBe(true);
    const preview = await readBackupPreview(file);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.header.schemaVersion).toBe(CURRENT_BACKUP_SCHEMA_VERSION);
    expect(preview.value.header.deviceId).toBe('sample-device');
    expect(preview.value.header.tables).toMatchObject({ tickets: 60, people: 30, workLog: 120, meta: 1 });
    expect(preview.value.header.tables.outbox ?? 0).toBe(0);
    expect(progress.at(-1)).toBeGreaterThan(60);

    const tickets: Record<string, unknown>[] = [];
    let device: unknown = null;
    for await (const { table, record } of readBackup(file)) {
      if (table === 'tickets') tickets.push(record);
      if (table === 'meta') device = record;
    }
    expect(device).toMatchObject({ key: 'device', value: { deviceId: 'sample-device' } });
    expect(tickets).toHaveLength(60);
    for (const t of tickets) {
      const parsed = TicketSchema.safeParse(t);
      expect(parsed.success).toBe(true);
      expect({ assigneeKey: t.assigneeKey, due: t.due, active: t.active }).toEqual(listKeys(parsed.data!));
    }
  });

  it('the same seed gives the same tickets', async () => {
    const a = path.join(dir, 'a.fdbackup');
    const b = path.join(dir, 'b.fdbackup');
    await writeSampleBackup(a, { tickets: 20, people: 10, seed: 7 });
    await writeSampleBackup(b, { tickets: 20, people: 10, seed: 7 });
    const numbers = async (f: string) => {
      const out: unknown[] = [];
      for await (const { table, record } of readBackup(f)) if (table === 'tickets') out.push([record.id, record.number, record.title]);
      return out;
    };
    expect(await numbers(a)).toEqual(await numbers(b));
  });
});
