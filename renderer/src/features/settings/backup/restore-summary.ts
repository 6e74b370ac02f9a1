import { countsInWords } from '../../../../../shared/sync/table-words';

/**
 * What a restore brought back, kept across the reload that follows it (the
 * app starts afresh on the restored data) and shown until the person
 * dismisses it.
 */
export interface RestoreSummary {
  fileName: string;
  /** When the backup was made, and on which device (its name when the backup records one). */
  madeAt: string;
  deviceName: string | null;
  restoredAt: string;
  /** Records restored per table. */
  counts: Record<string, number>;
  /** Tables this version does not know, left out. */
  skippedTables: string[];
}

const KEY = 'fielddesk.restoreSummary';

export function saveRestoreSummary(summary: RestoreSummary): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(summary));
  } catch {
    // Storage full or blocked: the brief message is all the person gets.
  }
}

export function loadRestoreSummary(): RestoreSummary | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as RestoreSummary;
    return typeof s?.fileName === 'string' && s.counts && typeof s.counts === 'object' ? s : null;
  } catch {
    return null;
  }
}

export function dismissRestoreSummary(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to do
  }
}

/** The lines of the summary: one per kind of record, in the words of the screens. */
export function restoreSummaryLines(summary: RestoreSummary): string[] {
  const lines = countsInWords(summary.counts);
  return lines.length > 0 ? lines : ['No records (the backup was of an empty device)'];
}
