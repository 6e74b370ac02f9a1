import type { Page } from '@playwright/test';
import { generateSampleData, type SampleChunk } from '../../../shared/sample-data';

/**
 * Put generated records straight into the page's IndexedDB (the app's tables,
 * bypassing the app): tests of reading features need data without depending
 * on the ticket screens.
 */
export async function seedSampleData(page: Page, options: { tickets: number; people: number; workLogEntries: number }): Promise<Map<string, unknown[]>> {
  const byTable = new Map<string, unknown[]>();
  for (const chunk of generateSampleData({ seed: 7, agencies: 4, history: false, ...options }) as Iterable<SampleChunk>) {
    byTable.set(chunk.table, [...(byTable.get(chunk.table) ?? []), ...chunk.records]);
  }
  await page.evaluate(
    (tables) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fielddesk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = Object.keys(tables).filter((t) => db.objectStoreNames.contains(t));
          const tx = db.transaction(names, 'readwrite');
          for (const name of names) for (const r of tables[name]!) tx.objectStore(name).put(r);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    Object.fromEntries(byTable),
  );
  return byTable;
}
