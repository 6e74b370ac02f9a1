import { useCallback, useEffect, useState } from 'react';
import { ROUTE_LABELS, ROUTES } from './routes';
import { useUi } from './ui-store';
import { useMediaQuery } from './useMediaQuery';

/**
 * Below this width (CSS pixels: a 1366-pixel window at 200% zoom is 683) the navigation is a menu over the
 * content instead of a column beside it. Kept in step with the `max-width: 800px` rules in styles.css.
 */
export const NARROW = '(max-width: 800px)';

/**
 * The main navigation's state. A wide window shows it beside the content unless the person collapsed it (a choice
 * kept in UI state across restarts); a narrow one (200% zoom, a small window) collapses it to a menu that opens
 * over the content and closes once a screen is chosen, with Escape, or with its button.
 */
export function useMainNav() {
  const narrow = useMediaQuery(NARROW);
  const { navCollapsed, setNavCollapsed } = useUi();
  const [menuOpen, setMenuOpen] = useState(false);
  const expanded = narrow ? menuOpen : !navCollapsed;
  const toggle = () => (narrow ? setMenuOpen(!menuOpen) : setNavCollapsed(!navCollapsed));
  // Going wide closes a menu left open, so it is not open again on the next narrowing.
  useEffect(() => {
    if (!narrow) setMenuOpen(false);
  }, [narrow]);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  return { narrow, expanded, toggle, closeMenu };
}

export type MainNavState = ReturnType<typeof useMainNav>;

/** The button that shows and hides the main navigation: named, with its state in aria-expanded. */
export function MainNavToggle({ nav }: { nav: MainNavState }) {
  return (
    <button type="button" className="nav-toggle" aria-label="Main menu" aria-expanded={nav.expanded} aria-controls="main-nav" onClick={nav.toggle}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
        <path d="M2 3.5h12M2 8h12M2 12.5h12" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    </button>
  );
}

/** The main navigation: a column on a wide window, a menu over the content on a narrow one. */
export function MainNav({ nav }: { nav: MainNavState }) {
  const { route, navigate } = useUi();
  const menu = nav.narrow && nav.expanded;
  const { closeMenu } = nav;
  // Opened as a menu, focus goes to the screen you are on, so Tab and the arrow keys continue in the menu.
  useEffect(() => {
    if (menu) document.querySelector<HTMLAnchorElement>('#main-nav a[aria-current="page"], #main-nav a')?.focus();
  }, [menu]);
  // Escape closes the open menu (and only the menu), giving focus back to its button.
  useEffect(() => {
    if (!menu) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      e.stopPropagation();
      closeMenu();
      document.querySelector<HTMLButtonElement>('.nav-toggle')?.focus();
    };
    // A click or tap anywhere else (the content under it) closes it too, as a menu does.
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Element | null;
      if (!target?.closest?.('#main-nav, .nav-toggle')) closeMenu();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [menu, closeMenu]);
  return (
    <nav id="main-nav" className={`sidebar${menu ? ' sidebar-menu' : ''}`} aria-label="Main" hidden={!nav.expanded}>
      <ul>
        {ROUTES.map((r) => (
          <li key={r}>
            <a
              href={`#/${r}`}
              aria-current={route === r ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(r);
                if (nav.narrow) closeMenu();
              }}
            >
              {ROUTE_LABELS[r]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
