import { useEffect } from 'react';
import { isBackupDue } from '../../../../../shared/backup/schedule';
import type { FieldDeskDb } from '../../../data/db';
import { hasDesktopBridge } from '../../../platform/bridge';
import { backUp } from './backup-data';

const FIRST_CHECK_MS = 15_000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The automatic daily backup: checked shortly after start (not during it, to
 * keep start-up fast) and then hourly, so a laptop left open overnight still
 * gets its backup the next day.
 */
export function useDailyBackup(db: FieldDeskDb): void {
  useEffect(() => {
    if (!hasDesktopBridge) return;
    let running = false;
    const check = async () => {
      if (running) return;
      running = true;
      try {
        const last = (await db.meta.get('lastBackupAt'))?.value as string | undefined;
        if (isBackupDue(last, new Date())) await backUp(db, 'auto');
      } finally {
        running = false;
      }
    };
    const first = setTimeout(() => void check(), FIRST_CHECK_MS);
    const every = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [db]);
}
