import { z } from 'zod';
import { channel, Empty, type ChannelSpec } from '../channel-spec';

const SessionId = z.object({ sessionId: z.string().uuid() }).strict();
const HeaderSchema = z.object({
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  deviceId: z.string(),
  /** The device's name when the backup was made (backups before it was recorded have none). */
  deviceName: z.string().optional(),
  appVersion: z.string().optional(),
  tables: z.record(z.string(), z.number().int()),
});

/**
 * Backups of the whole local database, outbox included. Writing streams
 * table by table into a session (like export); restoring opens a file, shows
 * what it holds, then reads its records in chunks (already upgraded to the
 * current data version) for the renderer to write in one transaction.
 */
export const backupChannels = {
  'backup.begin': channel({
    description: 'Start a backup: automatic (the data folder, rotated) or to a file the user picks.',
    request: z.object({ target: z.enum(['auto', 'choose']), deviceId: z.string().min(1).max(64), deviceName: z.string().trim().min(1).max(80).optional() }).strict(),
    response: z.union([z.object({ sessionId: z.string(), path: z.string() }), z.object({ cancelled: z.literal(true) })]),
  }),
  'backup.records': channel({
    description: 'Append records of one table to an open backup.',
    request: z
      .object({
        sessionId: z.string().uuid(),
        table: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
        records: z.array(z.record(z.string(), z.unknown())).max(5000),
      })
      .strict(),
    response: z.object({ records: z.number().int() }),
    maxBytes: 64_000_000,
  }),
  'backup.finish': channel({
    description: 'Complete a backup; automatic ones also drop the oldest beyond the number kept.',
    request: SessionId,
    response: z.object({ path: z.string(), bytes: z.number().int(), records: z.number().int() }),
  }),
  'backup.abort': channel({
    description: 'Cancel a backup and remove its temporary file.',
    request: SessionId,
    response: z.object({ aborted: z.literal(true) }),
  }),
  'backup.list': channel({
    description: 'The automatic backups in the data folder, newest first.',
    request: Empty,
    response: z.object({ backups: z.array(z.object({ name: z.string(), createdAt: z.string() })), keep: z.number().int() }),
  }),
  'backup.open': channel({
    description: 'Open a backup to restore: an automatic one by name, or a file the user picks. Returns what it holds.',
    request: z.object({ source: z.union([z.object({ kind: z.literal('choose') }), z.object({ kind: z.literal('auto'), name: z.string().max(200) })]) }).strict(),
    response: z.union([
      z.object({ token: z.string(), fileName: z.string(), bytes: z.number().int(), header: HeaderSchema, restoreProblem: z.string().nullable() }),
      z.object({ cancelled: z.literal(true) }),
    ]),
  }),
  'backup.read': channel({
    description: 'The next chunk of records of an opened backup, upgraded to the current data version.',
    request: z.object({ token: z.string().uuid() }).strict(),
    response: z.object({ records: z.array(z.object({ table: z.string(), record: z.record(z.string(), z.unknown()) })), done: z.boolean() }),
  }),
} as const satisfies Record<string, ChannelSpec>;
