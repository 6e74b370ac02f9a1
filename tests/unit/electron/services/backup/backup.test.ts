import { mkdtemp, readdir, readFile, rm, truncate, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PersonSchema } from '../../../../../shared/people/schema';
import { CURRENT_BACKUP_SCHEMA_VERSION, type BackupRecord } from '../../../../../electron/services/backup/backup-format';
import { readBackup, readBackupPreview } from '../../../../../electron/services/backup/backup-reader';
import { createBackupSession, writeBackup } from '../../../../../electron/services/backup/backup-writer';
import { upgradeBackupRecord } from '../../../../../electron/services/backup/upgrades';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'fielddesk-backup-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const person = (i: number) => ({
  id: `p${i}`,
  name: `Person ${i}`,
  email: `p${i}@court.gov`,
  phone: '',
  agency: 'County Court',
  site: '',
  title: '',
  kind: 'requester',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  stamps: { name: '0001' },
  deleted: 0,
});

async function collect(path: string): Promise<BackupRecord[]> {
  const out: BackupRecord[] = [];
  for await (const r of readBackup(path)) out.push(r);
  return out;
}

describe('backup write and read', () => {
  it('streams records into one file whose header counts them, and reads them back in order', async () => {
    const path = join(dir, 'b.fdbackup');
    async function* rows() {
      for (let i = 0; i < 1200; i++) yield { table: 'people', record: person(i) };
      yield { table: 'outbox', record: { opId: 'o1', fields: { name: { value: 'x', stamp: 's' } } } };
    }
    const r = await writeBackup(path, { deviceId: 'dev-1', appVersion: '0.1.0', createdAt: '2024-05-01T10:00:00.000Z' }, rows());
    expect(r).toMatchObject({ ok: true, value: { path, header: { tables: { people: 1200, outbox: 1 } } } });
    expect(await readdir(dir)).toEqual(['b.fdbackup']);

    const preview = await readBackupPreview(path);
    expect(preview).toEqual({
      ok: true,
      value: {
        header: { format: 'fielddesk-backup', schemaVersion: CURRENT_BACKUP_SCHEMA_VERSION, createdAt: '2024-05-01T10:00:00.000Z', deviceId: 'dev-1', appVersion: '0.1.0', tables: { people: 1200, outbox: 1 } },
        fileSize: (await stat(path)).size,
        restoreProblem: null,
      },
    });

    const records = await collect(path);
    expect(records).toHaveLength(1201);
    expect(records[0]).toEqual({ table: 'people', record: person(0) });
    expect(records[1200]).toEqual({ table: 'outbox', record: { opId: 'o1', fields: { name: { value: 'x', stamp: 's' } } } });
    expect(PersonSchema.safeParse(records[5]!.record).success).toBe(true);
  });

  it('is plain gzip JSON Lines: header line first, then {t, r} lines', async () => {
    const path = join(dir, 'b.fdbackup');
    await writeBackup(path, { deviceId: 'd' }, [{ table: 'people', record: person(1) }]);
    const lines = gunzipSync(await readFile(path)).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ format: 'fielddesk-backup', deviceId: 'd', tables: { people: 1 } });
    expect(lines[1]).toEqual({ t: 'people', r: person(1) });
  });

  it('abort leaves no file, and no temporary file', async () => {
    const path = join(dir, 'b.fdbackup');
    const s = await createBackupSession(path, { deviceId: 'd' });
    if (!s.ok) throw new Error(s.error.message);
    await s.value.writeRecords('people', [person(1)]);
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^\.b\.fdbackup\.[0-9a-f]+\.partial$/)]);
    await s.value.abort();
    expect(await readdir(dir)).toEqual([]);
    expect(await s.value.finish()).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('a failing record source leaves no file', async () => {
    async function* rows() {
      yield { table: 'people', record: person(1) };
      throw new Error('database closed');
    }
    const r = await writeBackup(join(dir, 'b.fdbackup'), { deviceId: 'd' }, rows());
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('database closed') } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects bad table names and non-object records', async () => {
    const s = await createBackupSession(join(dir, 'b.fdbackup'), { deviceId: 'd' });
    if (!s.ok) throw new Error(s.error.message);
    expect(await s.value.writeRecords('../etc', [{}])).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await s.value.writeRecords('people', [[] as unknown as Record<string, unknown>])).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await s.value.abort();
  });
});

describe('foreign and damaged files get a clear error', () => {
  it('a CSV file, a gzip of something else, a missing file', async () => {
    const csv = join(dir, 'x.fdbackup');
    await writeFile(csv, 'Name,Email\n');
    expect(await readBackupPreview(csv)).toEqual({ ok: false, error: { code: 'invalid_request', message: 'This is not a FieldDesk backup file.' } });
    const other = join(dir, 'y.fdbackup');
    await writeFile(other, gzipSync('{"hello":"world"}\n'));
    expect(await readBackupPreview(other)).toEqual({ ok: false, error: { code: 'invalid_request', message: 'This is not a FieldDesk backup file.' } });
    expect(await readBackupPreview(join(dir, 'none.fdbackup'))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a header with the right format but wrong fields', async () => {
    const path = join(dir, 'h.fdbackup');
    await writeFile(path, gzipSync('{"format":"fielddesk-backup","schemaVersion":"two","createdAt":"x","deviceId":"d","tables":{}}\n'));
    expect(await readBackupPreview(path)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The backup's header is damaged \(schemaVersion:/) } });
  });

  it('a truncated file fails the restore before it completes', async () => {
    const path = join(dir, 'b.fdbackup');
    const many = Array.from({ length: 3000 }, (_, i) => ({ table: 'people', record: { ...person(i), note: `${i}`.repeat(50) } }));
    await writeBackup(path, { deviceId: 'd' }, many);
    const size = (await stat(path)).size;
    await truncate(path, Math.floor(size * 0.6));
    expect((await readBackupPreview(path)).ok).toBe(true); // the header alone is intact
    await expect(collect(path)).rejects.toThrow(/damaged or incomplete/);
  });

  it('a file with fewer records than its header promises', async () => {
    const path = join(dir, 'b.fdbackup');
    const header = { format: 'fielddesk-backup', schemaVersion: 2, createdAt: '2024-01-01T00:00:00Z', deviceId: 'd', tables: { people: 2 } };
    await writeFile(path, gzipSync(`${JSON.stringify(header)}\n${JSON.stringify({ t: 'people', r: person(1) })}\n`));
    await expect(collect(path)).rejects.toThrow('The backup file is incomplete: it should hold 2 records of people but holds 1.');
  });

  it('a backup from a newer FieldDesk is previewed but not restored', async () => {
    const path = join(dir, 'b.fdbackup');
    await writeBackup(path, { deviceId: 'd', schemaVersion: CURRENT_BACKUP_SCHEMA_VERSION + 1 }, []);
    expect(await readBackupPreview(path)).toMatchObject({ ok: true, value: { restoreProblem: expect.stringContaining('newer FieldDesk') } });
    await expect(collect(path)).rejects.toThrow(/newer FieldDesk/);
  });
});

describe('restoring a backup made by an older schema version', () => {
  // A version-1 backup as FieldDesk with schema version 1 wrote it: people had no `kind` and no `deleted` tombstone.
  const V1_LINES = [
    { format: 'fielddesk-backup', schemaVersion: 1, createdAt: '2023-11-02T08:00:00.000Z', deviceId: 'old-laptop', tables: { people: 2, outbox: 1 } },
    { t: 'people', r: { id: 'p1', name: 'Ana Ruiz', email: 'ana@court.gov', phone: '', agency: 'County Court', site: '', title: '', createdAt: '2023-01-01T00:00:00.000Z', updatedAt: '2023-01-01T00:00:00.000Z', stamps: {} } },
    { t: 'people', r: { id: 'p2', name: 'Bo Chen', email: '', phone: '', agency: 'IT', site: '', title: '', createdAt: '2023-01-01T00:00:00.000Z', updatedAt: '2023-01-01T00:00:00.000Z', stamps: {}, deleted: true } },
    { t: 'outbox', r: { seq: 1, opId: 'o1', table: 'people', id: 'p1', fields: {}, at: '2023-01-01T00:00:00.000Z' } },
  ];

  it('upgrades every record to the current shape', async () => {
    const path = join(dir, 'v1.fdbackup');
    await writeFile(path, gzipSync(V1_LINES.map((l) => JSON.stringify(l)).join('\n') + '\n'));
    expect(await readBackupPreview(path)).toMatchObject({ ok: true, value: { header: { schemaVersion: 1, tables: { people: 2, outbox: 1 } }, restoreProblem: null } });
    const records = await collect(path);
    expect(records.map((r) => r.table)).toEqual(['people', 'people', 'outbox']);
    for (const r of records.slice(0, 2)) expect(PersonSchema.parse(r.record)).toEqual(r.record);
    expect(records[0]!.record).toMatchObject({ agency: 'County Court', kind: 'requester', deleted: 0 });
    expect(records[1]!.record).toMatchObject({ agency: 'IT', deleted: 1 });
  });

  it('runs the steps in order and refuses versions it has no step for', () => {
    const steps = {
      1: (table: string, record: Record<string, unknown>) => ({ table, record: { ...record, trail: `${String(record.trail)}>2` } }),
      2: (table: string, record: Record<string, unknown>) => (record.drop ? null : { table: `${table}2`, record: { ...record, trail: `${String(record.trail)}>3` } }),
    };
    expect(upgradeBackupRecord(1, 't', { trail: '1' }, steps, 3)).toEqual({ table: 't2', record: { trail: '1>2>3' } });
    expect(upgradeBackupRecord(2, 't', { drop: true }, steps, 3)).toBeNull();
    expect(upgradeBackupRecord(3, 't', { a: 1 }, steps, 3)).toEqual({ table: 't', record: { a: 1 } });
    expect(() => upgradeBackupRecord(0, 't', {}, steps, 3)).toThrow(/cannot restore backups of data version 0/);
  });
});
