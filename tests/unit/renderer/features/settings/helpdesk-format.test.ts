import { describe, expect, it } from 'vitest';
import { formatCategories, formatDuration, formatHours, parseCategories, parseDuration, parseHours, summariseWeek } from '../../../../../renderer/src/features/settings/helpdesk/format';

describe('help-desk settings text formats', () => {
  it('reads SLA targets as business minutes and writes them back', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('30m')).toBe(30);
    expect(parseDuration('4h')).toBe(240);
    expect(parseDuration(' 1h 30m ')).toBe(90);
    expect(parseDuration('1h30min')).toBe(90);
    expect(parseDuration('1.5 hours')).toBe(90);
    expect(parseDuration('1,5h')).toBe(90);
    for (const bad of ['', 'soon', 'h', '4 days', '-5m', '1h 30']) expect(parseDuration(bad)).toBeNaN();
    expect([45, 60, 90, 2400].map(formatDuration)).toEqual(['45m', '1h', '1h 30m', '40h']);
    for (const m of [1, 59, 61, 480, 527_040]) expect(parseDuration(formatDuration(m))).toBe(m);
  });

  it('reads a day’s working hours, several intervals or none, and summarises a week', () => {
    expect(parseHours('')).toEqual([]);
    expect(parseHours('8:00-12:00, 13:00 – 17:00')).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(parseHours('09:00 to 24:00')).toEqual([{ start: '09:00', end: '24:00' }]);
    expect(parseHours('all day')).toBeNull();
    const day = [{ start: '08:00', end: '17:00' }];
    expect(formatHours(day)).toBe('08:00-17:00');
    expect(summariseWeek({ sun: [], mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ start: '09:00', end: '12:00' }] })).toBe('Mon–Fri 08:00-17:00; Sat 09:00-12:00');
    expect(summariseWeek({ sun: [], mon: day, tue: [], wed: day, thu: [], fri: [], sat: [] })).toBe('Mon 08:00-17:00; Wed 08:00-17:00');
  });

  it('reads a system’s categories one a line or separated by commas, each once, and writes them one a line', () => {
    expect(parseCategories('Printing, Login\n  Filing rejected \r\nprinting,,\n\n')).toEqual(['Printing', 'Login', 'Filing rejected']);
    expect(parseCategories('   ')).toEqual([]);
    expect(formatCategories(['Printing', 'Login'])).toBe('Printing\nLogin');
    expect(parseCategories(formatCategories(['Printing', 'Login', 'Filing rejected']))).toEqual(['Printing', 'Login', 'Filing rejected']);
  });
});
