import { z } from 'zod';
import { DATA_SCHEMA_VERSION } from '../../../shared/data-version';

/**
 * A FieldDesk backup file is gzip-compressed JSON Lines: the first line is
 * the header, then one line per record, `{"t": table, "r": record}`.
 *
 * The header is written as its own gzip member in front of the records (gzip
 * members concatenate into one stream), so it can carry the exact record
 * counts — known only after the last record — and still be the first line a
 * preview reads, without decompressing the whole file.
 */
export const BACKUP_FORMAT = 'fielddesk-backup';

/** Version of the record shapes inside a backup. Records from older versions go through `upgradeBackupRecord` on restore. */
export const CURRENT_BACKUP_SCHEMA_VERSION = DATA_SCHEMA_VERSION;

export const BACKUP_EXTENSION = '.fdbackup';

const TableName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'not a table name');

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
  deviceId: z.string().min(1).max(64),
  /** What people call the device (its profile's name), so a restore preview need not show an id. */
  deviceName: z.string().max(80).optional(),
  appVersion: z.string().max(50).optional(),
  tables: z.record(TableName, z.number().int().nonnegative()),
});
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

export const BackupLineSchema = z.object({
  t: TableName,
  r: z.record(z.string(), z.unknown()),
});

export const isTableName = (name: unknown): name is string => TableName.safeParse(name).success;

/** One record as restore receives it: already upgraded to the current schema version. */
export interface BackupRecord {
  table: string;
  record: Record<string, unknown>;
}

export class BackupFileError extends Error {
  constructor(
    readonly code: 'invalid_request' | 'not_found' | 'internal',
    message: string,
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}
