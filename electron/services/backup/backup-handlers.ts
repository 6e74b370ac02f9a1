import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { backupChannels } from '../../../shared/ipc/channels/backup';
import { err, ok } from '../../../shared/result';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import type { BackupRecord } from './backup-format';
import { readBackup, readBackupPreview } from './backup-reader';
import { createBackupSession, type BackupSession } from './backup-writer';
import { backupFileName, listBackups, rotateBackups } from './rotation';

/** Automatic backups kept in the data folder. */
export const BACKUPS_KEPT = 7;
const READ_CHUNK = 2000;

export function createBackupHandlers(deps: HandlerDeps): HandlersFor<typeof backupChannels> {
  const dir = path.join(deps.dataDir, 'backups');
  const writing = new Map<string, { session: BackupSession; auto: boolean; records: number }>();
  const reading = new Map<string, AsyncGenerator<BackupRecord>>();
  const gone = () => err('not_found', 'That backup is no longer open.');

  return {
    'backup.begin': async ({ target, deviceId, deviceName }) => {
      let file: string | null;
      if (target === 'auto') {
        await mkdir(dir, { recursive: true });
        file = path.join(dir, backupFileName(new Date()));
      } else {
        file = await deps.dialogs.saveFile({
          title: 'Back up FieldDesk data',
          defaultName: `fielddesk-backup-${new Date().toISOString().slice(0, 10)}.fdbackup`,
          filters: [{ name: 'FieldDesk backup', extensions: ['fdbackup'] }],
        });
      }
      if (!file) return ok({ cancelled: true as const });
      const opened = await createBackupSession(file, { deviceId, ...(deviceName ? { deviceName } : {}), appVersion: deps.appInfo.version });
      if (!opened.ok) return opened;
      const sessionId = randomUUID();
      writing.set(sessionId, { session: opened.value, auto: target === 'auto', records: 0 });
      return ok({ sessionId, path: file });
    },
    'backup.records': async ({ sessionId, table, records }) => {
      const entry = writing.get(sessionId);
      if (!entry) return gone();
      const res = await entry.session.writeRecords(table, records);
      if (!res.ok) {
        writing.delete(sessionId);
        await entry.session.abort();
        return res;
      }
      entry.records += records.length;
      return ok({ records: entry.records });
    },
    'backup.finish': async ({ sessionId }) => {
      const entry = writing.get(sessionId);
      if (!entry) return gone();
      writing.delete(sessionId);
      const res = await entry.session.finish();
      if (!res.ok) return res;
      if (entry.auto) await rotateBackups(dir, BACKUPS_KEPT);
      return ok({ path: res.value.path, bytes: res.value.bytes, records: entry.records });
    },
    'backup.abort': async ({ sessionId }) => {
      const entry = writing.get(sessionId);
      writing.delete(sessionId);
      await entry?.session.abort();
      return ok({ aborted: true as const });
    },
    'backup.list': async () => {
      const list = await listBackups(dir);
      return ok({ backups: list.map((b) => ({ name: b.name, createdAt: b.createdAt.toISOString() })), keep: BACKUPS_KEPT });
    },
    'backup.open': async ({ source }) => {
      let file: string | undefined;
      if (source.kind === 'auto') {
        // Only names that listBackups reports: a name can never point outside the backups folder.
        const known = (await listBackups(dir)).find((b) => b.name === source.name);
        if (!known) return err('not_found', 'That backup is no longer in the backups folder.');
        file = known.path;
      } else {
        [file] = await deps.dialogs.pickFiles({ title: 'Restore from a backup', multiple: false, filters: [{ name: 'FieldDesk backup', extensions: ['fdbackup', 'gz'] }] });
        if (!file) return ok({ cancelled: true as const });
      }
      const preview = await readBackupPreview(file);
      if (!preview.ok) return preview;
      const token = randomUUID();
      if (!preview.value.restoreProblem) reading.set(token, readBackup(file));
      const h = preview.value.header;
      return ok({
        token,
        fileName: path.basename(file),
        bytes: preview.value.fileSize,
        header: { schemaVersion: h.schemaVersion, createdAt: h.createdAt, deviceId: h.deviceId, ...(h.deviceName ? { deviceName: h.deviceName } : {}), ...(h.appVersion ? { appVersion: h.appVersion } : {}), tables: h.tables },
        restoreProblem: preview.value.restoreProblem,
      });
    },
    'backup.read': async ({ token }) => {
      const gen = reading.get(token);
      if (!gen) return gone();
      const records: BackupRecord[] = [];
      try {
        while (records.length < READ_CHUNK) {
          const next = await gen.next();
          if (next.done) {
            reading.delete(token);
            return ok({ records, done: true });
          }
          records.push(next.value);
        }
      } catch (e) {
        reading.delete(token);
        return err('invalid_request', e instanceof Error ? e.message : 'The backup file is damaged.');
      }
      return ok({ records, done: false });
    },
  };
}
