import { describe, expect, it } from 'vitest';
import { checkViewName, tidyViewName, VIEW_NAME_MAX, viewNameKey } from '../../../../shared/tickets/view-names';
import { LIST_VIEWS } from '../../../../shared/tickets/views';

const saved = [
  { id: 'v1', name: 'Court kiosks' },
  { id: 'v2', name: 'Jury — P1' },
];

const message = (r: ReturnType<typeof checkViewName>) => (r.ok ? null : r.error.fields?.name);

describe('saved view names', () => {
  it('are tidied: trimmed, one space for any run of white space, NFC', () => {
    expect(tidyViewName('  Dept.\t12 \n kiosks  ')).toBe('Dept. 12 kiosks');
    expect(tidyViewName('Me\u0301ndez')).toBe('M\u00e9ndez');
    // Typed decomposed on one keyboard and composed on another, it is the same name.
    expect(checkViewName('M\u00e9ndez', [{ id: 'v9', name: 'Me\u0301ndez' }]).ok).toBe(false);
    expect(viewNameKey(' COURT   Kiosks ')).toBe(viewNameKey('court kiosks'));
    expect(checkViewName('  Escalated   this week ', saved)).toEqual({ ok: true, value: 'Escalated this week' });
  });

  it('must not be empty', () => {
    for (const blank of ['', '   ', '\n\t', undefined, 42]) expect(message(checkViewName(blank, saved))).toBe('View name is required');
  });

  it(`are at most ${VIEW_NAME_MAX} characters once tidied`, () => {
    expect(checkViewName('x'.repeat(VIEW_NAME_MAX), saved).ok).toBe(true);
    expect(checkViewName(`  ${'x'.repeat(VIEW_NAME_MAX)}  `, saved).ok).toBe(true);
    const long = checkViewName('x'.repeat(VIEW_NAME_MAX + 1), saved);
    expect(long.ok).toBe(false);
    expect(message(long)).toBe(`View name is too long: ${VIEW_NAME_MAX + 1} characters, the limit is ${VIEW_NAME_MAX}`);
    if (!long.ok) expect(long.error.code).toBe('invalid_request');
  });

  it('are unique among saved views, ignoring case and spacing', () => {
    for (const same of ['court kiosks', 'COURT KIOSKS', '  Court   kiosks ', 'jury — p1']) {
      const r = checkViewName(same, saved);
      expect(r.ok, same).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('conflict');
    }
    expect(message(checkViewName('court kiosks', saved))).toBe('There is already a view named “Court kiosks”; choose another name');
    expect(checkViewName('Court kiosk', saved).ok).toBe(true);
    // Accents make a different name.
    expect(checkViewName('Jury — P1 é', saved).ok).toBe(true);
  });

  it('may not take a built-in view’s name', () => {
    for (const v of LIST_VIEWS) expect(message(checkViewName(v.name.toUpperCase(), []))).toBe(`There is already a view named “${v.name}”; choose another name`);
    expect(message(checkViewName('all open', []))).toMatch(/“All open”/);
  });

  it('let a renamed view keep its own name, in another case', () => {
    expect(checkViewName('COURT KIOSKS', saved, 'v1')).toEqual({ ok: true, value: 'COURT KIOSKS' });
    expect(checkViewName('court kiosks', saved, 'v2').ok).toBe(false);
    // A built-in view's id is never a saved view's, so renaming cannot free a built-in name.
    expect(checkViewName('My open', saved, 'my-open').ok).toBe(false);
  });
});
