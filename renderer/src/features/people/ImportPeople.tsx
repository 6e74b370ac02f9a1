import { useState } from 'react';
import type { ChannelResponse } from '../../../../shared/ipc/contract';
import { useData } from '../../app/data-context';
import { useUi } from '../../app/ui-store';
import { platform } from '../../platform/bridge';

type Picked = Exclude<ChannelResponse<'import.pick'>, { cancelled: true }>;
type DryRun = ChannelResponse<'import.dryRun'>;

/**
 * Import people from CSV or XLSX: pick a file, check how its columns map onto
 * the directory's fields, see every bad row with its reason, and import only
 * when the whole file is clean, in one transaction.
 */
export function ImportPeople({ onClose }: { onClose: () => void }) {
  const { people } = useData();
  const announce = useUi((s) => s.announce);
  const [file, setFile] = useState<Picked | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [dry, setDry] = useState<DryRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async () => {
    setError(null);
    setDry(null);
    const res = await platform.import.pick({ dataset: 'people' });
    if (!res.ok) return setError(res.error.message);
    if ('cancelled' in res.value) return;
    setFile(res.value);
    setMapping(res.value.suggestedMapping);
  };

  const check = async () => {
    if (!file) return;
    setBusy(true);
    const res = await platform.import.dryRun({ fileToken: file.fileToken, mapping, existingKeys: await people.emails() });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    setDry(res.value);
  };

  const commit = async () => {
    if (!dry) return;
    setBusy(true);
    const res = await people.importMany(dry.records as never);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    announce(`Imported ${res.value.added} people`);
    onClose();
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import people from a spreadsheet</h2>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {!file ? (
        <p>
          Choose a CSV (UTF-8) or Excel file with a header row.{' '}
          <button type="button" className="primary" onClick={pick}>
            Choose file…
          </button>{' '}
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </p>
      ) : (
        <>
          <p>
            <strong>{file.fileName}</strong> — {file.headers.length} columns. Match each field to a column of the file:
          </p>
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
                      <label htmlFor={`map-${f.key}`}>
                        {f.header}
                        {f.required ? ' (required)' : ''}
                      </label>
                    </td>
                    <td>
                      <select
                        id={`map-${f.key}`}
                        value={idx ?? -1}
                        onChange={(e) => {
                          const v = Number(e.target.value);
                          setDry(null);
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
          <div className="form-actions" style={{ marginTop: '0.75rem' }}>
            <button type="button" onClick={check} disabled={busy}>
              {busy ? 'Checking…' : 'Check every row'}
            </button>
            <button type="button" onClick={pick}>
              Choose another file…
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {dry ? (
        dry.errorRowCount > 0 ? (
          <div role="alert">
            <p className="notice error">
              {dry.errorRowCount} of {dry.totalRows} rows have problems. Fix them in the file and check again; nothing has been imported.
            </p>
            <ul className="pending-list" aria-label="Rows with problems">
              {dry.errors.map((e) => (
                <li key={e.row}>
                  Row {e.row}: {e.errors.map((x) => `${x.column}: ${x.message}`).join('; ')}
                </li>
              ))}
            </ul>
            {dry.errorsTruncated ? <p className="muted">Only the first {dry.errors.length} rows with problems are listed.</p> : null}
          </div>
        ) : (
          <p className="notice" role="status">
            All {dry.totalRows} rows are valid.{' '}
            <button type="button" className="primary" onClick={commit} disabled={busy || dry.totalRows === 0}>
              Import {dry.totalRows} people
            </button>
          </p>
        )
      ) : null}
    </section>
  );
}
