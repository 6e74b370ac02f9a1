import { useEffect, useMemo } from 'react';
import { useSyncEngine } from '../sync/useSyncEngine';
import { AboutDialog } from './AboutDialog';
import { buildCommands } from './commands';
import { CommandPalette } from './CommandPalette';
import { useContextCommandStore } from './context-commands';
import { MainNav, MainNavToggle, useMainNav } from './MainNav';
import { useFeatureCommands, useFeatureFrameEffects, statusItems } from './registry';
import { ROUTE_LABELS, screenRoute } from './routes';
import { useSync } from './sync-store';
import { useUi } from './ui-store';
import { useShortcuts } from './useShortcuts';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useData } from './data-context';

/** The app frame: navigation, the current screen, the status bar and the palette. */
export function Shell({ staffName }: { staffName: string }) {
  const { route, paletteOpen, setPaletteOpen, aboutOpen, setAboutOpen, announcement } = useUi();
  const { profile } = useData();
  const lastSyncedAt = useSync((s) => s.lastSyncedAt);
  // The user is a staff person in the directory: a profile from before that gains its person, and one a full
  // resync dropped (it is never sent) comes back, with the same id.
  useEffect(() => {
    void profile.ensurePerson();
  }, [profile, lastSyncedAt]);
  // The features' commands (registered in renderer/src/features/index.ts; the tickets' read the saved views live).
  const featureCommands = useFeatureCommands();
  // Commands about what is open (the ticket on screen) come first.
  const bySource = useContextCommandStore((s) => s.bySource);
  const commands = useMemo(() => [...Object.values(bySource).flat(), ...buildCommands(featureCommands)], [featureCommands, bySource]);
  useShortcuts(commands);
  // The features' effects while the frame is open (the daily backup).
  useFeatureFrameEffects();
  useSyncEngine();
  const nav = useMainNav();
  const { Screen } = screenRoute(route);
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
        {statusItems().map(({ name, Item }) => (
          <ErrorBoundary key={name} name={name}>
            <Item />
          </ErrorBoundary>
        ))}
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
