import { useRef, useState } from 'react';
import type { ImportDatasetName } from '../../../../shared/import/datasets';
import type { RowError } from '../../../../shared/import/row-validation';
import type { ChannelResponse } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/result';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';
import { ProgressDialog, type Progress } from '../../ui/ProgressDialog';
import { DraftNotice } from '../../ui/DraftNotice';
import { draftKey, drafts } from '../../ui/drafts';

type Picked = Exclude<ChannelResponse<'import.pick'>, { cancelled: true }>;

/** What the renderer adds to main's dry run: its own check of the rows against this device's data, and the commit. */
export interface ImportRowsContext {
  /** Each record's row in the file (header = row 1). */
  rowNumbers: number[];
  /** Field key → the file's header text, for messages. */
  columns: Record<string, string>;
}

export interface ImportTarget {
  dataset: ImportDatasetName;
  /** "Import tickets from a spreadsheet". */
  title: string;
  /** "3 tickets", "1 person". */
  count: (n: number) => string;
  /** Keys already on this device (ticket numbers, email addresses) for main's duplicate check. */
  existingKeys: () => Promise<string[]>;
  /** Rows that main accepted but this device cannot take (an unknown team, say); nothing is written. */
  check?: (records: Record<string, unknown>[], ctx: ImportRowsContext) => Promise<Result<{ errors: RowError[]; note?: string }>>;
  /** Write everything or nothing; the message says what was imported. */
  commit: (records: Record<string, unknown>[], ctx: ImportRowsContext & { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<Result<{ message: string }>>;
}

/**
 * Where the column choices made for a file are kept: by dataset and the
 * file's header row, so picking the same file (or another export of the same
 * shape) again brings them back, after Cancel, a crash or a closed window.
 */
export const mappingDraftKey = (dataset: string, headers: readonly string[]): string => draftKey(`import.mapping.${dataset}`, headers.join('\u001f').slice(0, 2000));

const sameMapping = (a: Record<string, number>, b: Record<string, number>): boolean => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

interface Report {
  totalRows: number;
  errors: RowError[];
  errorRowCount: number;
  errorsTruncated: boolean;
  records: Record<string, unknown>[];
  rowNumbers: number[];
  note?: string;
}

/**
 * Import from CSV or XLSX, for any dataset: pick a file (main keeps it),
 * check how its columns map onto the fields, see every bad row with its
 * reason (main's dry run, then this device's own check), and import only a
 * clean file, all or nothing, with progress and Cancel throughout.
 */
export function ImportWizard({ target, onClose, onDone }: { target: ImportTarget; onClose: () => void; onDone?: (message: string) => void }) {
  const announce = useUi((s) => s.announce);
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMappingState] = useState<Record<string, number>>({});
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const cancel = useRef<() => void>(() => undefined);
  const [picking, setPicking] = useState(false);
  // Each pick, mapping change and check takes a new number: a check's answer is shown only if nothing came
  // after it (a check still running when another file was chosen would show that file the last one's problems).
  const turn = useRef(0);
  const busy = progress !== null || picking;

  const pick = async () => {
    turn.current++;
    setError(null);
    setNotice(null);
    setReport(null);
    setPicking(true);
    let res;
    try {
      res = await platform.import.pick({ dataset: target.dataset });
    } finally {
      setPicking(false);
    }
    if (!res.ok) return setError(res.error.message);
    if ('cancelled' in res.value) return;
    const picked = res.value;
    setFile(picked);
    // Choices made for a file of this shape before, and not imported, come back (where they still fit the file).
    const kept = drafts.get<Record<string, number>>(mappingDraftKey(target.dataset, picked.headers));
    const fits = kept && typeof kept.value === 'object' && kept.value !== null && Object.entries(kept.value).every(([k, i]) => picked.fields.some((f) => f.key === k) && Number.isInteger(i) && i >= 0 && i < picked.headers.length);
    if (kept && fits && !sameMapping(kept.value, picked.suggestedMapping)) {
      setMappingState(kept.value);
      setRestoredAt(kept.savedAt);
    } else {
      setMappingState(picked.suggestedMapping);
      setRestoredAt(null);
    }
  };

  /** Change the mapping; it is kept as a draft while it differs from the file's suggestion. */
  const setMapping = (update: (m: Record<string, number>) => Record<string, number>) => {
    if (!file) return;
    turn.current++;
    const next = update(mapping);
    setMappingState(next);
    const key = mappingDraftKey(target.dataset, file.headers);
    if (sameMapping(next, file.suggestedMapping)) drafts.drop(key);
    else drafts.put(key, next);
  };

  const discardMapping = () => {
    if (!file) return;
    drafts.drop(mappingDraftKey(target.dataset, file.headers));
    setMappingState(file.suggestedMapping);
    setRestoredAt(null);
    setReport(null);
  };

  const columnsOf = (f: Picked): Record<string, string> => Object.fromEntries(Object.entries(mapping).map(([k, i]) => [k, f.headers[i] ?? k]));

  const check = async () => {
    if (!file) return;
    const mine = ++turn.current;
    const current = () => mine === turn.current;
    setError(null);
    setNotice(null);
    setReport(null);
    let cancelled = false;
    cancel.current = () => {
      cancelled = true;
      void platform.import.cancel({ fileToken: file.fileToken });
    };
    setProgress({ done: 0, total: null, label: `Reading and checking every row of ${file.fileName}…` });
    try {
      const res = await platform.import.dryRun({ fileToken: file.fileToken, mapping, existingKeys: await target.existingKeys() });
      if (!current()) return;
      if (!res.ok) {
        if (res.error.code === 'cancelled' || cancelled) return setNotice('Check cancelled. Nothing was imported.');
        return setError(res.error.message);
      }
      const r = res.value;
      const rowNumbers = r.rowNumbers ?? r.records.map((_, i) => i + 2);
      let next: Report = { totalRows: r.totalRows, errors: r.errors, errorRowCount: r.errorRowCount, errorsTruncated: r.errorsTruncated, records: r.records, rowNumbers };
      if (r.errorRowCount === 0 && target.check && r.records.length) {
        setProgress({ done: 0, total: null, label: `Matching ${target.count(r.records.length)} with this device's records…` });
        const local = await target.check(r.records, { rowNumbers, columns: columnsOf(file) });
        if (!current()) return;
        if (cancelled) return setNotice('Check cancelled. Nothing was imported.');
        if (!local.ok) return setError(local.error.message);
        next = { ...next, errors: local.value.errors, errorRowCount: local.value.errors.length, ...(local.value.note ? { note: local.value.note } : {}) };
        if (local.value.errors.length) next.records = [];
      }
      setReport(next);
    } finally {
      setProgress(null);
    }
  };

  const commit = async () => {
    if (!file || !report) return;
    const controller = new AbortController();
    cancel.current = () => controller.abort();
    setError(null);
    setProgress({ done: 0, total: report.records.length, label: 'Starting…' });
    const res = await target.commit(report.records, { rowNumbers: report.rowNumbers, columns: columnsOf(file), signal: controller.signal, onProgress: setProgress });
    setProgress(null);
    if (!res.ok) {
      if (res.error.code === 'cancelled') return setNotice('Import cancelled. Nothing was imported.');
      return setError(res.error.message);
    }
    announce(res.value.message);
    // Imported: the choices did their work.
    drafts.drop(mappingDraftKey(target.dataset, file.headers));
    setRestoredAt(null);
    setReport(null);
    setFile(null);
    setNotice(res.value.message);
    onDone?.(res.value.message);
  };

  const clean = report !== null && report.errorRowCount === 0;
  return (
    <section className="panel import-wizard" aria-labelledby={`import-title-${target.dataset}`}>
      <h2 id={`import-title-${target.dataset}`}>{target.title}</h2>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {!file ? (
        <p>
          Choose a CSV (UTF-8) or Excel file with a header row.{' '}
          <button type="button" className="primary" onClick={pick} disabled={busy}>
            Choose file…
          </button>{' '}
          <button type="button" onClick={onClose}>
            {notice && !error ? 'Close' : 'Cancel'}
          </button>
        </p>
      ) : (
        <>
          <p>
            <strong>{file.fileName}</strong> — {file.headers.length} columns. Match each field to a column of the file:
          </p>
          <DraftNotice restoredAt={restoredAt} onDiscard={discardMapping} what="column choices for this file" />
          {!sameMapping(mapping, file.suggestedMapping) ? <p className="muted">Your column choices are kept on this device until you import, also if you cancel or choose another file.</p> : null}
          <div className="import-mapping">
            <table className="data-table" aria-label="Column mapping">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Column in the file</th>
                  <th scope="col">First value</th>
                </tr>
              </thead>
              <tbody>
                {file.fields.map((f) => {
                  const idx = mapping[f.key];
                  return (
                    <tr key={f.key}>
                      <td>
                        <label htmlFor={`map-${target.dataset}-${f.key}`}>
                          {f.header}
                          {f.required ? ' (required)' : ''}
                        </label>
                      </td>
                      <td>
                        <select
                          id={`map-${target.dataset}-${f.key}`}
                          value={idx ?? -1}
                          onChange={(e) => {
                            const v = Number(e.target.value);
                            setReport(null);
                            setMapping((m) => {
                              const next = { ...m };
                              if (v < 0) delete next[f.key];
                              else next[f.key] = v;
                              return next;
                            });
                          }}
                        >
                          <option value={-1}>Not imported</option>
                          {file.headers.map((h, i) => (
                            <option key={i} value={i}>
                              {h || `Column ${i + 1}`}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="muted">{idx !== undefined ? (file.sampleRows[0]?.[idx] ?? '') : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="form-actions" style={{ marginTop: '0.75rem' }}>
            <button type="button" onClick={check} disabled={busy}>
              Check every row
            </button>
            <button type="button" onClick={pick} disabled={busy}>
              Choose another file…
            </button>
            <button type="button" onClick={onClose} disabled={busy}>
              Cancel
            </button>
          </div>
        </>
      )}
      {report ? (
        !clean ? (
          <div role="alert">
            <p className="notice error">
              {report.errorRowCount} of {report.totalRows} rows have problems. Fix them in the file and check again; nothing has been imported.
            </p>
            <ul className="pending-list" aria-label="Rows with problems">
              {report.errors.map((e) => (
                <li key={e.row}>
                  Row {e.row}: {e.errors.map((x) => (x.column ? `${x.column}: ${x.message}` : x.message)).join('; ')}
                </li>
              ))}
            </ul>
            {report.errorsTruncated ? <p className="muted">Only the first {report.errors.length} rows with problems are listed.</p> : null}
          </div>
        ) : (
          <p className="notice" role="status">
            All {report.totalRows} rows are valid.{report.note ? ` ${report.note}` : ''}{' '}
            <button type="button" className="primary" onClick={commit} disabled={busy || report.totalRows === 0}>
              Import {target.count(report.totalRows)}
            </button>
          </p>
        )
      ) : null}
      <ProgressDialog title={target.title} progress={progress} onCancel={() => cancel.current()} />
    </section>
  );
}
