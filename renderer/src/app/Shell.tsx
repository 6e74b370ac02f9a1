import { useMemo, type ReactElement } from 'react';
import { AccessScreen } from '../features/access/AccessScreen';
import { KnowledgeScreen } from '../features/inform/KnowledgeScreen';
import { PeopleScreen } from '../features/people/PeopleScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ticketCommands } from '../features/tickets/commands';
import { TicketsScreen } from '../features/tickets/TicketsScreen';
import { useSavedViews } from '../features/tickets/useSavedViews';
import { TrainingScreen } from '../features/training/TrainingScreen';
import { useSyncEngine } from '../sync/useSyncEngine';
import { AboutDialog } from './AboutDialog';
import { buildCommands } from './commands';
import { CommandPalette } from './CommandPalette';
import { ROUTE_LABELS, ROUTES, type Route } from './routes';
import { SyncStatus } from './SyncStatus';
import { useUi } from './ui-store';
import { useShortcuts } from './useShortcuts';
import { useDailyBackup } from '../features/settings/backup/useDailyBackup';
import { useData } from './data-context';

const SCREENS: Record<Route, () => ReactElement> = {
  tickets: TicketsScreen,
  training: TrainingScreen,
  knowledge: KnowledgeScreen,
  access: AccessScreen,
  people: PeopleScreen,
  reports: ReportsScreen,
  settings: SettingsScreen,
};

/** The app frame: navigation, the current screen, the status bar and the palette. */
export function Shell({ staffName }: { staffName: string }) {
  const { route, navigate, paletteOpen, setPaletteOpen, aboutOpen, setAboutOpen, announcement } = useUi();
  const { db } = useData();
  // The person's saved views are read live, so one saved, renamed or deleted is in the palette at once.
  const savedViews = useSavedViews(db).views;
  const commands = useMemo(() => buildCommands(ticketCommands(savedViews)), [savedViews]);
  useShortcuts(commands);
  useDailyBackup(db);
  useSyncEngine();
  const Screen = SCREENS[route];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">FieldDesk</span>
        <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K">
          Search commands… <kbd>Ctrl K</kbd>
        </button>
        <span className="who" aria-label="Signed in as">
          {staffName}
        </span>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {ROUTES.map((r) => (
            <li key={r}>
              <a href={`#/${r}`} aria-current={route === r ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(r))}>
                {ROUTE_LABELS[r]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Screen />
      </main>
      <footer className="statusbar">
        <SyncStatus />
      </footer>
      <CommandPalette open={paletteOpen} commands={commands} onClose={() => setPaletteOpen(false)} />
      <AboutDialog open={aboutOpen} onClose={() => setAboutOpen(false)} />
      <div className="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
    </div>
  );
}
