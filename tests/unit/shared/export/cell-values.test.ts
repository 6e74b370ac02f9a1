import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsvText, toInstantMs, toXlsxCell, XLSX_MAX_TEXT } from '../../../../shared/export/cell-values';
import { checkColumns, INCIDENT_LOG_COLUMNS, pickColumns, WORK_LOG_COLUMNS, type ColumnDef, type ColumnType } from '../../../../shared/export/columns';

const c = (type: ColumnType): ColumnDef => ({ key: 'v', header: 'V', type, width: 10 });
const NY = 'America/New_York';

describe('XLSX cell values', () => {
  it('writes datetimes as Dates holding the wall clock of the zone', () => {
    const cell = toXlsxCell('2024-07-01T16:05:00Z', c('datetime'), NY);
    expect(cell).toBeInstanceOf(Date);
    expect((cell as Date).toISOString()).toBe('2024-07-01T12:05:00.000Z');
    expect((toXlsxCell(Date.parse('2024-01-01T05:00:00Z'), c('datetime'), NY) as Date).toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  it('writes calendar dates as midnight of that day, without shifting them by the zone', () => {
    expect((toXlsxCell('2024-02-29', c('date'), NY) as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(toXlsxCell('2024-02-30', c('date'), NY)).toBe('2024-02-30'); // not a day: kept as text, not dropped
  });

  it('keeps numbers, durations and booleans typed', () => {
    expect(toXlsxCell(90, c('duration_minutes'), NY)).toBe(90);
    expect(toXlsxCell('12', c('number'), NY)).toBe(12);
    expect(toXlsxCell(false, c('boolean'), NY)).toBe(false);
  });

  it('gives null for empty values and text for everything else', () => {
    expect(toXlsxCell(null, c('text'), NY)).toBeNull();
    expect(toXlsxCell([], c('text'), NY)).toBeNull();
    expect(toXlsxCell(['vpn', 'court'], c('text'), NY)).toBe('vpn; court');
    expect(toXlsxCell('=1+1', c('text'), NY)).toBe('=1+1'); // XLSX stores text as text: no guard needed
  });

  it('cuts text Excel would refuse', () => {
    const long = toXlsxCell('x'.repeat(40_000), c('text'), NY) as string;
    expect(long.length).toBe(XLSX_MAX_TEXT);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('instants', () => {
  const parsed = (s: string) => (Number.isNaN(Date.parse(s)) ? null : Date.parse(s));
  const pad = (n: number, w: number) => String(n).padStart(w, '0');

  it('reads toISOString text (its own fast path) exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(toInstantMs(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it('agrees with Date.parse on text of that shape with any digits: days past the month end, hour 24, month 13, year 0050', () => {
    const field = (max: number, w: number) => fc.integer({ min: 0, max }).map((n) => pad(n, w));
    const iso = fc
      .tuple(field(9999, 4), field(19, 2), field(39, 2), field(29, 2), field(69, 2), field(69, 2), field(999, 3))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    fc.assert(
      fc.property(iso, (s) => {
        expect(toInstantMs(s), s).toBe(parsed(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of ['2024-02-30T00:00:00.000Z', '2023-02-29T12:00:00.000Z', '2024-01-10T24:00:00.000Z', '0050-01-01T00:00:00.000Z', ' 2024-01-10T10:00:00.000Z ']) {
      expect(toInstantMs(s), s).toBe(parsed(s.trim()));
    }
    expect(toInstantMs('2024-01-10T10:00:00.000+02:00')).toBe(Date.UTC(2024, 0, 10, 8));
    expect(toInstantMs('2024-01-10 10:00:00.000Z')).toBeNull(); // not ISO: Date.parse would guess
  });
});

describe('CSV cell text', () => {
  it('formats typed values the way spreadsheet programs read them', () => {
    expect(toCsvText('2024-07-01T16:05:09.123Z', c('datetime'), NY)).toBe('2024-07-01 12:05:09');
    expect(toCsvText('2024-07-01', c('date'), NY)).toBe('2024-07-01');
    expect(toCsvText(true, c('boolean'), NY)).toBe('TRUE');
    expect(toCsvText(-5, c('number'), NY)).toBe('-5');
    expect(toCsvText(undefined, c('number'), NY)).toBe('');
  });

  it('guards text that would run as a formula, but not numbers it formatted itself', () => {
    expect(toCsvText('=HYPERLINK("http://x")', c('text'), NY)).toBe('\'=HYPERLINK("http://x")');
    expect(toCsvText('-oops', c('number'), NY)).toBe("'-oops");
    expect(toCsvText(-3, c('duration_minutes'), NY)).toBe('-3');
  });
});

describe('column sets', () => {
  it('has the default incident-log columns of the issue, with unique keys and headers', () => {
    expect(INCIDENT_LOG_COLUMNS).toHaveLength(35); // issue 20 added Description, Channel and the requester's email and phone
    expect(checkColumns(INCIDENT_LOG_COLUMNS)).toEqual([]);
    expect(checkColumns(WORK_LOG_COLUMNS)).toEqual([]);
    expect(INCIDENT_LOG_COLUMNS.find((x) => x.key === 'timeSpentMinutes')?.type).toBe('duration_minutes');
  });

  it('reports problems and unknown keys instead of ignoring them', () => {
    expect(checkColumns([c('text'), { ...c('text'), header: ' v ' }])).toEqual(['Column key "v" appears twice', 'Column header " v " appears twice']);
    expect(checkColumns([])).toEqual(['No columns chosen']);
    expect(pickColumns(INCIDENT_LOG_COLUMNS, ['title', 'nope', 'number'])).toEqual({
      columns: [INCIDENT_LOG_COLUMNS[4], INCIDENT_LOG_COLUMNS[0]],
      unknown: ['nope'],
    });
  });
});
