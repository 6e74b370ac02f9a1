import { describe, expect, it } from 'vitest';
import { CURRENT_BACKUP_SCHEMA_VERSION } from '../../../../../electron/services/backup/backup-format';
import { BACKUP_UPGRADES, upgradeBackupRecord } from '../../../../../electron/services/backup/upgrades';

describe('backup upgrade steps', () => {
  it('every data version before the current one has a step, so any old backup restores', () => {
    for (let v = 1; v < CURRENT_BACKUP_SCHEMA_VERSION; v++) expect(BACKUP_UPGRADES[v], `step from version ${v}`).toBeTypeOf('function');
  });

  it('a version-3 ticket comes through to the current version unchanged', () => {
    const ticket = { id: 't1', number: 'AB12-00001', status: 'open', updatedAt: '2025-01-01T00:00:00.000Z', assigneeKey: '-', due: '~' };
    expect(upgradeBackupRecord(3, 'tickets', ticket)).toEqual({ table: 'tickets', record: ticket });
  });
});
