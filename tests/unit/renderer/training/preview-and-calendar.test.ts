// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { addMonths, byDay, monthGrid, weekOf } from '../../../../renderer/src/features/training/calendar';
import { previewParts } from '../../../../renderer/src/features/training/preview-doc';
import { startText } from '../../../../renderer/src/features/training/session-text';
import { parseTrainingHash, trainingHref } from '../../../../renderer/src/features/training/training-route';
import { handoutHtml } from '../../../../shared/training/print/handout';
import { pageSetup } from '../../../../shared/print/pageSetup';

describe('print preview parts', () => {
  const material = { kind: 'handout' as const, title: 'Filing "quotes" <b>', system: 'Odyssey', version: 2, images: [] };

  it('moves the template CSS and table alignment into a stylesheet and keeps the markup', () => {
    const { html } = handoutHtml({ material: { ...material, body: '| A | B |\n|---|--:|\n| 1 | 2 |\n\n<style>body{display:none}</style>' }, setup: pageSetup('Letter'), fonts: [] });
    const parts = previewParts(html, pageSetup('Letter'));
    expect(parts.markup).not.toMatch(/<style|style="|<meta/);
    expect(parts.markup).toContain('<h1>Filing "quotes" &lt;b&gt;</h1>');
    expect(parts.markup).toContain('data-fd-align="right"');
    expect(parts.css).toContain('.doc-head h1');
    expect(parts.css).toContain('[data-fd-align="right"]{text-align:right}');
    // The hostile <style> in the Markdown stayed text, so its rule is not in the sheet.
    expect(parts.css).not.toContain('display:none');
    expect(parts.markup).toContain('&lt;style&gt;body{display:none}&lt;/style&gt;');
    expect(parts.css).toContain('width: 8.5in');
  });

  it('drops event handlers, scripts and any style attribute that is not a column alignment', () => {
    const parts = previewParts('<html><head><script>x()</script></head><body><p onclick="x()" style="background:url(https://evil.example/)">a</p><td style="text-align:center">b</td></body></html>', pageSetup('A4'));
    expect(parts.markup).not.toMatch(/onclick|script|evil\.example/);
    expect(parts.css).not.toContain('evil.example');
  });
});

describe('calendar arithmetic', () => {
  it('lays out whole Sunday-first weeks covering the month', () => {
    const weeks = monthGrid('2026-03-10');
    expect(weeks[0]![0]).toBe('2026-03-01'); // March 2026 starts on a Sunday
    expect(weeks.at(-1)!.at(-1)).toBe('2026-04-04');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weekOf('2026-03-11')).toEqual(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
  });

  it('puts a session on the day it meets where it meets, sorted by start', () => {
    const days = byDay([
      { id: 'b', startLocal: '2026-03-10T13:00' },
      { id: 'a', startLocal: '2026-03-10T09:00' },
      { id: 'c', startLocal: '2026-03-11T23:30' },
    ]);
    expect([...days.keys()]).toEqual(['2026-03-10', '2026-03-11']);
    expect(days.get('2026-03-10')!.map((s) => s.id)).toEqual(['a', 'b']);
    expect(startText({ startLocal: '2026-03-11T00:05' })).toBe('12:05 AM');
    expect(startText({ startLocal: '2026-03-11T13:30' })).toBe('1:30 PM');
  });
});

describe('training sub-routes', () => {
  it('round-trips every view through the hash and falls back to the session list', () => {
    for (const r of [{ view: 'sessions' }, { view: 'calendar' }, { view: 'courses' }, { view: 'handouts' }, { view: 'session', id: 'abc-1' }, { view: 'handout', id: 'x y' }] as const) {
      expect(parseTrainingHash(trainingHref(r))).toEqual(r);
    }
    expect(parseTrainingHash('#/training/session')).toEqual({ view: 'sessions' });
    expect(parseTrainingHash('#/training/nonsense')).toEqual({ view: 'sessions' });
  });
});
