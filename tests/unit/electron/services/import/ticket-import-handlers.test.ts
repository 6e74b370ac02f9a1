import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerDeps } from '../../../../../electron/services/handlers';
import type { HandlerContext } from '../../../../../electron/services/ipc/router';
import { createImportHandlers } from '../../../../../electron/services/import/import-handlers';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'fielddesk-ticket-import-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The handlers are called as the router would, from the app's own top frame. */
const ctx: HandlerContext = { sender: { url: 'app://fielddesk/index.html', isTopFrame: true } };

function handlers(answers: string[][]) {
  const deps = { dialogs: { pickFiles: async () => answers.shift() ?? [], saveFile: async () => null } } as unknown as HandlerDeps;
  return createImportHandlers(deps);
}

async function pick(h: ReturnType<typeof handlers>) {
  const picked = await h['import.pick']({ dataset: 'tickets' }, ctx);
  if (!picked.ok || 'cancelled' in picked.value) throw new Error('not picked');
  return picked.value;
}

describe('ticket import over IPC (handlers)', () => {
  it('maps an incident-log header, and hands back the records with their row numbers in the file', async () => {
    const file = join(dir, 'log.csv');
    await writeFile(file, 'Number,Title,Requester,Status,Pending reason\r\nKX7Q-00001,Printer jam,Ana,open,\r\n\r\nKX7Q-00002,Scanner,Ana,Pending,Waiting on vendor\r\n');
    const h = handlers([[file]]);
    const p = await pick(h);
    expect(p.suggestedMapping).toEqual({ number: 0, title: 1, requester: 2, status: 3, pendingReason: 4 });
    expect(p.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['title', 'requester']);
    const dry = await h['import.dryRun']({ fileToken: p.fileToken, mapping: p.suggestedMapping, existingKeys: [] }, ctx);
    expect(dry.ok && dry.value).toMatchObject({ totalRows: 2, validRows: 2, errors: [], rowNumbers: [2, 4] });
    expect(dry.ok && dry.value.records[1]).toEqual({ number: 'KX7Q-00002', title: 'Scanner', requester: 'Ana', status: 'pending', pendingReason: 'waiting_on_vendor' });
    // Numbers already on the device are duplicates; with a bad row no records are handed over at all.
    const again = await h['import.dryRun']({ fileToken: p.fileToken, mapping: p.suggestedMapping, existingKeys: ['kx7q-00002'] }, ctx);
    expect(again.ok && again.value).toMatchObject({ errorRowCount: 1, records: [], rowNumbers: [] });
    expect(again.ok && again.value.errors[0]).toEqual({ row: 4, errors: [{ column: 'Number', field: 'number', message: 'Already exists: a record with ticket number "KX7Q-00002" is already in FieldDesk' }] });
  });

  it('cancel stops a running dry run', async () => {
    const file = join(dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `KX7Q-${String(i + 1).padStart(5, '0')},Ticket ${i},Person ${i % 100},open`);
    await writeFile(file, `Number,Title,Requester,Status\r\n${rows.join('\r\n')}\r\n`);
    const h = handlers([[file]]);
    const p = await pick(h);
    const running = h['import.dryRun']({ fileToken: p.fileToken, mapping: p.suggestedMapping, existingKeys: [] }, ctx);
    await new Promise((r) => setTimeout(r, 5));
    expect(await h['import.cancel']({ fileToken: p.fileToken }, ctx)).toEqual({ ok: true, value: { cancelled: true } });
    const res = await running;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toEqual({ code: 'cancelled', message: 'The import was cancelled' });
    // Nothing is running any more.
    expect(await h['import.cancel']({ fileToken: p.fileToken }, ctx)).toEqual({ ok: true, value: { cancelled: false } });
  });
});
