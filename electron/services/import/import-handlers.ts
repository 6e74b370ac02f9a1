import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { IMPORT_DATASETS, type ImportDatasetName } from '../../../shared/import/datasets';
import type { importChannels } from '../../../shared/ipc/channels/import';
import { err, ok } from '../../../shared/result';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { dryRunImport, previewImport } from './import-service';

/** Bad rows listed at most; the count stays exact. Enough to fix a file, small enough to show. */
const MAX_LISTED_ERRORS = 500;

export function createImportHandlers(deps: HandlerDeps): HandlersFor<typeof importChannels> {
  // Picked files by token: the renderer can only dry-run a file the user chose.
  const picked = new Map<string, { path: string; dataset: ImportDatasetName }>();
  // Dry runs in progress by token, so Cancel can stop one.
  const running = new Map<string, AbortController>();
  return {
    'import.pick': async ({ dataset }) => {
      const [file] = await deps.dialogs.pickFiles({
        title: `Import ${IMPORT_DATASETS[dataset].title.toLowerCase()}`,
        multiple: false,
        filters: [{ name: 'Spreadsheets', extensions: ['csv', 'xlsx'] }],
      });
      if (!file) return ok({ cancelled: true as const });
      const spec = IMPORT_DATASETS[dataset];
      const preview = await previewImport(file, spec.fields);
      if (!preview.ok) return preview;
      const fileToken = randomUUID();
      picked.set(fileToken, { path: file, dataset });
      return ok({
        fileToken,
        fileName: path.basename(file),
        format: preview.value.format,
        headers: preview.value.headers,
        sampleRows: preview.value.sampleRows,
        suggestedMapping: preview.value.suggestedMapping,
        fields: spec.fields.map((f) => ({ key: f.key, header: f.header, required: Boolean(f.required) })),
      });
    },
    'import.dryRun': async ({ fileToken, mapping, existingKeys, dateOrder }) => {
      const file = picked.get(fileToken);
      if (!file) return err('not_found', 'Pick the file again: FieldDesk no longer has it open.');
      const spec = IMPORT_DATASETS[file.dataset];
      running.get(fileToken)?.abort();
      const controller = new AbortController();
      running.set(fileToken, controller);
      const records: Record<string, unknown>[] = [];
      const rowNumbers: number[] = [];
      const res = await dryRunImport(file.path, {
        fields: spec.fields,
        mapping,
        schema: spec.schema,
        unique: spec.unique,
        existingKeys,
        maxErrorRows: MAX_LISTED_ERRORS,
        signal: controller.signal,
        onRecords: (chunk) => {
          for (const { row, record } of chunk) {
            records.push(record as Record<string, unknown>);
            rowNumbers.push(row);
          }
        },
        ...(dateOrder ? { dateOrder } : {}),
      }).finally(() => {
        if (running.get(fileToken) === controller) running.delete(fileToken);
      });
      if (!res.ok) return res;
      const r = res.value;
      const clean = r.errorRowCount === 0;
      return ok({
        totalRows: r.totalRows,
        validRows: r.validRows,
        errors: r.errors,
        errorRowCount: r.errorRowCount,
        errorsTruncated: r.errorsTruncated,
        records: clean ? records : [],
        rowNumbers: clean ? rowNumbers : [],
      });
    },
    'import.cancel': async ({ fileToken }) => {
      const controller = running.get(fileToken);
      controller?.abort();
      return ok({ cancelled: controller !== undefined });
    },
  };
}
