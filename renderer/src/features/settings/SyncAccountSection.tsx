import { useEffect, useState, type FormEvent } from 'react';
import { useData } from '../../app/data-context';
import { useSync } from '../../app/sync-store';
import { resolveActor } from '../../data/repositories/tickets';
import { useUi } from '../../app/ui-store';
import { Field } from '../../ui/Field';
import { useDraftState } from '../../ui/useDraft';
import { configuredServerUrl, ipcSessionStore } from '../../sync/ipc-session-store';
import { revokeOnServer, signIn, type SyncSession } from '../../sync/session';
import { FirstSyncProgress } from '../sync/FirstSyncProgress';

/**
 * Sign-in to the sync server. The token goes to main, which keeps it
 * encrypted; signing out forgets it but never touches the changes waiting on
 * this device.
 */
export function SyncAccountSection() {
  const [session, setSession] = useState<SyncSession | null>(null);
  const [server, setServer] = useState<string | null>(null);
  // The e-mail typed is kept as a draft until signed in; the password never is.
  const [email, setEmail] = useDraftState('settings.sync-account', 'device', 'email', '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const announce = useUi((s) => s.announce);
  const { db, profile } = useData();
  const { phase, lastSyncedAt, error: syncError, syncNow, signedIn } = useSync();

  useEffect(() => {
    let live = true;
    void Promise.all([configuredServerUrl(), ipcSessionStore.get()]).then(([url, s]) => {
      if (!live) return;
      setServer(url);
      setSession(s);
    });
    return () => {
      live = false;
    };
  }, [signedIn]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const url = await configuredServerUrl();
    setServer(url);
    if (!url) return setError('Save the server address above first.');
    setBusy(true);
    // The server registers this device to the account and takes the person this device recorded as its user so far as the account's own.
    const deviceId = db.device.get().deviceId;
    const me = await profile.ensurePerson();
    const localPersonId = me?.personId ?? (await resolveActor(db)).id;
    const res = await signIn(url, email, password, (input, init) => window.fetch(input, init), Date.now, { deviceId, ...(localPersonId !== deviceId ? { localPersonId } : {}) });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    try {
      await ipcSessionStore.set(res.value);
    } catch (problem) {
      return setError(problem instanceof Error ? problem.message : String(problem));
    }
    // The account's staff record is the user from now on; the device's stand-in resolves to them too.
    if (res.value.user.personId) await profile.setAccountPerson(res.value.user.personId);
    setError(null);
    setPassword('');
    setEmail('');
    setSession(res.value);
    announce(`Signed in as ${res.value.user.email}`);
    syncNow?.();
  };

  const signOut = async () => {
    if (session) await revokeOnServer(session, (input, init) => window.fetch(input, init));
    await ipcSessionStore.clear();
    setSession(null);
    announce('Signed out; changes on this device are kept');
    syncNow?.();
  };

  const current = session && server && session.serverUrl === server ? session : null;
  return (
    <section className="panel" aria-labelledby="sync-account-title">
      <h2 id="sync-account-title">Sync account</h2>
      {current ? (
        <>
          <p>
            Signed in to {current.serverUrl} as <strong>{current.user.name || current.user.email}</strong> ({current.user.email}, {current.user.role}).
          </p>
          <p className="muted" data-testid="sync-account-status">
            {phase === 'syncing' ? 'Syncing now…' : phase === 'error' ? (syncError ?? 'Sync failed') : lastSyncedAt ? `Last synced ${new Date(lastSyncedAt).toLocaleString()}` : 'Not synced yet'}
          </p>
          <FirstSyncProgress />
          <div className="form-actions">
            <button type="button" onClick={() => syncNow?.()}>
              Sync now
            </button>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Sign in to sync">
          <p className="muted">{server ? `Sign in to ${server} to sync this device.` : 'Set the server address first, then sign in.'}</p>
          <Field label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
          <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
    </section>
  );
}
