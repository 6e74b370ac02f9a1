import { useEffect, useRef, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { CURRENT_SCHEMA_VERSION } from '../data/schema';
import { platform } from '../platform/bridge';
import { onCloseUnlessReopened } from '../ui/late-close';
import { useData } from './data-context';

export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { db } = useData();
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      void platform.app.info({}).then((r) => setInfo(r.ok ? r.value : null));
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="about" aria-labelledby="about-title" onClose={onCloseUnlessReopened(onClose)} onCancel={onClose}>
      <h2 id="about-title">About FieldDesk</h2>
      <dl>
        <dt>Version</dt>
        <dd>{info?.version ?? '—'}</dd>
        <dt>Runs in</dt>
        <dd>{info ? (info.electron ? `Electron ${info.electron} on ${info.platform}` : `Browser host on ${info.platform}`) : '—'}</dd>
        <dt>Device id</dt>
        <dd className="mono">{db.device.get().deviceId}</dd>
        <dt>Local database</dt>
        <dd>schema version {CURRENT_SCHEMA_VERSION}</dd>
        <dt>Data folder</dt>
        <dd className="mono">{info?.dataDir ?? '—'}</dd>
      </dl>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
