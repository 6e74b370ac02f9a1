import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type FormEvent } from 'react';
import { INCIDENT_LOG_COLUMNS } from '../../../../../shared/export/columns';
import { useData } from '../../../app/data-context';
import { useUi } from '../../../app/ui-store';
import { ProgressDialog, type Progress } from '../../../ui/ProgressDialog';
import { exportIncidentLog } from './export-incident-log';

/** Export the incident log (or a date range of it) to XLSX or CSV, with a progress bar and Cancel. */
export function ExportPanel() {
  const { db, profile } = useData();
  const announce = useUi((s) => s.announce);
  const count = useLiveQuery(() => db.table('tickets').count(), [db], 0);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [includeWorkLog, setIncludeWorkLog] = useState(false);
  const [utc, setUtc] = useState(false);
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const [columns, setColumns] = useState<string[]>(INCIDENT_LOG_COLUMNS.map((c) => c.key));
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const controller = useRef<AbortController | null>(null);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (from && to && to <= from) {
      setOutcome({ ok: false, text: 'The end date must be after the start date.' });
      return;
    }
    controller.current = new AbortController();
    setOutcome(null);
    setProgress({ done: 0, total: null, label: 'Waiting for a file name…' });
    const me = await profile.get();
    const res = await exportIncidentLog(db, {
      format,
      columns,
      includeWorkLog,
      ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
      ...(to ? { to: new Date(`${to}T00:00:00`).toISOString() } : {}),
      scope: from || to ? `Incident log, created ${from || 'any time'} to ${to || 'now'}` : 'Whole incident log',
      exportedBy: me?.staffName ?? 'FieldDesk user',
      timeZone: utc ? 'UTC' : localZone,
      signal: controller.current.signal,
      onProgress: setProgress,
    });
    setProgress(null);
    const text = !res.ok ? res.error.message : 'cancelled' in res.value ? 'Export cancelled. No file was written.' : `Exported ${res.value.rows.toLocaleString()} tickets to ${res.value.path}`;
    setOutcome({ ok: res.ok && !('cancelled' in res.value), text });
    announce(text);
  };

  return (
    <form className="panel" onSubmit={run} aria-labelledby="export-title">
      <h2 id="export-title">Export the incident log</h2>
      <p className="muted">{count.toLocaleString()} tickets on this device. The file is written only when the export completes.</p>
      {outcome ? (
        <p className={`notice${outcome.ok ? '' : ' error'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      ) : null}
      <fieldset className="inline-fields">
        <legend>Format</legend>
        <label className="radio">
          <input type="radio" name="format" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel workbook (.xlsx)
        </label>
        <label className="radio">
          <input type="radio" name="format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (UTF-8)
        </label>
      </fieldset>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor="export-from">Created from</label>
          <input id="export-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="export-to">Created before</label>
          <input id="export-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <label className="radio">
          <input type="checkbox" checked={includeWorkLog} onChange={(e) => setIncludeWorkLog(e.target.checked)} /> Include work-log entries
          {format === 'xlsx' ? ' (second sheet)' : ' (second file)'}
        </label>
      </div>
      <fieldset className="inline-fields">
        <legend>Times</legend>
        <label className="radio">
          <input type="radio" name="export-zone" checked={!utc} onChange={() => setUtc(false)} /> In this computer&apos;s time zone ({localZone})
        </label>
        <label className="radio">
          <input type="radio" name="export-zone" checked={utc} onChange={() => setUtc(true)} /> In UTC
        </label>
      </fieldset>
      <details>
        <summary>Columns ({columns.length} of {INCIDENT_LOG_COLUMNS.length})</summary>
        <div className="checks">
          {INCIDENT_LOG_COLUMNS.map((c) => (
            <label key={c.key}>
              <input
                type="checkbox"
                checked={columns.includes(c.key)}
                onChange={(e) => setColumns((cols) => (e.target.checked ? INCIDENT_LOG_COLUMNS.map((x) => x.key).filter((k) => k === c.key || cols.includes(k)) : cols.filter((k) => k !== c.key)))}
              />{' '}
              {c.header}
            </label>
          ))}
        </div>
      </details>
      <button type="submit" className="primary" disabled={columns.length === 0 || progress !== null}>
        Export…
      </button>
      <ProgressDialog title="Exporting the incident log" progress={progress} onCancel={() => controller.current?.abort()} />
    </form>
  );
}
