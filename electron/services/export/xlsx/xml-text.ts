/**
 * Text as XML character data or attribute value. Characters XML 1.0 forbids
 * (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogate
 * halves) are dropped, as the ExcelJS writer did, since any one of them makes
 * Excel reject the whole file. CR is written as a reference: a literal CR
 * would reach the reader as LF (XML line-end normalisation). `>` is always
 * escaped, which also covers "]]>".
 */

// Most cell text needs nothing: one test, then the text as it is.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_WORK = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// A surrogate pair (emoji) is matched whole first, so only unpaired halves are dropped.
// eslint-disable-next-line no-control-regex -- as above
const WORK = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;

const REPLACEMENTS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

const replace = (m: string): string => (m.length === 2 ? m : (REPLACEMENTS[m] ?? ''));

export function escapeXml(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(WORK, replace) : text;
}
