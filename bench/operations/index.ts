import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../electron/browser-host/chromium-path';
import { startStaticServer } from '../../electron/browser-host/static-server';
import { buildCsp } from '../../electron/services/security/csp';
import { RecurrenceSchema, occurrencesBetween, toRRule } from '../../shared/operations/recurrence';
import { calendarItems, itemsByDay } from '../../renderer/src/features/operations/calendar-items';
import { callPage, numberArg } from '../lib/args';
import { buildBenchPage, openReadyPage } from '../lib/page-host';
import { calendar, monthSource, schedules } from './data';
import { median, result, type BenchResult } from '../lib/result';

/**
 * `npm run bench -- operations [--schedules N] [--items N] [--runs R]`
 * 1. A year of occurrences for N schedules (a mix of weekly, nth-weekday, day-of-month, every-N-days and
 *    yearly rules, in four zones, half of them moved off holidays by a business calendar), expanded and
 *    placed as the generator and calendar do. Baseline: rrule's own expansion of the same rules, unplaced.
 * 2. The month calendar's items with about N items in the month (made occurrences, planned ones from the
 *    rules, runs, windows, freezes and changes), grouped by day: what the calendar computes when it opens.
 *    Baseline: sorting and grouping N ready-made items.
 * 3. The month calendar's first screen in Chromium: the real OpsCalendar component mounted (React, the app's
 *    styles) over the real database holding those records, from mount to the month's cells and chips laid
 *    out and painted (page/bench-page.tsx). Baseline: reading the same seven tables from IndexedDB, nothing else.
 */
const log = (s: string) => console.log(`[operations bench] ${s}`);
export async function run(args: string[]): Promise<BenchResult[]> {
  const n = numberArg(args, 'schedules', 500);
  const items = numberArg(args, 'items', 2000);
  const runs = numberArg(args, 'runs', 15);
  const list = schedules(n);
  const time = (fn: () => unknown) => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };

  // 1. A year of occurrences.
  let count = 0;
  const year = () => {
    count = 0;
    for (const s of list) count += occurrencesBetween(s.rule, '2026-01-01', '2026-12-31', { timeZone: s.timeZone, shift: s.shift, calendar: s.calendarId ? calendar : null }).length;
  };
  const bare = () => {
    for (const s of list) toRRule(RecurrenceSchema.parse(s.rule)).between(new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'), true);
  };
  year();
  bare();
  const yearTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    yearTimes.push(time(year));
    bareTimes.push(time(bare));
  }
  console.log(`${n} schedules: ${count} occurrences in 2026`);

  // 2. The month calendar with ~`items` items in March 2026.
  const src = monthSource('2026-03', items);
  const month = () => itemsByDay(calendarItems(src as never, '2026-03-01', '2026-04-04', Date.parse('2026-03-15T00:00:00Z')));
  const shown = [...month().values()].reduce((a, l) => a + l.length, 0);
  const ready = [...month().values()].flat();
  const baseline = () => itemsByDay([...ready].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1)));
  const monthTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    monthTimes.push(time(month));
    baseTimes.push(time(baseline));
  }
  console.log(`month calendar: ${shown} items`);

  const out = [
    result(`year of occurrences, ${n} schedules (${count})`, median(yearTimes), 'ms', 'rrule expansion alone, unplaced', median(bareTimes), '≤ 200 ms'),
    result(`month calendar items (${shown})`, median(monthTimes), 'ms', 'sort and group ready-made items', median(baseTimes), '≤ 100 ms'),
  ];

  // 3. The month calendar rendered in Chromium: the real component over the real database.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fielddesk-bench-operations-'));
  try {
    const site = path.join(dir, 'site');
    // React as the app ships it: the suite runs under Vite's dev server, whose NODE_ENV would build React's development mode.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await buildBenchPage('bench/operations/page', path.join(site, 'bench'), '/bench/');
    } finally {
      process.env.NODE_ENV = env;
    }
    const server = await startStaticServer(site, () => buildCsp({ syncServerUrl: null }));
    const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true, viewport: { width: 1366, height: 800 } });
    try {
      const page = await openReadyPage(browser, `${server.origin}/bench/index.html`, log);
      const loaded = await callPage<{ month: string; records: number }>(page, 'setup', items);
      log(`stored ${loaded.records} records for ${loaded.month}`);
      const first: number[] = [];
      const reads: number[] = [];
      const commits: number[] = [];
      let chips = 0;
      let inMonth = 0;
      for (let r = 0; r < runs + 2; r++) {
        const m = await callPage<{ ms: number; commitMs: number; chips: number; items: number; readMs: number }>(page, 'openMonth');
        if (r < 2) continue; // warm-up: the first mounts compile the code
        first.push(m.ms);
        reads.push(m.readMs);
        commits.push(m.commitMs);
        chips = m.chips;
        inMonth = m.items;
      }
      await page.screenshot({ path: 'test-results/bench-operations-month.png' });
      log(`month calendar: median ${median(commits).toFixed(1)} ms to React's commit (read, compute, render), the rest layout`);
      log(`month calendar rendered: ${chips} chips, ${inMonth} items in the month's grid; screenshot test-results/bench-operations-month.png`);
      out.push(result(`month calendar first screen in Chromium, React render and layout included (${inMonth} items, ${chips} shown)`, median(first), 'ms', 'the same seven tables read from IndexedDB only', median(reads), '≤ 100 ms'));
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
