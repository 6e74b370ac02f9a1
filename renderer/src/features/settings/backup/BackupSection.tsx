import { useEffect, useRef, useState } from 'react';
import type { ChannelResponse } from '../../../../../shared/ipc/contract';
import { useData } from '../../../app/data-context';
import { useUi } from '../../../app/ui-store';
import { platform } from '../../../platform/bridge';
import { ProgressDialog, type Progress } from '../../../ui/ProgressDialog';
import { backUp, restore } from './backup-data';

type Opened = Exclude<ChannelResponse<'backup.open'>, { cancelled: true }>;

/** Back up now, see the automatic backups, and restore one after seeing what it holds. */
export function BackupSection() {
  const { db } = useData();
  const announce = useUi((s) => s.announce);
  const [list, setList] = useState<ChannelResponse<'backup.list'> | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [preview, setPreview] = useState<Opened | null>(null);
  const controller = useRef<AbortController | null>(null);
  const refresh = () => void platform.backup.list({}).then((r) => setList(r.ok ? r.value : null));
  useEffect(refresh, []);

  const say = (ok: boolean, text: string) => {
    setMessage({ ok, text });
    announce(text);
  };

  const runBackup = async (target: 'auto' | 'choose') => {
    controller.current = new AbortController();
    setMessage(null);
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
    setPreview(null);
    setProgress({ done: 0, total, label: 'Reading the backup…' });
    const res = await restore(db, preview.token, { total, onProgress: setProgress });
    setProgress(null);
    if (!res.ok) return say(false, `Nothing was restored: ${res.error.message}`);
    say(true, `Restored ${res.value.records.toLocaleString()} records. Reloading…`);
    // The device identity and clock come from the restored data: start fresh with them.
    setTimeout(() => location.reload(), 600);
  };

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
            Made {new Date(preview.header.createdAt).toLocaleString()} on device <span className="mono">{preview.header.deviceId}</span>
            {preview.header.deviceId !== db.device.get().deviceId ? ' (another device)' : ' (this device)'}, data version {preview.header.schemaVersion}.
          </p>
          <ul>
            {Object.entries(preview.header.tables)
              .filter(([, n]) => n > 0)
              .map(([t, n]) => (
                <li key={t}>
                  {t}: {n.toLocaleString()}
                </li>
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
      <ProgressDialog title="Working on a backup" progress={progress} onCancel={() => controller.current?.abort()} />
    </section>
  );
}
