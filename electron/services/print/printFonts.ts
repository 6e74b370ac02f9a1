import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result';
import type { PrintFont } from '../../../shared/print/printHtml';

/**
 * The Inter files shipped in resources/fonts, as data: URIs for the print
 * templates. Embedding (rather than file:// URLs) works in any window,
 * including one loaded from a data: or custom-protocol URL, and keeps the
 * printed output identical offline. Unicode ranges are @fontsource's, so
 * Chromium only uses the subsets a document needs.
 */
const SUBSETS = [
  { name: 'latin', range: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD' },
  { name: 'latin-ext', range: 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF' },
  { name: 'vietnamese', range: 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB' },
] as const;
const WEIGHTS = [400, 600, 700] as const;

export const printFontFiles = (): { file: string; weight: PrintFont['weight']; unicodeRange: string }[] =>
  WEIGHTS.flatMap((weight) => SUBSETS.map((s) => ({ file: `inter-${s.name}-${weight}-normal.woff2`, weight, unicodeRange: s.range })));

let cache: { dir: string; fonts: PrintFont[] } | null = null;

/** Load the print fonts from `fontsDir` (resources/fonts in the app). Cached: the files never change while running. */
export async function loadPrintFonts(fontsDir: string): Promise<Result<PrintFont[]>> {
  if (cache?.dir === fontsDir) return ok(cache.fonts);
  try {
    const fonts = await Promise.all(
      printFontFiles().map(async (f) => ({
        weight: f.weight,
        unicodeRange: f.unicodeRange,
        src: `data:font/woff2;base64,${(await readFile(join(fontsDir, f.file))).toString('base64')}`,
      })),
    );
    cache = { dir: fontsDir, fonts };
    return ok(fonts);
  } catch (e) {
    return err('unavailable', `The print fonts are missing from ${fontsDir}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
