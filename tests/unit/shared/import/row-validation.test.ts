import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonInputSchema } from '../../../../shared/people/schema';
import { DuplicateTracker, uniqueKeyFromValues } from '../../../../shared/import/duplicates';
import type { ImportField } from '../../../../shared/import/mapping';
import { validateRow, type RowPlan } from '../../../../shared/import/row-validation';

const PEOPLE_FIELDS: ImportField[] = [
  { key: 'name', header: 'Name', type: 'text', width: 20, required: true },
  { key: 'email', header: 'Email', type: 'text', width: 20 },
  { key: 'kind', header: 'Kind', type: 'text', width: 10 },
];

// A stand-in for the ticket schema another engineer is writing: enums, dates and a number.
const TicketLike = z.object({
  number: z.string().min(1),
  title: z.string().trim().min(1, 'Title is required'),
  priority: z.enum(['low', 'medium', 'high', 'critical']),
  createdAt: z.iso.datetime(),
  dueOn: z.string().optional(),
  timeSpentMinutes: z.number().int().nonnegative().default(0),
});
const TICKET_FIELDS: ImportField[] = [
  { key: 'number', header: 'Number', type: 'text', width: 10, required: true },
  { key: 'title', header: 'Title', type: 'text', width: 30 },
  { key: 'priority', header: 'Priority', type: 'text', width: 10 },
  { key: 'createdAt', header: 'Created', type: 'datetime', width: 17 },
  { key: 'dueOn', header: 'Due', type: 'date', width: 12 },
  { key: 'timeSpentMinutes', header: 'Time spent (minutes)', type: 'duration_minutes', width: 10 },
];

function plan<S extends z.ZodType>(schema: S, fields: ImportField[], headers: string[]): RowPlan<S> {
  return { schema, fields, headers, mapping: Object.fromEntries(fields.map((f) => [f.key, headers.indexOf(f.header)]).filter(([, i]) => (i as number) >= 0)), cell: { timeZone: 'UTC', source: 'csv' } };
}

describe('validateRow with the people schema', () => {
  const p = plan(PersonInputSchema, PEOPLE_FIELDS, ['Name', 'Email', 'Kind']);

  it('returns the parsed record with defaults applied', () => {
    expect(validateRow([' Ana Ruiz ', 'ana@court.gov', ''], p)).toEqual({
      ok: true,
      record: { name: 'Ana Ruiz', email: 'ana@court.gov', phone: '', agency: '', site: '', title: '', kind: 'requester' },
    });
  });

  it('reports a missing required value, a bad email and an unknown kind together, by file column', () => {
    expect(validateRow(['', 'not-an-email', 'boss'], p)).toEqual({
      ok: false,
      errors: [
        { column: 'Name', field: 'name', message: 'Missing Name' },
        { column: 'Email', field: 'email', message: 'Not a valid email address' },
        { column: 'Kind', field: 'kind', message: 'Unknown kind "boss"; expected one of: requester, staff' },
      ],
    });
  });
});

describe('validateRow with a ticket-like schema', () => {
  const p = plan(TicketLike, TICKET_FIELDS, ['Number', 'Title', 'Priority', 'Created', 'Due', 'Time spent (minutes)']);

  it('converts typed cells before the schema sees them', () => {
    expect(validateRow(['INC-1', 'VPN down', 'high', '2024-05-01 08:00', '2024-05-03', '45'], p)).toEqual({
      ok: true,
      record: { number: 'INC-1', title: 'VPN down', priority: 'high', createdAt: '2024-05-01T08:00:00.000Z', dueOn: '2024-05-03', timeSpentMinutes: 45 },
    });
  });

  it('reports a bad date once (not again as a schema error) next to an unknown priority', () => {
    const out = validateRow(['INC-2', 'Printer', 'urgent!!', '31/31/2024', '', ''], p);
    expect(out).toEqual({
      ok: false,
      errors: [
        { column: 'Created', field: 'createdAt', message: 'Not a date and time: "31/31/2024" (use YYYY-MM-DD HH:MM)' },
        { column: 'Priority', field: 'priority', message: 'Unknown priority "urgent!!"; expected one of: low, medium, high, critical' },
      ],
    });
  });
});

describe('DuplicateTracker', () => {
  it('flags the second occurrence within the file, ignoring case and spacing', () => {
    const t = new DuplicateTracker({ fields: ['email'], label: 'email' });
    expect(t.check({ email: 'Ana@Court.gov' }, 2)).toBeNull();
    expect(t.check({ email: ' ana@court.gov' }, 7)).toBe('Duplicate: row 2 has the same email " ana@court.gov"');
  });

  it('flags records that already exist, and never treats blank keys as duplicates', () => {
    const t = new DuplicateTracker({ fields: ['number'], caseInsensitive: false }, ['INC-1']);
    expect(t.check({ number: 'INC-1' }, 2)).toMatch(/^Already exists/);
    expect(t.check({ number: 'inc-1' }, 3)).toBeNull();
    expect(t.check({ number: '' }, 4)).toBeNull();
    expect(t.check({ number: '' }, 5)).toBeNull();
  });

  it('compares composite keys field by field', () => {
    const t = new DuplicateTracker({ fields: ['name', 'site'] }, [['Bo', 'North']]);
    expect(t.check({ name: 'bo', site: 'north' }, 2)).toMatch(/^Already exists/);
    expect(t.check({ name: 'bo', site: 'south' }, 3)).toBeNull();
    expect(uniqueKeyFromValues(['a', 'b'], {})).not.toBe(uniqueKeyFromValues(['a b', ''], {}));
  });
});
