import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { INCIDENT_LOG_COLUMNS } from '../../shared/export/columns';
import { runExport } from '../../electron/services/export/export-session';
import { median, result, type BenchResult } from '../lib/result';
import { incidentRows } from './rows';

/**
 * `npm run bench -- export [--tickets N] [--runs R]`
 * The incident log of N tickets written as XLSX by the export service,
 * against: the same rows as plain CSV through a Node write stream (the floor
 * for streaming a file), and SheetJS writing the same workbook. Peak RSS of
 * this process (standing in for main) is sampled throughout.
 */
export async function run(args: string[]): Promise<BenchResult[]> {
  const arg = (name: string, d: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const tickets = arg('tickets', 100_000);
  const runs = arg('runs', 3);
  console.log(`building ${tickets} incident rows…`);
  const chunks = incidentRows(tickets);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fd-bench-export-'));
  const keys = INCIDENT_LOG_COLUMNS.map((c) => c.key);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };

  const plainCsv = async (file: string) => {
    const out = createWriteStream(file);
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    out.write(INCIDENT_LOG_COLUMNS.map((c) => c.header).join(',') + '\r\n');
    for (const chunk of chunks) {
      if (!out.write(chunk.map((r) => keys.map((k) => cell(r[k])).join(',')).join('\r\n') + '\r\n')) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  };
  const serviceXlsx = (file: string) =>
    runExport({ format: 'xlsx', path: file, columns: INCIDENT_LOG_COLUMNS, meta: { exportedBy: 'bench', scope: 'Whole incident log' } }, chunks).then((r) => {
      if (!r.ok) throw new Error(r.error.message);
    });
  const sheetJs = async (file: string) => {
    const aoa: unknown[][] = [INCIDENT_LOG_COLUMNS.map((c) => c.header)];
    for (const chunk of chunks) for (const r of chunk) aoa.push(keys.map((k) => (Array.isArray(r[k]) ? (r[k] as string[]).join('; ') : r[k])));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true }), 'Incidents');
    XLSX.writeFile(wb, file);
  };

  const csvTimes: number[] = [];
  const xlsxTimes: number[] = [];
  const sheetJsTimes: number[] = [];
  // This process holds every row up front (main receives them in chunks), so
  // what the export itself costs is the growth over the RSS before it starts.
  let xlsxGrowth = 0;
  let before = 0;
  for (let i = 0; i < runs; i++) {
    csvTimes.push(await time(() => plainCsv(path.join(dir, `plain-${i}.csv`))));
    before = process.memoryUsage().rss;
    peakRss = before;
    xlsxTimes.push(await time(() => serviceXlsx(path.join(dir, `service-${i}.xlsx`))));
    xlsxGrowth = Math.max(xlsxGrowth, peakRss - before);
    sheetJsTimes.push(await time(() => sheetJs(path.join(dir, `sheetjs-${i}.xlsx`))));
    console.log(`run ${i + 1}: csv ${csvTimes[i]!.toFixed(0)} ms, service xlsx ${xlsxTimes[i]!.toFixed(0)} ms, SheetJS ${sheetJsTimes[i]!.toFixed(0)} ms`);
  }
  clearInterval(sampler);
  const size = (await stat(path.join(dir, 'service-0.xlsx'))).size;
  await rm(dir, { recursive: true, force: true });
  const mb = (b: number) => Math.round(b / 1024 / 1024);
  return [
    result(`export ${tickets} tickets to XLSX`, median(xlsxTimes), 'ms', 'plain CSV with Node streams', median(csvTimes), 'ratio ≤ 2.5'),
    result(`export ${tickets} tickets to XLSX (vs SheetJS)`, median(xlsxTimes), 'ms', 'SheetJS writing the same workbook', median(sheetJsTimes), 'ratio < 1'),
    result('RSS growth while exporting XLSX', mb(xlsxGrowth), 'MB', 'RSS before the export (all rows prebuilt in memory)', mb(before), 'main < 300 MB in all: growth + an idle main (~100 MB)'),
    result('XLSX file size', Math.round(size / 1024), 'KB', 'none', 0, 'information'),
  ];
}
