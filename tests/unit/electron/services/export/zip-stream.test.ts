import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endOutput } from '../../../../../electron/services/export/open-output';
import { ZipWriter } from '../../../../../electron/services/export/xlsx/zip-stream';
import { SheetPart } from '../../../../../electron/services/export/xlsx/sheet-part';
import { tempDir } from './sample-rows';
import { readZip, unzipTest } from './zip-reader';

let t: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (t = await tempDir()));
afterEach(() => t.cleanup());

const modified = new Date(2024, 2, 12, 15, 30, 10);

/**
 * The output file as the export opens it: with an error listener, because a
 * write still in flight when the stream is destroyed ends in ERR_STREAM_DESTROYED
 * on 'error' (surfaced in the export through check() and endOutput()).
 */
function output(name: string) {
  const file = createWriteStream(join(t.dir, name));
  file.on('error', () => undefined);
  return file;
}

/** Waits until a destroyed output has closed its file, so nothing of it spills into the next test. */
const closed = (file: ReturnType<typeof createWriteStream>) =>
  file.closed ? Promise.resolve() : new Promise<void>((resolve) => file.once('close', () => resolve()));

describe('streaming ZIP writer', () => {
  it('writes small and streamed entries that a strict reader and unzip -t accept, several MB of them', async () => {
    const path = join(t.dir, 'out.zip');
    const file = output('out.zip');
    const zip = new ZipWriter(file, { level: 1, modified });
    zip.addFile('first.xml', '<a>small</a>');

    // Random hex compresses only to about half: a compressed entry of several MB, written in 1 MB pieces.
    const pieces = Array.from({ length: 12 }, () => randomBytes(512 * 1024).toString('hex'));
    const big = zip.openEntry('dir/big.txt');
    for (const piece of pieces) await big.write(piece);
    await big.close();

    const empty = zip.openEntry('empty.xml');
    await empty.close();
    zip.addFile('last.xml', Buffer.from('<b>é 😀</b>'));
    zip.finish();
    await endOutput(file);

    const bytes = await readFile(path);
    expect(bytes.length).toBeGreaterThan(6 * 1024 * 1024);
    const entries = readZip(bytes);
    expect(entries.map((e) => [e.name, e.flags])).toEqual([
      ['first.xml', 0],
      ['dir/big.txt', 8], // data-descriptor flag: the sizes follow the data
      ['empty.xml', 8],
      ['last.xml', 0],
    ]);
    expect(entries[1]!.data.toString('latin1') === pieces.join('')).toBe(true);
    expect(entries[2]!.data.length).toBe(0);
    expect(entries[3]!.data.toString('utf8')).toBe('<b>é 😀</b>');

    const unzip = await unzipTest(path);
    if (unzip) expect(unzip, unzip.output).toMatchObject({ ok: true });
  });

  it('stamps entries with the modification time, in the MS-DOS format', async () => {
    const path = join(t.dir, 'stamp.zip');
    const file = output('stamp.zip');
    const zip = new ZipWriter(file, { level: 1, modified });
    zip.addFile('a.txt', 'a');
    zip.finish();
    await endOutput(file);
    const bytes = await readFile(path);
    const time = bytes.readUInt16LE(10);
    const date = bytes.readUInt16LE(12);
    expect([1980 + (date >> 9), (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([2024, 3, 12, 15, 30, 10]);
  });

  it('keeps entries in order: no second entry while one is open, no finish before it is closed', async () => {
    const file = output('order.zip');
    const zip = new ZipWriter(file, { level: 1, modified });
    const open = zip.openEntry('a.xml');
    expect(() => zip.addFile('b.xml', 'b')).toThrow('ZIP entry "a.xml" is still open');
    expect(() => zip.finish()).toThrow('ZIP entry "a.xml" is still open');
    await open.write('a');
    await open.close();
    zip.finish();
    await endOutput(file);
  });

  it('destroy() stops a write under way and refuses further writes', async () => {
    const file = output('stopped.zip');
    const zip = new ZipWriter(file, { level: 1, modified });
    const entry = zip.openEntry('big.txt');
    await entry.write(randomBytes(4 * 1024 * 1024).toString('hex'));
    const pending = entry.write('more');
    zip.destroy();
    await expect(pending.then(() => entry.close())).rejects.toThrow();
    await expect(entry.write('again')).rejects.toThrow('The export was stopped');
    expect(file.destroyed).toBe(true);
    await closed(file);
  });

  it('does not write into an output that is gone while the compressor still has data', async () => {
    const file = createWriteStream(join(t.dir, 'gone.zip'));
    const errors: unknown[] = [];
    file.on('error', (e) => errors.push(e));
    const zip = new ZipWriter(file, { level: 1, modified });
    const entry = zip.openEntry('big.txt');
    const pending = entry.write(randomBytes(4 * 1024 * 1024).toString('hex'));
    file.destroy();
    await expect(pending.then(() => entry.close())).rejects.toThrow('The export was stopped');
    await new Promise((r) => setTimeout(r, 20));
    expect(errors).toEqual([]);
  });

  it('refuses a sheet longer than a spreadsheet holds, with the reason', async () => {
    const file = output('long.xlsx');
    const zip = new ZipWriter(file, { level: 1, modified });
    const columns = [{ key: 'n', header: 'N', type: 'number' as const, width: 8 }];
    const sheet = await SheetPart.open(zip, 0, 'Incidents', columns, 'UTC', undefined, 3);
    await sheet.write([{ n: 1 }, { n: 2 }], new AbortController().signal);
    await expect(sheet.write([{ n: 3 }, { n: 4 }], new AbortController().signal)).rejects.toThrow(/Incidents sheet would have more than 3 rows.*choose CSV/);
    // As the export does when it stops: the compressor first, then the file (destroying only the file
    // left the compressor writing into it, an unhandled ERR_STREAM_DESTROYED under load).
    zip.destroy();
    expect(file.destroyed).toBe(true);
    await closed(file);
  });
});
