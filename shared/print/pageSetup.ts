/**
 * Paper and margins, in inches: the unit Electron's printToPDF takes, and one
 * that CSS (@page, element heights) understands exactly, so the pagination we
 * compute is the pagination Chromium prints.
 */
export const PAPER_SIZES = ['Letter', 'A4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageSetup {
  size: PaperSize;
  landscape?: boolean;
  margins: Margins;
}

const PAPER_INCHES: Record<PaperSize, { width: number; height: number }> = {
  Letter: { width: 8.5, height: 11 },
  A4: { width: 210 / 25.4, height: 297 / 25.4 },
};

/** Room at top and bottom for Chromium's header and footer (title, page numbers). */
export const DEFAULT_MARGINS: Margins = { top: 0.75, right: 0.6, bottom: 0.75, left: 0.6 };

export const pageSetup = (size: PaperSize = 'Letter', landscape = false, margins: Margins = DEFAULT_MARGINS): PageSetup => ({ size, landscape, margins });

export interface PageBox {
  width: number;
  height: number;
  contentWidth: number;
  contentHeight: number;
}

export function pageBox(setup: PageSetup): PageBox {
  const paper = PAPER_INCHES[setup.size];
  const width = setup.landscape ? paper.height : paper.width;
  const height = setup.landscape ? paper.width : paper.height;
  const m = setup.margins;
  return { width, height, contentWidth: width - m.left - m.right, contentHeight: height - m.top - m.bottom };
}

/** CSS length in inches, trimmed of float noise. */
export const inches = (n: number): string => `${Number(n.toFixed(4))}in`;
