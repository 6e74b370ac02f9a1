import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExport } from '../../../../../electron/services/export/export-session';
import { dryRunImport, previewImport } from '../../../../../electron/services/import/import-service';
import { INCIDENT_LOG_COLUMNS, WORK_LOG_COLUMNS, splitZoneHeader } from '../../../../../shared/export/columns';
import { incidentRow, workLogRow, type IncidentLookups } from '../../../../../shared/export/incident-row';
import { IMPORT_DATASETS } from '../../../../../shared/import/datasets';
import type { WorkLogEntry } from '../../../../../shared/tickets/worklog';
import { makeTicket } from '../../../shared/tickets/fixtures';
import { tempDir } from './sample-rows';

/**
 * The incident log a review board reads: the labels users see, names and
 * contact details instead of ids, the time zone of every time said in the
 * header and the About sheet (or UTC on request). Written by the real
 * writers and read back cell by cell.
 */
const DEVICE = '019a5101-ddf7-7000-8000-00000000d0d0';
const lookups: IncidentLookups = {
  person: (id) =>
    id === 'person-1'
      ? { name: 'Ana Ruiz', agency: 'Superior Court of Contra Costa', email: 'ana.ruiz@cc-courts.example.gov', phone: '(925) 555-0142' }
      : id === DEVICE
        ? { name: 'Jordan Avila', agency: '' } // the person at this device, by the device's id (no staff record yet)
        : undefined,
  team: (id) => (id === 'team-1' ? 'Service desk' : undefined),
  site: () => 'Hall of Justice',
  system: () => 'Odyssey',
};

const ticket = makeTicket(
  { title: 'Clerk cannot e-file', description: 'Uploads fail with "invalid PDF".\nSince Monday.', type: 'service_request', channel: 'walk_in', impact: 'medium', urgency: 'low' },
  {},
  { status: 'pending', pendingReason: 'waiting_on_requester', teamId: 'team-1', assigneeId: DEVICE, resolution: null },
);
const entry: WorkLogEntry = {
  id: 'wl-1',
  ticketId: ticket.id,
  kind: 'internal_note',
  body: 'Asked for the file.',
  minutes: 10,
  authorId: DEVICE,
  at: '2025-01-13T18:30:00.000Z',
  copiedFrom: null,
  stamps: {},
  deleted: 0,
} as WorkLogEntry;

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

async function write(format: 'xlsx' | 'csv', timeZone: string) {
  const path = join(t.dir, `log-${timeZone.replace('/', '-')}.${format}`);
  const rows = [incidentRow(ticket, [entry], lookups, '2025-01-14T00:00:00.000Z')];
  const res = await runExport(
    { format, path, columns: INCIDENT_LOG_COLUMNS, meta: { exportedBy: 'Jordan Avila', scope: 'Whole incident log', timeZone }, workLog: { columns: WORK_LOG_COLUMNS } },
    [rows],
    [[workLogRow(entry, ticket.number, lookups)]],
  );
  if (!res.ok) throw new Error(res.error.message);
  return path;
}

const EXPECTED: Record<string, string> = {
  Type: 'Service request',
  Title: 'Clerk cannot e-file',
  Description: 'Uploads fail with "invalid PDF".\nSince Monday.',
  Channel: 'Walk-in',
  Requester: 'Ana Ruiz',
  'Requester email': 'ana.ruiz@cc-courts.example.gov',
  'Requester phone': '(925) 555-0142',
  'Agency/Court': 'Superior Court of Contra Costa',
  Impact: 'Medium',
  Urgency: 'Low',
  Status: 'Pending',
  'Pending reason': 'Waiting on requester',
  Team: 'Service desk',
  Assignee: 'Jordan Avila',
};

describe('incident log: the words users see, names, contact details and the time zone', () => {
  it('XLSX, read back cell by cell, in the computer’s zone', async () => {
    const path = await write('xlsx', 'America/Los_Angeles');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('Incidents')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const cell = (h: string) => sheet.getRow(2).getCell(headers.indexOf(h) + 1).value;
    for (const [h, v] of Object.entries(EXPECTED)) expect(cell(h), h).toBe(v);
    // Every time column names its zone; its value is the wall-clock time there (17:00Z is 09:00 in Los Angeles in January).
    expect(headers).toContain('Created (America/Los_Angeles)');
    expect(headers.filter((h) => /\((America\/Los_Angeles)\)$/.test(h))).toHaveLength(INCIDENT_LOG_COLUMNS.filter((c) => c.type === 'datetime').length);
    expect((cell('Created (America/Los_Angeles)') as Date).toISOString()).toBe('2025-01-13T09:00:00.000Z');
    // No id and no code anywhere in the row.
    const text = JSON.stringify(sheet.getRow(2).values);
    expect(text).not.toMatch(/019a5101|team-1|person-1|waiting_on|service_request|walk_in/);
    const work = book.getWorksheet('Work log')!;
    expect((work.getRow(1).values as unknown[]).slice(1)).toEqual(['Ticket number', 'At (America/Los_Angeles)', 'Author', 'Visibility', 'Minutes', 'Entry']);
    expect((work.getRow(2).values as unknown[]).slice(3, 5)).toEqual(['Jordan Avila', 'Internal']);
    const about = new Map(book.getWorksheet('About this export')!.getSheetValues().filter(Boolean).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(about.get('Time zone of all times')).toBe('America/Los_Angeles');
  });

  it('CSV, in UTC on request, and read back by the import in the zone its headers name', async () => {
    const path = await write('csv', 'UTC');
    const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    const header = text.split('\r\n')[0]!.split(',');
    expect(header).toContain('Created (UTC)');
    expect(header).toContain('Requester email');
    for (const v of ['Service request', 'Walk-in', 'Waiting on requester', 'Medium', 'Service desk', 'Jordan Avila', '(925) 555-0142', 'ana.ruiz@cc-courts.example.gov']) expect(text).toContain(v);
    expect(text).toContain('2025-01-13 17:00:00'); // the instant in UTC
    expect(text).not.toMatch(/019a5101|waiting_on|service_request|walk_in/);
    const workLog = await readFile(join(t.dir, 'log-UTC - work log.csv'), 'utf8');
    expect(workLog).toContain('Jordan Avila,Internal');
    expect(workLog).not.toContain(DEVICE);

    // Import maps the zoned headers and reads the times in UTC, whatever the machine's zone; labels come back as codes.
    const { fields, schema } = IMPORT_DATASETS.tickets;
    const preview = await previewImport(path, fields);
    if (!preview.ok) throw new Error(preview.error.message);
    const mapping = preview.value.suggestedMapping;
    expect(splitZoneHeader(preview.value.headers[mapping.createdAt!]!).header).toBe('Created');
    const back = await dryRunImport(path, { fields, mapping, schema, timeZone: 'Pacific/Auckland' });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.errors).toEqual([]);
    expect(back.value.records[0]).toMatchObject({
      createdAt: '2025-01-13T17:00:00.000Z',
      type: 'service_request',
      channel: 'walk_in',
      status: 'pending',
      pendingReason: 'waiting_on_requester',
      impact: 'medium',
      description: 'Uploads fail with "invalid PDF".\nSince Monday.',
    });
  });

  const soffice = ['/usr/bin/libreoffice', '/usr/bin/soffice'].find((p) => existsSync(p));
  if (!soffice) console.warn('Skipping the LibreOffice check: LibreOffice is not installed on this machine (libreoffice or soffice not found); ExcelJS and the CSV reader cover the files.');
  it.skipIf(!soffice)('LibreOffice opens the XLSX and converts it to CSV with the same words', async () => {
    const path = await write('xlsx', 'America/Los_Angeles');
    execFileSync(soffice!, ['--headless', '--convert-to', 'csv', '--outdir', t.dir, path], { timeout: 120_000 });
    const csv = await readFile(path.replace(/\.xlsx$/, '.csv'), 'utf8');
    expect(csv).toContain('Created (America/Los_Angeles)');
    expect(csv).toContain('Waiting on requester');
  });
});
