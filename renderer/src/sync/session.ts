import type { SyncSession } from '../../../shared/ipc/channels/sync';
import { ROUTES, SignInResponseSchema, SignOutResponseSchema } from '../../../shared/sync/protocol';
import { err, ok, type Result } from '../../../shared/result';
import { requestJson, type SyncFailure } from './http';

export type { SyncSession };

/** Where the session is kept: main's encrypted store in the app, memory in tests. */
export interface SessionStore {
  get(): Promise<SyncSession | null>;
  set(session: SyncSession): Promise<void>;
  clear(): Promise<void>;
}

export function memorySessionStore(initial: SyncSession | null = null): SessionStore {
  let current = initial;
  return {
    get: async () => current,
    set: async (s) => void (current = s),
    clear: async () => void (current = null),
  };
}

const messageFor = (f: SyncFailure): string => (f.kind === 'network' ? `Cannot reach the server (${f.message})` : f.message);

/**
 * Who this device is, told to the server at sign-in: its device id (registered
 * to the account and bound to the session) and the person id it recorded as
 * its user before signing in (claimed as the account's alias, so entries made
 * offline under it are accepted). See docs/sync-protocol.md, Devices.
 */
export interface DeviceIdentity {
  deviceId?: string;
  localPersonId?: string;
}

/** Sign in with email and password; the caller keeps the session (main encrypts it). */
export async function signIn(serverUrl: string, email: string, password: string, fetchImpl: typeof fetch, now: () => number = Date.now, identity: DeviceIdentity = {}): Promise<Result<SyncSession>> {
  const body = { email, password, ...(identity.deviceId ? { deviceId: identity.deviceId } : {}), ...(identity.localPersonId ? { localPersonId: identity.localPersonId } : {}) };
  const res = await requestJson({ baseUrl: serverUrl, fetch: fetchImpl, localNow: now }, 'POST', ROUTES.signIn, SignInResponseSchema, { body });
  if (!res.ok) {
    const code = res.error.kind === 'unauthorized' ? 'unauthorized' : res.error.kind === 'network' || res.error.kind === 'server' ? 'unavailable' : res.error.kind === 'rate_limited' ? 'conflict' : 'invalid_request';
    return err(code, messageFor(res.error));
  }
  const { token, expiresAt, user } = res.value;
  const { personId, ...rest } = user;
  return ok({ serverUrl, token, expiresAt, user: personId ? { ...rest, personId } : rest });
}

/** Revoke the token on the server when reachable; the local session is cleared by the caller either way. */
export async function revokeOnServer(session: SyncSession, fetchImpl: typeof fetch): Promise<boolean> {
  const res = await requestJson({ baseUrl: session.serverUrl, fetch: fetchImpl, localNow: Date.now, timeoutMs: 5_000 }, 'POST', ROUTES.signOut, SignOutResponseSchema, {
    body: {},
    token: session.token,
  });
  return res.ok;
}
