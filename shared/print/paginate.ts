import { pageBox, type PageSetup } from './pageSetup';

/**
 * Explicit pagination for printed tables with a header on every page. We
 * decide the page breaks (not Chromium) so each page gets the full sheet
 * header and the count is known before printing; fixed row heights in
 * inches make the computed breaks the printed ones.
 */

export interface RowLayout {
  /** Height of the header block repeated on every page. */
  headerIn: number;
  /** Height of the table's column-heading row. */
  columnHeadIn: number;
  rowIn: number;
  /** Slack so rounding in Chromium's layout never pushes a row over. */
  slackIn: number;
}

/** How many rows of `layout` fit on a page (each layout, e.g. the sign-in sheet's, lives with its document). */
export function rowsPerPage(setup: PageSetup, layout: RowLayout): number {
  const usable = pageBox(setup).contentHeight - layout.headerIn - layout.columnHeadIn - layout.slackIn;
  return Math.max(1, Math.floor(usable / layout.rowIn + 1e-9));
}

export interface Page<T> {
  /** 1-based. */
  number: number;
  total: number;
  /** null is a blank row (for a walk-in to fill in by hand). */
  rows: (T | null)[];
  /** Row number (1-based, across pages) of the first row. */
  firstRowNumber: number;
}

/**
 * Split rows into pages of `perPage`, then add at least `blankRows` blank
 * rows; with `fillLastPage`, blanks also fill out the last page (the paper is
 * there anyway). Always at least one page, so an empty roster still prints a sheet.
 */
export function paginateRows<T>(rows: readonly T[], perPage: number, blankRows = 0, fillLastPage = true): Page<T>[] {
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError('perPage must be a positive integer');
  const all: (T | null)[] = [...rows, ...Array.from({ length: Math.max(0, Math.floor(blankRows)) }, () => null)];
  if (all.length === 0) all.push(null);
  if (fillLastPage) while (all.length % perPage !== 0) all.push(null);
  const total = Math.ceil(all.length / perPage);
  return Array.from({ length: total }, (_, i) => ({
    number: i + 1,
    total,
    rows: all.slice(i * perPage, (i + 1) * perPage),
    firstRowNumber: i * perPage + 1,
  }));
}
