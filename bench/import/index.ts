/**
 * `npm run bench -- import [--scale 0.1] [--runs 3]`
 *
 * Importing the incident log of 100,000 tickets (at --scale 1) into a device
 * that has the catalog and staff but not the tickets or their requesters:
 *   1. the export service writes the CSV (not measured);
 *   2. main's dry run reads and validates every row with the tickets dataset
 *      (measured, for information, against reading the same file bare);
 *   3. the renderer's import commit path — names resolved, every ticket built
 *      and checked with TicketSchema, new requesters, tickets, history and
 *      outbox in ONE transaction — in Chromium's IndexedDB (on disk, strict
 *      durability), against a bare Dexie bulkPut of the records it wrote
 *      (tickets, history, people) into the same schema without the change log.
 * Medians of --runs runs; each run starts from an empty database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../electron/browser-host/chromium-path';
import { startStaticServer } from '../../electron/browser-host/static-server';
import { runExport } from '../../electron/services/export/export-session';
import { readCsvRows } from '../../electron/services/import/csv-rows';
import { dryRunImport } from '../../electron/services/import/import-service';
import { buildCsp } from '../../electron/services/security/csp';
import { INCIDENT_LOG_COLUMNS } from '../../shared/export/columns';
import { IMPORT_DATASETS } from '../../shared/import/datasets';
import { suggestMapping } from '../../shared/import/mapping';
import { buildBenchPage, openReadyPage } from '../lib/page-host';
import { callPage as call, numberArg as arg } from '../lib/args';
import { median, result, type BenchResult } from '../lib/result';
import { incidentRows } from '../export/rows';

const log = (s: string) => console.log(`[import bench] ${s}`);
const TZ = 'America/Los_Angeles';

export async function run(args: string[]): Promise<BenchResult[]> {
  const scale = arg(args, 'scale', 1);
  const runs = Math.round(arg(args, 'runs', 3));
  const tickets = Math.round(100_000 * scale);
  const tag = scale === 1 ? '' : ` (scale ${scale})`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fielddesk-bench-import-'));
  const out: BenchResult[] = [];
  try {
    // 1. The file, as the app's export writes it (incidentRows uses the sample generator with seed 1).
    log(`building and exporting ${tickets.toLocaleString('en-US')} tickets to CSV…`);
    const csv = path.join(dir, 'incident-log.csv');
    const exported = await runExport({ format: 'csv', path: csv, columns: INCIDENT_LOG_COLUMNS, meta: { exportedBy: 'Bench', scope: 'All', timeZone: TZ } }, incidentRows(tickets));
    if (!exported.ok) throw new Error(exported.error.message);

    // 2. Main's dry run, against reading the same file bare.
    const spec = IMPORT_DATASETS.tickets;
    const mapping = suggestMapping(INCIDENT_LOG_COLUMNS.map((c) => c.header), spec.fields);
    const dryMs: number[] = [];
    const readMs: number[] = [];
    let records: Record<string, unknown>[] = [];
    let rowNumbers: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      let n = 0;
      for await (const r of readCsvRows(csv, { maxBytes: 1e10 })) n += r.cells.length > 0 ? 1 : 0;
      readMs.push(performance.now() - t);
      const recs: Record<string, unknown>[] = [];
      const rows: number[] = [];
      t = performance.now();
      const dry = await dryRunImport(csv, {
        fields: spec.fields,
        mapping,
        schema: spec.schema,
        unique: spec.unique,
        timeZone: TZ,
        maxBytes: 1e10,
        onRecords: (chunk) => {
          for (const c of chunk) {
            recs.push(c.record as Record<string, unknown>);
            rows.push(c.row);
          }
        },
      });
      dryMs.push(performance.now() - t);
      if (!dry.ok) throw new Error(dry.error.message);
      if (dry.value.errorRowCount) throw new Error(`The dry run found ${dry.value.errorRowCount} bad rows, e.g. ${JSON.stringify(dry.value.errors[0])}`);
      log(`dry run ${i + 1}: ${(dryMs[i]! / 1000).toFixed(1)} s for ${dry.value.validRows.toLocaleString('en-US')} rows (bare read ${(readMs[i]! / 1000).toFixed(1)} s, ${n - 1} rows)`);
      records = recs;
      rowNumbers = rows;
    }
    out.push(result(`dry run of ${tickets.toLocaleString('en-US')} rows${tag} (main: parse, convert, validate, duplicates)`, median(dryMs) / 1000, 's', 'reading the same CSV into rows, bare', median(readMs) / 1000, 'information'));

    // 3. The commit path in Chromium.
    const site = path.join(dir, 'site');
    await buildBenchPage('bench/import/page', path.join(site, 'bench'), '/bench/');
    const server = await startStaticServer(site, () => buildCsp({ syncServerUrl: null }));
    const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
    try {
      const page = await openReadyPage(browser, `${server.origin}/bench/index.html`, log);
      await call(page, 'setup', { seed: 1, tickets, people: Math.max(100, tickets / 5), workLogEntries: tickets * 2, history: false, chunkSize: 5000 });
      for (let i = 0; i < records.length; i += 10_000) await call(page, 'receive', { records: records.slice(i, i + 10_000), rowNumbers: rowNumbers.slice(i, i + 10_000) });
      const app: number[] = [];
      const bare: number[] = [];
      const checks: number[] = [];
      let written = 0;
      for (let i = 0; i < runs; i++) {
        if (i > 0) await call(page, 'reset');
        const c = await call<{ ms: number }>(page, 'checkApp');
        checks.push(c.ms);
        const a = await call<{ ms: number; tickets: number; history: number; people: number; outbox: number }>(page, 'importApp');
        const b = await call<{ ms: number; records: number }>(page, 'importBare');
        log(`check ${i + 1}: ${(c.ms / 1000).toFixed(2)} s; commit ${i + 1}: app ${(a.ms / 1000).toFixed(2)} s (${a.tickets} tickets, ${a.history} history, ${a.people} new requesters, ${a.outbox} outbox rows); bare bulkPut ${(b.ms / 1000).toFixed(2)} s (${b.records} records)`);
        if (a.tickets !== tickets) throw new Error(`imported ${a.tickets} tickets, expected ${tickets}`);
        app.push(a.ms);
        bare.push(b.ms);
        written = b.records;
      }
      out.push(
        result(
          `import ${tickets.toLocaleString('en-US')} ticket rows${tag}: commit path (resolve, build, TicketSchema, tickets + history + requesters + outbox, one transaction)`,
          median(app) / 1000,
          's',
          `bare Dexie bulkPut of the ${written.toLocaleString('en-US')} resulting records (no change log)`,
          median(bare) / 1000,
          '≤ 2×',
        ),
      );
      out.push(result(`  of which resolving, building and validating the rows (importer check, no writes)`, median(checks) / 1000, 's', 'the same bare bulkPut', median(bare) / 1000, 'information'));
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
