import path from 'node:path';
import { err, ok } from '../../shared/result';
import type { AppInfo } from '../../shared/ipc/contract';
import type { AttachmentStore } from './attachments/attachment-store';
import type { ConfigStore } from './config/config-store';
import { createBackupHandlers } from './backup/backup-handlers';
import { createExportHandlers } from './export/export-handlers';
import { createImportHandlers } from './import/import-handlers';
import { createMailHandlers } from './mail/mail-handlers';
import { createSyncHandlers } from './sync/sync-handlers';
import type { TokenCrypto } from './sync/token-store';
import type { Printer } from './print/printer';
import { createTrainingHandlers } from './training/training-handlers';
import { createOperationsHandlers } from './operations/operations-handlers';
import { createAccessHandlers } from './access/access-handlers';
import { createDocumentPrintHandlers } from './inform/document-print-handlers';
import type { Handlers } from './ipc/router';
import { validateExternalUrl } from './security/external-links';

/**
 * Everything the handlers need from the outside world. Main passes Electron's
 * implementations; the test host passes Node ones (and records what the app
 * asked the OS to do).
 */
export interface HandlerDeps {
  appInfo: Omit<AppInfo, 'dataDir'>;
  dataDir: string;
  config: ConfigStore;
  openExternal: (url: string) => Promise<void>;
  attachments: AttachmentStore;
  /** A folder for copies handed to OS viewers. */
  viewDir: string;
  dialogs: Dialogs;
  /** Open a file with the OS default app; resolves to an error message, or '' on success (shell.openPath). */
  openPath: (file: string) => Promise<string>;
  printer: Printer;
  /** The fonts shipped in resources/fonts, so printed output is the same offline. */
  fontsDir: string;
  /** Called after the sync server changes, so main can rebuild the CSP. */
  onConfigChanged?: () => void;
  /** Encrypts the sync session at rest (safeStorage in Electron); without it the session stays in memory. */
  tokenCrypto?: TokenCrypto;
  tokenFile?: string;
}

export interface Dialogs {
  /** Paths the user picked, or [] if they cancelled. */
  pickFiles(options: { title: string; multiple: boolean; filters?: { name: string; extensions: string[] }[] }): Promise<string[]>;
  /** The path the user chose, or null if they cancelled. */
  saveFile(options: { title: string; defaultName: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createTrainingHandlers(deps),
    ...createOperationsHandlers(deps),
    ...createAccessHandlers(deps),
    ...createExportHandlers(deps),
    ...createImportHandlers(deps),
    ...createBackupHandlers(deps),
    ...createSyncHandlers(deps),
    ...createMailHandlers(deps),
    ...createDocumentPrintHandlers(deps),
    'app.info': () => ok({ ...deps.appInfo, dataDir: deps.dataDir }),
    'app.openExternal': async ({ url }) => {
      const checked = validateExternalUrl(url);
      if (!checked.ok) return checked;
      try {
        await deps.openExternal(checked.value);
        return ok({ opened: true as const });
      } catch {
        return err('unavailable', 'The system could not open that link.');
      }
    },
    'config.get': () => ok(deps.config.get()),
    'attachments.add': async () => {
      const picked = await deps.dialogs.pickFiles({ title: 'Attach files', multiple: true });
      const stored = [];
      const refused = [];
      for (const file of picked) {
        const res = await deps.attachments.importFile(file);
        if (res.ok) stored.push(res.value);
        else refused.push({ name: path.basename(file), message: res.error.message });
      }
      return ok({ stored, refused });
    },
    'attachments.open': async ({ sha256, name }) => {
      const copy = await deps.attachments.exportForViewing(sha256, name, deps.viewDir);
      if (!copy.ok) return copy;
      const problem = await deps.openPath(copy.value);
      return problem ? err('unavailable', `The system could not open ${name}: ${problem}`) : ok({ opened: true as const });
    },
    'config.setSyncServer': async ({ url }) => {
      const next = await deps.config.update({ syncServerUrl: url ? new URL(url).href.replace(/\/$/, '') : null });
      deps.onConfigChanged?.();
      return ok(next);
    },
  };
}
