import { create } from 'zustand';
import { routeFromHash, type Route } from './routes';

export type ThemeChoice = 'system' | 'light' | 'dark';
const THEME_KEY = 'fielddesk.theme';
const NAV_KEY = 'fielddesk.nav';

function storedTheme(): ThemeChoice {
  const t = localStorage.getItem(THEME_KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

/**
 * UI state only: where you are and what is open. Records never live here;
 * screens read them from the database with live queries.
 */
interface UiState {
  route: Route;
  paletteOpen: boolean;
  aboutOpen: boolean;
  theme: ThemeChoice;
  announcement: string;
  /** The person collapsed the main navigation of a wide window (narrow windows collapse it by themselves). Kept across restarts. */
  navCollapsed: boolean;
  navigate(route: Route): void;
  setPaletteOpen(open: boolean): void;
  setAboutOpen(open: boolean): void;
  setTheme(theme: ThemeChoice): void;
  cycleTheme(): void;
  announce(message: string): void;
  setNavCollapsed(collapsed: boolean): void;
}

export const useUi = create<UiState>((set, get) => ({
  route: routeFromHash(location.hash),
  paletteOpen: false,
  aboutOpen: false,
  theme: storedTheme(),
  announcement: '',
  navCollapsed: localStorage.getItem(NAV_KEY) === 'collapsed',
  navigate(route) {
    if (location.hash !== `#/${route}`) location.hash = `#/${route}`;
    set({ route });
  },
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setAboutOpen: (aboutOpen) => set({ aboutOpen }),
  setTheme(theme) {
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
  cycleTheme() {
    const order: ThemeChoice[] = ['system', 'light', 'dark'];
    const next = order[(order.indexOf(get().theme) + 1) % order.length]!;
    get().setTheme(next);
    get().announce(`Theme: ${next === 'system' ? 'follow the system' : next}`);
  },
  // Read by a polite live region, so screen readers hear confirmations.
  announce: (announcement) => set({ announcement }),
  setNavCollapsed(navCollapsed) {
    if (navCollapsed) localStorage.setItem(NAV_KEY, 'collapsed');
    else localStorage.removeItem(NAV_KEY);
    set({ navCollapsed });
  },
}));

window.addEventListener('hashchange', () => useUi.setState({ route: routeFromHash(location.hash) }));
