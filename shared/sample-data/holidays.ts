import { dayOfIsoDate, isoDateOfDay, weekdayOfDay } from '../tickets/calendar';

/**
 * California court and school holidays, approximately: the fixed-date and
 * n-th-weekday holidays most public agencies close for, moved to Friday or
 * Monday when they fall on a weekend. Sample data only; a real calendar is
 * edited in Settings.
 */

function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayOfIsoDate(`${year}-${String(month).padStart(2, '0')}-01`);
  const offset = (weekday - weekdayOfDay(first) + 7) % 7;
  return first + offset + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, weekday: number): number {
  const nextMonth = month === 12 ? dayOfIsoDate(`${year + 1}-01-01`) : dayOfIsoDate(`${year}-${String(month + 1).padStart(2, '0')}-01`);
  const last = nextMonth - 1;
  return last - ((weekdayOfDay(last) - weekday + 7) % 7);
}

function observed(day: number): number {
  const wd = weekdayOfDay(day);
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
}

const fixed = (year: number, mmdd: string) => observed(dayOfIsoDate(`${year}-${mmdd}`));

export function publicHolidays(year: number, kind: 'court' | 'school'): string[] {
  const days = [
    fixed(year, '01-01'),
    nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekday(year, 2, 1, 3), // Presidents' Day
    lastWeekday(year, 5, 1), // Memorial Day
    fixed(year, '07-04'),
    nthWeekday(year, 9, 1, 1), // Labor Day
    fixed(year, '11-11'),
    nthWeekday(year, 11, 4, 4), // Thanksgiving
    nthWeekday(year, 11, 4, 4) + 1,
    fixed(year, '12-25'),
  ];
  if (kind === 'court') {
    days.push(fixed(year, '02-12'), fixed(year, '03-31'), nthWeekday(year, 9, 5, 4), fixed(year, '06-19'));
  } else {
    // Winter break: the week between Christmas and New Year.
    for (let d = dayOfIsoDate(`${year}-12-26`); d <= dayOfIsoDate(`${year}-12-31`); d++) if (weekdayOfDay(d) % 6 !== 0) days.push(d);
  }
  return [...new Set(days)].sort((a, b) => a - b).map(isoDateOfDay);
}
