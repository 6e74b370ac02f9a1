import { describe, expect, it } from 'vitest';
import { CURRENT_BACKUP_SCHEMA_VERSION } from '../../../../../electron/services/backup/backup-format';
import { BACKUP_UPGRADES, upgradeBackupRecord } from '../../../../../electron/services/backup/upgrades';
import { opsOfRow, type OutboxRow } from '../../../../../shared/sync/outbox';

describe('backup upgrade steps', () => {
  it('every data version before the current one has a step, so any old backup restores', () => {
    for (let v = 1; v < CURRENT_BACKUP_SCHEMA_VERSION; v++) expect(BACKUP_UPGRADES[v], `step from version ${v}`).toBeTypeOf('function');
  });

  it('a version-3 ticket comes through to the current version with only the v12 key added', () => {
    const ticket = { id: 't1', number: 'AB12-00001', status: 'open', updatedAt: '2025-01-01T00:00:00.000Z', assigneeKey: '-', due: '~' };
    expect(upgradeBackupRecord(3, 'tickets', ticket)).toEqual({ table: 'tickets', record: { ...ticket, active: 1 } });
  });
});

describe('backup upgrade 11 → 12: active tickets gain the key of the active-ticket indexes', () => {
  const ticket = (status: string) => ({ id: 't1', status, updatedAt: '2025-01-01T00:00:00.000Z', assigneeKey: '-', due: '~' });

  it('a new, open or pending ticket gains `active: 1`', () => {
    for (const s of ['new', 'open', 'pending']) expect(upgradeBackupRecord(11, 'tickets', ticket(s))?.record).toEqual({ ...ticket(s), active: 1 });
  });

  it('a resolved, closed or cancelled ticket, and other tables, are left as they are', () => {
    for (const s of ['resolved', 'closed', 'cancelled']) expect(upgradeBackupRecord(11, 'tickets', ticket(s))?.record).toEqual(ticket(s));
    expect(upgradeBackupRecord(11, 'people', { id: 'p-1', status: 'open' })?.record).toEqual({ id: 'p-1', status: 'open' });
  });
});

describe('backup upgrade 10 → 11: outbox rows become change sets', () => {
  const v10Row = { seq: 41, opId: 'op-41', table: 'people', id: 'p-1', fields: { name: { value: 'Rosa', stamp: '001700000000000:000000:dev' } }, at: '2024-01-01T00:00:00.000Z' };

  it('an outbox row of version 10 becomes a one-change legacy row that keeps its op number', () => {
    const up = upgradeBackupRecord(10, 'outbox', v10Row);
    expect(up).toEqual({ table: 'outbox', record: { seq: 41, at: v10Row.at, n: 1, changes: [{ opId: 'op-41', table: 'people', id: 'p-1', fields: v10Row.fields }], legacy: 1 } });
    expect(opsOfRow(up!.record as unknown as OutboxRow).map((o) => [o.deviceSeq, o.opId])).toEqual([[41, 'op-41']]);
  });

  it('an older backup comes through the same way; a current row and other tables are left alone', () => {
    expect(upgradeBackupRecord(2, 'outbox', v10Row)?.record).toMatchObject({ legacy: 1, n: 1, seq: 41 });
    const current = { seq: 50, at: v10Row.at, n: 1, changes: [{ opId: 'op-x', table: 'people', id: 'p-2', fields: {} }] };
    expect(upgradeBackupRecord(10, 'outbox', current)).toEqual({ table: 'outbox', record: current });
    expect(upgradeBackupRecord(10, 'people', { id: 'p-1', opId: 'not an outbox row' })).toEqual({ table: 'people', record: { id: 'p-1', opId: 'not an outbox row' } });
  });
});
