/**
 * The version of the local data's shape: the Dexie schema version of
 * renderer/src/data/schema.ts (a test keeps the two equal). Backups record it,
 * so a backup made by an older version is upgraded record by record on restore.
 */
export const DATA_SCHEMA_VERSION = 16;
