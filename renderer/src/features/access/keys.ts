import { useEffect, type RefObject } from 'react';

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * j/k move between the rows of a list (each row's first link carries
 * `data-row`), / goes to the search box; other single keys run the given
 * actions (on the focused row, or with null when no row has focus). Ignored while typing in a field.
 */
export function useRowKeys(container: RefObject<HTMLElement | null>, actions: Record<string, (row: HTMLElement | null) => void> = {}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const root = container.current;
      if (!root) return;
      if (e.key === '/') {
        const search = root.querySelector<HTMLInputElement>('input[type="search"]') ?? document.querySelector<HTMLInputElement>('.access input[type="search"]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
        return;
      }
      const rows = [...root.querySelectorAll<HTMLElement>('[data-row]')];
      const at = rows.findIndex((r) => r === document.activeElement);
      if (e.key === 'j' || e.key === 'k') {
        if (rows.length === 0) return;
        e.preventDefault();
        const next = e.key === 'j' ? Math.min(at + 1, rows.length - 1) : Math.max(at - 1, 0);
        rows[at === -1 ? 0 : next]!.focus();
        return;
      }
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action(at >= 0 ? rows[at]! : null);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [container, actions]);
}
