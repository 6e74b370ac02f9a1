import { describe, expect, it } from 'vitest';
import { parseCell, type CellParseOptions } from '../../../../shared/import/cell-parse';

const csv: CellParseOptions = { timeZone: 'America/New_York', source: 'csv' };
const xlsx: CellParseOptions = { timeZone: 'America/New_York', source: 'xlsx' };
const value = (r: ReturnType<typeof parseCell>) => (r.ok ? r.value : `ERR ${r.message}`);

describe('parseCell', () => {
  it('turns blank cells into undefined so schema defaults apply', () => {
    expect(value(parseCell('  ', 'text', csv))).toBeUndefined();
    expect(value(parseCell(null, 'number', xlsx))).toBeUndefined();
  });

  it('undoes the formula guard in CSV text only', () => {
    expect(value(parseCell("'=1+1", 'text', csv))).toBe('=1+1');
    expect(value(parseCell("'=1+1", 'text', xlsx))).toBe("'=1+1");
  });

  it('reads datetimes as wall clock in the given zone, or as instants when they carry a zone', () => {
    expect(value(parseCell('2024-07-01 12:05:09', 'datetime', csv))).toBe('2024-07-01T16:05:09.000Z');
    expect(value(parseCell('2024-07-01T12:05', 'datetime', csv))).toBe('2024-07-01T16:05:00.000Z');
    expect(value(parseCell('2024-07-01T12:05:00Z', 'datetime', csv))).toBe('2024-07-01T12:05:00.000Z');
    expect(value(parseCell(new Date(Date.UTC(2024, 0, 2, 9, 30)), 'datetime', xlsx))).toBe('2024-01-02T14:30:00.000Z');
    expect(value(parseCell(45292.5, 'datetime', xlsx))).toBe('2024-01-01T17:00:00.000Z'); // serial without a date format
  });

  it('reports dates that are not dates, and refuses to guess day and month', () => {
    expect(value(parseCell('2024-02-30', 'date', csv))).toBe('ERR Not a date: "2024-02-30" (use YYYY-MM-DD)');
    expect(value(parseCell('03/04/2024', 'date', csv))).toMatch(/^ERR Not a date/);
    expect(value(parseCell('03/04/2024', 'date', { ...csv, dateOrder: 'dmy' }))).toBe('2024-04-03');
    expect(value(parseCell('03/04/2024', 'date', { ...csv, dateOrder: 'mdy' }))).toBe('2024-03-04');
    expect(value(parseCell('yesterday', 'datetime', csv))).toBe('ERR Not a date and time: "yesterday" (use YYYY-MM-DD HH:MM)');
    expect(value(parseCell('2024-07-01 10:00', 'date', csv))).toMatch(/without a time/);
  });

  it('reads numbers, minutes and yes/no strictly', () => {
    expect(value(parseCell('12.5', 'number', csv))).toBe(12.5);
    expect(value(parseCell('1,234', 'number', csv))).toBe('ERR Not a number: "1,234"');
    expect(value(parseCell('1:30', 'duration_minutes', csv))).toBe(90);
    expect(value(parseCell('-5', 'duration_minutes', csv))).toBe('ERR Minutes cannot be negative');
    expect(value(parseCell('Yes', 'boolean', csv))).toBe(true);
    expect(value(parseCell('FALSE', 'boolean', csv))).toBe(false);
    expect(value(parseCell('maybe', 'boolean', csv))).toBe('ERR Not yes/no: "maybe"');
  });

  it('passes on a problem the file reader found', () => {
    expect(value(parseCell({ problem: 'formula without a value' }, 'text', xlsx))).toBe('ERR formula without a value');
  });
});
