import { useEffect, useRef } from 'react';
import type { PageSetup } from '../../../../shared/print/pageSetup';
import { pageBox } from '../../../../shared/print/pageSetup';
import { previewParts } from './preview-doc';

const PX_PER_INCH = 96;

/**
 * A live preview of a printout: the shared template's HTML in a frame that
 * may run no script (sandbox without allow-scripts). allow-same-origin lets
 * this page, not the frame, put the markup and CSS in; nothing inside can act.
 */
export function PrintPreview({ html, setup, title }: { html: string; setup: PageSetup; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const el = frame.current;
    const doc = el?.contentDocument;
    const win = el?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!el || !doc || !win) return;
    const parts = previewParts(html, setup);
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(parts.css);
    doc.adoptedStyleSheets = [sheet];
    doc.documentElement.innerHTML = parts.markup;
    doc.documentElement.lang = 'en';
    // Fit the sheet of paper to the column.
    const fit = () => {
      const pagePx = (pageBox(setup).width + 0.4) * PX_PER_INCH;
      doc.documentElement.style.zoom = String(Math.min(1, Math.max(0.3, el.clientWidth / pagePx)));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [html, setup]);

  return <iframe ref={frame} className="print-preview" sandbox="allow-same-origin" title={title} />;
}
