import { err, ok } from '../../shared/result';
import type { AppInfo } from '../../shared/ipc/contract';
import type { ConfigStore } from './config/config-store';
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
  /** Called after the sync server changes, so main can rebuild the CSP. */
  onConfigChanged?: () => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
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
    'config.setSyncServer': async ({ url }) => {
      const next = await deps.config.update({ syncServerUrl: url ? new URL(url).href.replace(/\/$/, '') : null });
      deps.onConfigChanged?.();
      return ok(next);
    },
  };
}
