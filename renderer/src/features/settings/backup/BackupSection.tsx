import { useEffect, useRef, useState } from 'react';
import type { ChannelResponse } from '../../../../../shared/ipc/contract';
import { useData } from '../../../app/data-context';
import { useUi } from '../../../app/ui-store';
import { platform } from '../../../platform/bridge';
import { ProgressDialog, type Progress } from '../../../ui/ProgressDialog';
import { countsInWords } from '../../../../../shared/sync/table-words';
import { backUp, restore } from './backup-data';
import { dismissRestoreSummary, loadRestoreSummary, restoreSummaryLines, saveRestoreSummary, type RestoreSummary } from './restore-summary';

type Opened = Exclude<ChannelResponse<'backup.open'>, { cancelled: true }>;

/** Back up now, see the automatic backups, and restore one after seeing what it holds. */
export function BackupSection() {
  const { db, profile } = useData();
  const announce = useUi((s) => s.announce);
  const [list, setList] = useState<ChannelResponse<'backup.list'> | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<Opened | null>(null);
  const [work, setWork] = useState<'backup' | 'restore'>('backup');
  const [restored, setRestored] = useState<RestoreSummary | null>(() => loadRestoreSummary());
  const [thisDeviceName, setThisDeviceName] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => void profile.get().then((p) => setThisDeviceName(p?.deviceName ?? null)), [profile]);
  const refresh = () => void platform.backup.list({}).then((r) => setList(r.ok ? r.value : null));
  useEffect(refresh, []);

  const say = (ok: boolean, text: string) => {
    setMessage({ ok, text });
    announce(text);
  };

  const runBackup = async (target: 'auto' | 'choose') => {
    controller.current = new AbortController();
    setMessage(null);
    setWork('backup');
    setProgress({ done: 0, total: null, label: 'Starting…' });
    const res = await backUp(db, target, { signal: controller.current.signal, onProgress: setProgress });
    setProgress(null);
    if (!res.ok) say(false, res.error.message);
    else if ('cancelled' in res.value) say(false, 'Backup cancelled. No file was written.');
    else say(true, `Backed up ${res.value.records.toLocaleString()} records to ${res.value.path}`);
    refresh();
  };

  const open = async (source: { kind: 'choose' } | { kind: 'auto'; name: string }) => {
    setMessage(null);
    const res = await platform.backup.open({ source });
    if (!res.ok) return say(false, res.error.message);
    if ('cancelled' in res.value) return;
    setPreview(res.value);
  };

  const runRestore = async () => {
    if (!preview) return;
    const total = Object.values(preview.header.tables).reduce((a, b) => a + b, 0);
    const opened = preview;
    setPreview(null);
    setWork('restore');
    setProgress({ done: 0, total, label: 'Reading the backup…' });
    const res = await restore(db, preview.token, { total, onProgress: setProgress });
    setProgress(null);
    if (!res.ok) return say(false, `Nothing was restored: ${res.error.message}`);
    // Kept across the reload and shown until dismissed: what came back, in the words of the screens.
    saveRestoreSummary({
      fileName: opened.fileName,
      madeAt: opened.header.createdAt,
      deviceName: deviceLabel(opened),
      restoredAt: new Date().toISOString(),
      counts: res.value.counts,
      skippedTables: res.value.skippedTables,
    });
    say(true, `Restored ${countsInWords(res.value.counts).join(', ') || 'an empty device'}. Reloading…`);
    // The device identity and clock come from the restored data: start fresh with them.
    setTimeout(() => location.reload(), 600);
  };

  /** The device a backup was made on, by name: the backup's record of it, or this device's own name. */
  const deviceLabel = (p: Opened): string | null => p.header.deviceName ?? (p.header.deviceId === db.device.get().deviceId ? thisDeviceName : null);

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Backups</h2>
      <p className="muted">
        FieldDesk backs up this device every day into its data folder and keeps the last {list?.keep ?? 7}. A backup holds everything, including changes not yet synced.
      </p>
      {message ? (
        <p className={`notice${message.ok ? '' : ' error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      {restored ? (
        <div className="panel notice restore-summary" role="region" aria-labelledby="restore-summary-title">
          <h3 id="restore-summary-title">What the restore brought back</h3>
          <p>
            Restored {new Date(restored.restoredAt).toLocaleString()} from {restored.fileName}, a backup made {new Date(restored.madeAt).toLocaleString()}
            {restored.deviceName ? ` on ${restored.deviceName}` : ''}. Everything on this device was replaced with:
          </p>
          <ul aria-label="Records restored">
            {restoreSummaryLines(restored).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {restored.skippedTables.length > 0 ? (
            <p>
              {restored.skippedTables.length === 1 ? 'One kind of record' : `${restored.skippedTables.length} kinds of record`} from a newer version of FieldDesk could not be
              restored.
            </p>
          ) : null}
          <button
            type="button"
            onClick={() => {
              dismissRestoreSummary();
              setRestored(null);
            }}
          >
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={() => runBackup('auto')}>
          Back up now
        </button>
        <button type="button" onClick={() => runBackup('choose')}>
          Back up to a file…
        </button>
        <button type="button" onClick={() => open({ kind: 'choose' })}>
          Restore from a file…
        </button>
      </div>
      {list && list.backups.length > 0 ? (
        <ul className="pending-list" aria-label="Automatic backups">
          {list.backups.map((b) => (
            <li key={b.name}>
              {new Date(b.createdAt).toLocaleString()}{' '}
              <button type="button" className="link-button" onClick={() => open({ kind: 'auto', name: b.name })} aria-label={`Restore the backup of ${new Date(b.createdAt).toLocaleString()}`}>
                Restore…
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        <div className="panel" role="group" aria-label="Backup contents">
          <h3>{preview.fileName}</h3>
          <p>
            Made {new Date(preview.header.createdAt).toLocaleString()} on {deviceLabel(preview) ?? 'a device this backup does not name'}
            {preview.header.deviceId !== db.device.get().deviceId ? ' (another device)' : ' (this device)'}.
          </p>
          <ul aria-label="What the backup holds">
            {countsInWords(preview.header.tables).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {preview.restoreProblem ? (
            <p className="notice error" role="alert">
              {preview.restoreProblem}
            </p>
          ) : (
            <p>Restoring replaces everything on this device with the backup&apos;s contents.</p>
          )}
          <div className="form-actions">
            <button type="button" className="danger" disabled={preview.restoreProblem !== null} onClick={runRestore}>
              Replace this device&apos;s data
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <ProgressDialog title={work === 'restore' ? 'Restoring a backup' : 'Backing up this device'} progress={progress} onCancel={() => controller.current?.abort()} />
    </section>
  );
}
