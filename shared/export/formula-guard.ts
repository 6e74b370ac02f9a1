/**
 * Spreadsheet programs treat a CSV cell that starts with = + - @ (and, in some,
 * a leading tab or CR) as a formula, so a ticket title such as
 * `=HYPERLINK("http://evil", "click")` would run when a supervisor opens the
 * export. A leading apostrophe makes the program show the text as typed.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function guardFormula(text: string): string {
  return startsWithTrigger(text) || isGuarded(text) ? `'${text}` : text;
}

const startsWithTrigger = (text: string) => text.length > 0 && TRIGGERS.has(text[0]!);
const isGuarded = (text: string) => text.length > 1 && text[0] === "'" && TRIGGERS.has(text[1]!);

/**
 * Import undoes the guard so that export → import gives back the same text.
 * Only an apostrophe followed by a trigger character is removed: that is
 * exactly what the guard produces (it also guards text that already looks
 * guarded, so the two are exact inverses), and an apostrophe a person typed
 * before ordinary text is kept.
 */
export function unguardFormula(text: string): string {
  return isGuarded(text) ? text.slice(1) : text;
}
