import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { openDatabase, upgradeDue, type FieldDeskDb } from '../data/db';
import { CURRENT_SCHEMA_VERSION } from '../data/schema';
import { profileRepository, type ProfileRepository } from '../data/repositories/profile';
import { createRepositories, type DataFeature, type RepositoriesOf } from '../data/feature';
import { DATA_FEATURES } from '../data/features';
import { drafts } from '../ui/drafts';

/** The database, the profile, and each feature's repositories for the screens (the directory's `people`: data/features.ts). */
export type DataContextValue = {
  db: FieldDeskDb;
  profile: ProfileRepository;
} & RepositoriesOf<typeof DATA_FEATURES>;

const DataContext = createContext<DataContextValue | null>(null);

export function useData(): DataContextValue {
  const value = useContext(DataContext);
  if (!value) throw new Error('useData must be used inside <DataProvider>');
  return value;
}

/** Opens the local database once and hands repositories to the screens. */
export function DataProvider({ children, dbName = 'fielddesk' }: { children: ReactNode; dbName?: string }) {
  const [state, setState] = useState<{ value?: DataContextValue; error?: string; upgrading?: boolean }>({});
  useEffect(() => {
    let closed = false;
    let db: FieldDeskDb | undefined;
    const stops: (() => void)[] = [];
    // Only to choose the words while it opens: a failure to list the databases changes nothing else.
    void indexedDB
      .databases?.()
      .then((dbs) => {
        if (!closed && upgradeDue(dbs, dbName, CURRENT_SCHEMA_VERSION)) setState((s) => (s.value || s.error ? s : { upgrading: true }));
      })
      .catch(() => undefined);
    openDatabase(dbName)
      // Unsaved drafts are read before any screen opens, so a form starts from its draft.
      .then(async (opened) => (await drafts.attach(opened), opened))
      .then(
        (opened) => {
          db = opened;
          // Each feature's background jobs (the tickets' search words, word blocks and list keys: data/features.ts).
          for (const job of (DATA_FEATURES as readonly DataFeature[]).flatMap((f) => f.background ?? [])) {
            if (!closed) stops.push(job.start(opened, { onError: (e) => console.error(job.failure, e) }));
          }
          if (!closed) setState({ value: { db: opened, ...createRepositories(DATA_FEATURES, opened), profile: profileRepository(opened) } });
        },
        (e: unknown) => setState({ error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      closed = true;
      for (const stop of stops) stop();
      const closing = db;
      if (closing) void drafts.detach(closing).finally(() => closing.close());
    };
  }, [dbName]);

  if (state.error) {
    return (
      <main className="fatal" role="alert">
        <h1>FieldDesk could not open its local data</h1>
        <p>{state.error}</p>
        <p>Your data has not been changed. Close other FieldDesk windows and start the app again.</p>
      </main>
    );
  }
  if (!state.value && state.upgrading) {
    return (
      <p className="loading" role="status">
        Updating your data for this version of FieldDesk… This happens once, and can take a minute on a device with many tickets.
      </p>
    );
  }
  if (!state.value) return <p className="loading" role="status">Opening your data…</p>;
  return <DataContext.Provider value={state.value}>{children}</DataContext.Provider>;
}
