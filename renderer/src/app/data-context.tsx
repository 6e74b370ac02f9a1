import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { openDatabase, upgradeDue, type FieldDeskDb } from '../data/db';
import { CURRENT_SCHEMA_VERSION } from '../data/schema';
import { peopleRepository, type PeopleRepository } from '../data/repositories/people';
import { profileRepository, type ProfileRepository } from '../data/repositories/profile';
import { startWordPacker } from '../data/repositories/tickets/word-blocks';
import { startActiveKeysFill } from '../data/repositories/tickets/active-keys';
import { startWordRefresher } from '../data/repositories/tickets/word-refresh';
import { registerFirstViewsReady } from '../data/repositories/tickets/first-views';
import { drafts } from '../ui/drafts';

export interface DataContextValue {
  db: FieldDeskDb;
  people: PeopleRepository;
  profile: ProfileRepository;
}

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
    let stopRefresher: (() => void) | undefined;
    let stopPacker: (() => void) | undefined;
    let stopFill: (() => void) | undefined;
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
          // Synced tickets get their full search words in the background (and any left from a crash, now).
          // A first sync in tiers makes the open tickets' words before closed ones arrive (first-views.ts).
          registerFirstViewsReady();
          if (!closed) stopRefresher = startWordRefresher(opened, { onError: (e) => console.error('FieldDesk: search words refresh failed; it is retried on the next change', e) });
          // Older tickets' search words are packed into blocks in the background, so a search reads a few records per word.
          if (!closed) stopPacker = startWordPacker(opened, { onError: (e) => console.error('FieldDesk: packing search words failed; it is tried again later', e) });
          // Tickets stored before schema v12 gain their list key in the background; the list waits for it.
          if (!closed) stopFill = startActiveKeysFill(opened, { onError: (e) => console.error('FieldDesk: filling the open-ticket list keys failed; it is tried again at the next start', e) });
          if (!closed) setState({ value: { db: opened, people: peopleRepository(opened), profile: profileRepository(opened) } });
        },
        (e: unknown) => setState({ error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      closed = true;
      stopRefresher?.();
      stopPacker?.();
      stopFill?.();
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
