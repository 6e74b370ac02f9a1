import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrintFonts, printFontFiles } from '../../../../../electron/services/print/printFonts';
import { fontFaceCss } from '../../../../../shared/print/printHtml';

describe('print fonts', () => {
  it('ships every font file the loader needs, with its licence', () => {
    for (const f of printFontFiles()) {
      const bytes = readFileSync(resolve('resources/fonts', f.file));
      expect(bytes.subarray(0, 4).toString('latin1'), f.file).toBe('wOF2');
    }
    expect(readFileSync(resolve('resources/fonts/OFL.txt'), 'utf8')).toMatch(/SIL Open Font License, Version 1\.1/);
  });

  it('loads them as woff2 data URIs that the templates accept', async () => {
    const fonts = await loadPrintFonts(resolve('resources/fonts'));
    expect(fonts.ok).toBe(true);
    if (!fonts.ok) return;
    expect(fonts.value.map((f) => f.weight).sort()).toEqual([400, 400, 400, 600, 600, 600, 700, 700, 700]);
    for (const f of fonts.value) expect(f.src).toMatch(/^data:font\/woff2;base64,d09GMg/); // "wOF2"
    expect(fontFaceCss(fonts.value).match(/@font-face/g)).toHaveLength(9);
  });

  it('reports a missing fonts folder', async () => {
    const fonts = await loadPrintFonts(resolve('resources/no-such-fonts'));
    expect(fonts).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
