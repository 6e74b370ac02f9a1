import { useEffect, useMemo, type ReactElement } from 'react';
import { AccessScreen } from '../features/access/AccessScreen';
import { accessCommands } from '../features/access/commands';
import { ExpiringCount } from '../features/access/ExpiringCount';
import { OpsStatusCounts } from '../features/operations/OpsStatusCounts';
import { KnowledgeScreen } from '../features/inform/KnowledgeScreen';
import { PeopleScreen } from '../features/people/PeopleScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ticketCommands } from '../features/tickets/commands';
import { TicketsScreen } from '../features/tickets/TicketsScreen';
import { useSavedViews } from '../features/tickets/useSavedViews';
import { TrainingScreen } from '../features/training/TrainingScreen';
import { ScheduleScreen } from '../features/operations/ScheduleScreen';
import { operationsCommands } from '../features/operations/commands';
import { informUpdateCommands } from '../features/inform/update-commands';
import { useSyncEngine } from '../sync/useSyncEngine';
import { AboutDialog } from './AboutDialog';
import { buildCommands } from './commands';
import { CommandPalette } from './CommandPalette';
import { useContextCommandStore } from './context-commands';
import { MainNav, MainNavToggle, useMainNav } from './MainNav';
import { ROUTE_LABELS, type Route } from './routes';
import { SyncStatus } from './SyncStatus';
import { useSync } from './sync-store';
import { useUi } from './ui-store';
import { useShortcuts } from './useShortcuts';
import { useDailyBackup } from '../features/settings/backup/useDailyBackup';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useData } from './data-context';

const SCREENS: Record<Route, () => ReactElement> = {
  tickets: TicketsScreen,
  training: TrainingScreen,
  schedule: ScheduleScreen,
  knowledge: KnowledgeScreen,
  access: AccessScreen,
  people: PeopleScreen,
  reports: ReportsScreen,
  settings: SettingsScreen,
};

/** The app frame: navigation, the current screen, the status bar and the palette. */
export function Shell({ staffName }: { staffName: string }) {
  const { route, paletteOpen, setPaletteOpen, aboutOpen, setAboutOpen, announcement } = useUi();
  const { db, profile } = useData();
  const lastSyncedAt = useSync((s) => s.lastSyncedAt);
  // The user is a staff person in the directory: a profile from before that gains its person, and one a full
  // resync dropped (it is never sent) comes back, with the same id.
  useEffect(() => {
    void profile.ensurePerson();
  }, [profile, lastSyncedAt]);
  // The person's saved views are read live, so one saved, renamed or deleted is in the palette at once.
  const savedViews = useSavedViews(db).views;
  // Commands about what is open (the ticket on screen) come first.
  const bySource = useContextCommandStore((s) => s.bySource);
  const commands = useMemo(() => [...Object.values(bySource).flat(), ...buildCommands([...ticketCommands(savedViews), ...operationsCommands(), ...accessCommands(), ...informUpdateCommands()])], [savedViews, bySource]);
  useShortcuts(commands);
  useDailyBackup(db);
  useSyncEngine();
  const nav = useMainNav();
  const Screen = SCREENS[route];
  return (
    <div className={`shell ${nav.expanded ? 'nav-expanded' : 'nav-collapsed'}${nav.narrow ? ' shell-narrow' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <MainNavToggle nav={nav} />
        <span className="brand">FieldDesk</span>
        <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K">
          <span className="palette-label">
            Search<span className="palette-label-more"> commands</span>…
          </span>{' '}
          <kbd>Ctrl K</kbd>
        </button>
        <span className="who" aria-label="Signed in as">
          {staffName}
        </span>
      </header>
      <MainNav nav={nav} />
      <main id="main" className="content" tabIndex={-1}>
        {/* Keyed by route: a screen that failed is mounted afresh when the user comes back to it. */}
        <ErrorBoundary key={route} name={ROUTE_LABELS[route]}>
          <Screen />
        </ErrorBoundary>
      </main>
      <footer className="statusbar">
        <ErrorBoundary name="Sync status">
          <SyncStatus />
        </ErrorBoundary>
        <ErrorBoundary name="Expiring access">
          <ExpiringCount />
        </ErrorBoundary>
        <ErrorBoundary name="Operations notices">
          <OpsStatusCounts />
        </ErrorBoundary>
      </footer>
      <ErrorBoundary name="Command palette">
        <CommandPalette open={paletteOpen} commands={commands} onClose={() => setPaletteOpen(false)} />
      </ErrorBoundary>
      <ErrorBoundary name="About FieldDesk">
        <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
      </ErrorBoundary>
      <div className="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
    </div>
  );
}
