import { useEffect, useState } from 'react';
import type { RuleRole } from '../../../shared/sync/tables-spec';
import { mayWrite } from '../../../shared/sync/may-write';
import { useSync } from '../app/sync-store';
import { configuredServerUrl, ipcSessionStore } from './ipc-session-store';

/**
 * The signed-in account's role on the configured server, or null when this
 * device is not signed in (it works locally and may do everything). Read
 * again whenever the engine's signed-in state changes (sign-in, sign-out, an
 * expired token).
 */
export function useRole(): RuleRole | null {
  const signedIn = useSync((s) => s.signedIn);
  const [role, setRole] = useState<RuleRole | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([configuredServerUrl(), ipcSessionStore.get()])
      .then(([url, session]) => {
        if (live) setRole(session && url && session.serverUrl === url ? session.user.role : null);
      })
      .catch(() => live && setRole(null));
    return () => {
      live = false;
    };
  }, [signedIn]);
  return role;
}

/** mayWrite for the signed-in role: false hides or disables what the server would refuse. */
export function useMayWrite(table: string, field?: string): boolean {
  return mayWrite(useRole(), table, field);
}
