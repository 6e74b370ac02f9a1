import { platform } from '../platform/bridge';
import type { SessionStore } from './session';

/** The session kept by main (encrypted with safeStorage), read and written over IPC. */
export const ipcSessionStore: SessionStore = {
  async get() {
    const res = await platform.sync.getToken({});
    return res.ok ? res.value.session : null;
  },
  async set(session) {
    const res = await platform.sync.setToken(session);
    if (!res.ok) throw new Error(res.error.message);
  },
  async clear() {
    const res = await platform.sync.clearToken({});
    if (!res.ok) throw new Error(res.error.message);
  },
};

export async function configuredServerUrl(): Promise<string | null> {
  const res = await platform.config.get({});
  return res.ok ? res.value.syncServerUrl : null;
}
