import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAttachmentStore, safeFileName } from '../../../../../electron/services/attachments/attachment-store';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'fd-att-'));

describe('attachment store', () => {
  it('stores a file under its SHA-256, once, and finds it again', async () => {
    const src = tmp();
    const file = path.join(src, 'screenshot of error.png');
    const bytes = Buffer.from('\x89PNG fake image bytes');
    writeFileSync(file, bytes);
    const store = createAttachmentStore({ dir: path.join(tmp(), 'attachments') });
    const a = await store.importFile(file);
    const b = await store.importFile(file);
    expect(a).toEqual({ ok: true, value: { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, name: 'screenshot of error.png', mime: 'image/png' } });
    expect(b).toEqual(a);
    if (!a.ok) return;
    const located = await store.locate(a.value.sha256);
    expect(readFileSync(located!)).toEqual(bytes);
  });

  it('refuses a file over the size limit with a clear message and stores nothing', async () => {
    const src = tmp();
    const big = path.join(src, 'huge.log');
    writeFileSync(big, '');
    truncateSync(big, 30 * 1024 * 1024); // sparse: cheap to make
    const dir = path.join(tmp(), 'attachments');
    const store = createAttachmentStore({ dir });
    const res = await store.importFile(big);
    expect(res).toMatchObject({ ok: false, error: { code: 'too_large', message: 'huge.log is larger than 25 MB, the most FieldDesk stores per file.' } });
    expect(() => readdirSync(dir)).toThrow();
  });

  it('reports a missing file or a folder', async () => {
    const store = createAttachmentStore({ dir: tmp() });
    expect(await store.importFile('/no/such/file.txt')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await store.importFile(tmp())).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('rejects malformed hashes rather than building paths from them', async () => {
    const store = createAttachmentStore({ dir: tmp() });
    expect(await store.locate('../../etc/passwd')).toBeNull();
    expect(await store.locate('A'.repeat(64))).toBeNull();
  });

  it('copies a blob out under a safe name for viewing, never an executable name', async () => {
    const src = tmp();
    writeFileSync(path.join(src, 'notes.txt'), 'hello');
    const store = createAttachmentStore({ dir: tmp() });
    const stored = await store.importFile(path.join(src, 'notes.txt'));
    if (!stored.ok) throw new Error('import failed');
    const view = tmp();
    const out = await store.exportForViewing(stored.value.sha256, '../../notes.txt', view);
    expect(out.ok && out.value.startsWith(view) && out.value.endsWith('notes.txt')).toBe(true);
    expect((await store.exportForViewing(stored.value.sha256, 'invoice.pdf.exe', view)).ok).toBe(false);
    expect((await store.exportForViewing(stored.value.sha256, 'run.BAT', view)).ok).toBe(false);
  });

  it('makes names safe on every OS', () => {
    expect(safeFileName('a<b>:c?.txt')).toBe('a_b__c_.txt');
    expect(safeFileName('../../x')).toBe('x');
    expect(safeFileName('.hidden')).toBe('_hidden');
    expect(safeFileName('')).toBe('attachment');
  });
});
