/**
 * Runs inside Chromium: the real database (schema, stores) holding the month's records, and the real
 * OpsCalendar component with the app's styles, mounted inside the app's DataProvider. ../index.ts calls
 * these through page.evaluate.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DataProvider, useData } from '../../../renderer/src/app/data-context';
import '../../../renderer/src/app/styles.css';
import { markRemote } from '../../../renderer/src/data/changelog';
import { openDatabase } from '../../../renderer/src/data/db';
import { OpsCalendar } from '../../../renderer/src/features/operations/OpsCalendar';
import '../../../renderer/src/features/operations/operations.css';
// The calendars' shared styles (cal-month, cal-week) live with training; the app loads every screen's styles.
import '../../../renderer/src/features/training/training.css';
import { today } from '../../../renderer/src/features/training/calendar';
import { calendar, meta, monthSource } from '../data';

const DB = 'fielddesk-bench-ops';
const TABLES = ['schedules', 'occurrences', 'maintenanceWindows', 'changes', 'outputRuns', 'outputJobs', 'calendars'] as const;

let show: ((on: boolean) => void) | null = null;
let readTables: (() => Promise<number>) | null = null;

function Host() {
  const { db } = useData();
  const [on, setOn] = useState(false);
  show = setOn;
  readTables = async () => {
    const t = performance.now();
    await Promise.all(TABLES.map((name) => db.table(name).toArray()));
    return performance.now() - t;
  };
  return on ? (
    <div className="screen operations">
      <OpsCalendar />
    </div>
  ) : null;
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** Resolves once the month table is in the document (committed by React). */
function monthCommitted(): Promise<void> {
  return new Promise((resolve) => {
    if (document.querySelector('.ops-month')) return resolve();
    const seen = new MutationObserver(() => {
      if (!document.querySelector('.ops-month')) return;
      seen.disconnect();
      resolve();
    });
    seen.observe(document.getElementById('root')!, { childList: true, subtree: true });
  });
}

const api = {
  /** The month's records, stored as pulled records are (not logged for sync). */
  async setup(items: number) {
    const month = today().slice(0, 7);
    const src = monthSource(month, items);
    const db = await openDatabase(DB);
    const rows: Record<(typeof TABLES)[number], unknown[]> = {
      schedules: [...src.schedules],
      occurrences: src.occurrences,
      maintenanceWindows: src.windows,
      changes: src.changes,
      outputRuns: src.runs,
      outputJobs: src.jobs,
      calendars: [{ id: 'cal', name: 'Court hours', ...calendar, ...meta }],
    };
    await db.transaction('rw', TABLES.map((t) => db.table(t)), async (tx) => {
      markRemote(tx.idbtrans);
      for (const t of TABLES) await db.table(t).bulkPut(rows[t]);
    });
    const records = (await Promise.all(TABLES.map((t) => db.table(t).count()))).reduce((a, b) => a + b, 0);
    db.close();
    // The app's provider opens it again, as the app does.
    createRoot(document.getElementById('root')!).render(
      <DataProvider dbName={DB}>
        <Host />
      </DataProvider>,
    );
    while (!show) await new Promise((r) => setTimeout(r, 20));
    return { month, records };
  },

  /**
   * Mount the calendar and time it to the month's cells and chips committed and laid out (a forced
   * layout of the whole page); then, as the baseline, read the same tables from IndexedDB alone.
   */
  async openMonth() {
    show!(false);
    await frame();
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    show!(true);
    await monthCommitted();
    const commitMs = performance.now() - t;
    document.body.getBoundingClientRect(); // style and layout of everything committed
    const ms = performance.now() - t;
    const chips = document.querySelectorAll('.ops-month .ops-chip').length;
    // Items behind each day's "+N more".
    const hidden = [...document.querySelectorAll('.ops-month .ops-more')].reduce((n, b) => n + Number(/\+(\d+)/.exec(b.textContent ?? '')?.[1] ?? 0), 0);
    const readMs = await readTables!();
    return { ms, commitMs, chips, items: chips + hidden, readMs };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.getElementById('ready')!.textContent = 'ready';
