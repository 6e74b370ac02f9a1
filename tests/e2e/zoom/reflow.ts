import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from '../fixtures';

/**
 * 200% zoom of a 1366×800 window is a 683×400 CSS-pixel viewport drawn at two device pixels per CSS pixel;
 * 320 CSS pixels wide is WCAG 1.4.10's reflow width (1280 at 400%), 256 high is 1024 at 400%.
 */
export const ZOOM_200 = { width: 683, height: 400 } as const;
export const REFLOW_320 = { width: 320, height: 256 } as const;

/** How far the window, and the main content pane, can be scrolled sideways (0 when it all fits). */
export async function sidewaysOverflow(page: Page): Promise<{ window: number; main: number; culprits: string[] }> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const main = document.getElementById('main');
    const limit = doc.clientWidth;
    // The elements sticking out past the right edge, for the failure message.
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= limit + 1) continue;
      // Only the outermost: skip elements whose parent already sticks out, and those inside a scroll container of their own.
      const parent = el.parentElement;
      if (parent && parent.getBoundingClientRect().right > limit + 1) continue;
      let clipped = false;
      for (let p = el.parentElement; p && p !== main && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') clipped = true;
      }
      if (!clipped) culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}” (right ${Math.round(r.right)})`);
    }
    return {
      window: doc.scrollWidth - doc.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
      culprits: culprits.slice(0, 8),
    };
  });
}

/**
 * One screen at the current (zoomed) viewport: nothing scrolls sideways, neither the window nor the content pane
 * (a truly tabular table may scroll inside its own container), axe finds no serious or critical violation,
 * and a screenshot of what the person sees is kept (`axe: false` where the same page was just scanned). Soft assertions: one run lists every screen that does not fit.
 */
export async function expectReflows(page: Page, label: string, options: { axe?: ((page: Page, label: string) => Promise<void>) | false } = {}): Promise<void> {
  const size = page.viewportSize()!;
  const tag = `${label} at ${size.width}×${size.height}`;
  await page.screenshot({ path: test.info().outputPath(`${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${size.width}.png`) });
  const overflow = await sidewaysOverflow(page);
  expect.soft(overflow.window, `${tag}: the window scrolls sideways (${overflow.culprits.join(', ')})`).toBeLessThanOrEqual(0);
  expect.soft(overflow.main, `${tag}: the content pane scrolls sideways (${overflow.culprits.join(', ')})`).toBeLessThanOrEqual(0);
  if (options.axe !== false) await (options.axe ?? expectAccessible)(page, tag);
}
