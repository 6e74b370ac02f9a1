import { formatSessionWhen } from '../format';
import type { SessionTiming } from '../session';
import { escapeHtml } from '../../print/escapeHtml';
import { paginateRows, rowsPerPage, type Page, type RowLayout } from '../../print/paginate';
import { inches, type PageSetup } from '../../print/pageSetup';
import { buildPrintHtml, type PrintFont } from '../../print/printHtml';

export interface SignInRow {
  name: string;
  agency?: string;
}

export interface SignInSheetInput {
  courseTitle: string;
  system?: string;
  session: SessionTiming & { location: string; onlineUrl: string };
  trainerNames: readonly string[];
  attendees: readonly SignInRow[];
  /** Blank rows for walk-ins (at least this many; the last page is filled out too). */
  blankRows?: number;
  setup: PageSetup;
  fonts: readonly PrintFont[];
  locale?: string;
}

export const DEFAULT_BLANK_ROWS = 5;

/** The sheet's fixed heights (inches): the CSS below uses them, so the computed page breaks are the printed ones. */
export const SIGN_IN_LAYOUT: RowLayout = { headerIn: 1.45, columnHeadIn: 0.32, rowIn: 0.42, slackIn: 0.12 };

/** Alphabetical by name, so people find themselves quickly at the door. */
export const sortRoster = (rows: readonly SignInRow[], locale = 'en-US'): SignInRow[] =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name, locale, { sensitivity: 'base' }));

/** The pages the sheet will print, before any HTML: what tests and the print preview count. */
export function signInSheetPages(input: Pick<SignInSheetInput, 'attendees' | 'blankRows' | 'setup' | 'locale'>): Page<SignInRow>[] {
  return paginateRows(sortRoster(input.attendees, input.locale), rowsPerPage(input.setup, SIGN_IN_LAYOUT), input.blankRows ?? DEFAULT_BLANK_ROWS);
}

const css = () => {
  const L = SIGN_IN_LAYOUT;
  return `
.sheet-head { height: ${inches(L.headerIn)}; overflow: hidden; padding-bottom: 0.08in; }
.sheet-head .top { display: flex; justify-content: space-between; align-items: baseline; }
.sheet-head h1 { margin: 0; font-size: 16pt; }
.sheet-head .sheet-no { font-size: 9pt; color: #444; white-space: nowrap; }
.sheet-head .course { font-size: 11.5pt; line-height: 1.15; font-weight: 600; margin: 0.02in 0 0.04in; }
/* Long names (an agency, a courthouse address) wrap onto a second line rather than being cut; the fixed heights stay. */
.clamp2, .clamp3 { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; overflow-wrap: anywhere; }
.clamp3 { -webkit-line-clamp: 3; }
/* The date takes what it needs and the time the rest: a session past midnight prints both dates in its time. */
.sheet-head dl { display: grid; grid-template-columns: auto auto auto 1fr; gap: 0.02in 0.12in; margin: 0; font-size: 9.5pt; line-height: 1.15; }
.sheet-head dt { font-weight: 600; color: #333; }
.sheet-head dd { margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sheet-head dd.wide { grid-column: span 3; white-space: normal; line-height: 1.2; }
table.roster { table-layout: fixed; width: 100%; margin: 0; }
table.roster th { height: ${inches(L.columnHeadIn)}; padding: 0 6px; vertical-align: middle; font-size: 9pt; }
table.roster td { height: ${inches(L.rowIn)}; padding: 0 6px; vertical-align: middle; font-size: 10pt; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.roster td.num { color: #666; font-size: 8.5pt; text-align: right; }
table.roster td.wrap { white-space: normal; font-size: 9pt; line-height: 1.1; }
table.roster td.wrap.agency { font-size: 8.5pt; }
table.roster col.num { width: 0.4in; } table.roster col.name { width: 27%; } table.roster col.agency { width: 37%; }
`;
};

function rowHtml(row: SignInRow | null, n: number): string {
  if (!row) return `<tr class="blank"><td class="num">${n}</td><td></td><td></td><td></td></tr>`;
  // Name and agency wrap to two lines: "Superior Court of California, County of Contra Costa" is printed whole.
  return `<tr><td class="num">${n}</td><td class="wrap"><div class="clamp2">${escapeHtml(row.name)}</div></td><td class="wrap agency"><div class="clamp3">${escapeHtml(row.agency ?? '')}</div></td><td></td></tr>`;
}

/** A sign-in sheet: the roster with signature lines, and the sheet header repeated on every page. */
export function signInSheetHtml(input: SignInSheetInput): string {
  const pages = signInSheetPages(input);
  const when = formatSessionWhen(input.session, input.locale);
  const where = input.session.location || input.session.onlineUrl;
  const trainers = input.trainerNames.join(', ');
  const course = input.system ? `${input.courseTitle} — ${input.system}` : input.courseTitle;
  const head = (p: Page<SignInRow>) => `<header class="sheet-head">
<div class="top"><h1>Sign-in sheet</h1><span class="sheet-no">Sheet ${p.number} of ${p.total}</span></div>
<div class="course clamp2">${escapeHtml(course)}</div>
<dl>
<dt>Date</dt><dd>${escapeHtml(when?.date ?? input.session.startLocal)}</dd>
<dt>Time</dt><dd>${escapeHtml(when?.time ?? '')}</dd>
<dt>Location</dt><dd class="wide"><div class="clamp2">${escapeHtml(where)}</div></dd>
<dt>${input.trainerNames.length > 1 ? 'Trainers' : 'Trainer'}</dt><dd class="wide"><div class="clamp2">${escapeHtml(trainers)}</div></dd>
</dl>
</header>`;
  const body = pages
    .map(
      (p) => `<section class="page sheet">
${head(p)}
<table class="roster"><colgroup><col class="num"><col class="name"><col class="agency"><col class="sig"></colgroup>
<thead><tr><th>#</th><th>Name</th><th>Agency / office</th><th>Signature</th></tr></thead>
<tbody>
${p.rows.map((r, i) => rowHtml(r, p.firstRowNumber + i)).join('\n')}
</tbody></table>
</section>`,
    )
    .join('\n');
  return buildPrintHtml({ title: `Sign-in sheet: ${input.courseTitle}`, setup: input.setup, fonts: input.fonts, css: css(), body });
}
