import type { syncChannels } from '../../../shared/ipc/channels/sync';
import { err, ok } from '../../../shared/result';
import type { HandlerDeps } from '../handlers';
import type { HandlersFor } from '../ipc/router';
import { createTokenStore, type TokenStore } from './token-store';

/**
 * The sync session channels. Without a token file (a test that does not
 * care) the session lives in memory for the life of the process.
 */
export function createSyncHandlers(deps: Pick<HandlerDeps, 'tokenCrypto' | 'tokenFile'>): HandlersFor<typeof syncChannels> {
  const store: TokenStore = createTokenStore({ file: deps.tokenFile ?? null, crypto: deps.tokenCrypto ?? null });
  return {
    'sync.getToken': async () => ok({ session: await store.get() }),
    'sync.setToken': async (session) => {
      try {
        return ok({ stored: true as const, persisted: await store.set(session) });
      } catch {
        return err('unavailable', 'The sign-in could not be saved on this device.');
      }
    },
    'sync.clearToken': async () => {
      try {
        await store.clear();
        return ok({ cleared: true as const });
      } catch {
        return err('unavailable', 'The sign-in could not be removed from this device.');
      }
    },
  };
}
