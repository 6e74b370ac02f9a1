import { execFile } from 'node:child_process';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  flags: number;
  data: Buffer;
}

/**
 * A strict reader written from the ZIP spec for the tests, independent of the
 * writer: it starts from the end-of-central-directory record, and checks for
 * each entry that the local header, the data descriptor (where the flag says
 * there is one) and the central directory agree on CRC-32 and sizes, and that
 * the entries and the central directory fill the file exactly.
 */
export function readZip(file: Buffer): ZipEntry[] {
  const eocd = file.length - 22;
  if (file.readUInt32LE(eocd) !== 0x06054b50) throw new Error('no end-of-central-directory record at the end (or a comment follows it)');
  const count = file.readUInt16LE(eocd + 10);
  const cdSize = file.readUInt32LE(eocd + 12);
  let p = file.readUInt32LE(eocd + 16);
  if (p + cdSize !== eocd) throw new Error('central directory size and offset do not meet the end record');
  const entries: ZipEntry[] = [];
  let expectedOffset = 0;
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(p) !== 0x02014b50) throw new Error(`central header ${i}: bad signature`);
    const flags = file.readUInt16LE(p + 8);
    const method = file.readUInt16LE(p + 10);
    const crc = file.readUInt32LE(p + 16);
    const compressed = file.readUInt32LE(p + 20);
    const size = file.readUInt32LE(p + 24);
    const nameLength = file.readUInt16LE(p + 28);
    const extra = file.readUInt16LE(p + 30);
    const comment = file.readUInt16LE(p + 32);
    const offset = file.readUInt32LE(p + 42);
    const name = file.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extra + comment;

    if (offset !== expectedOffset) throw new Error(`${name}: starts at ${offset}, expected ${expectedOffset}`);
    if (file.readUInt32LE(offset) !== 0x04034b50) throw new Error(`${name}: bad local header signature`);
    if (file.readUInt16LE(offset + 6) !== flags || file.readUInt16LE(offset + 8) !== method) throw new Error(`${name}: local and central headers differ`);
    if (file.toString('utf8', offset + 30, offset + 30 + file.readUInt16LE(offset + 26)) !== name) throw new Error(`${name}: local name differs`);
    const dataStart = offset + 30 + file.readUInt16LE(offset + 26) + file.readUInt16LE(offset + 28);
    const local = { crc: file.readUInt32LE(offset + 14), compressed: file.readUInt32LE(offset + 18), size: file.readUInt32LE(offset + 22) };
    let end = dataStart + compressed;
    if (flags & 0x0008) {
      if (local.crc || local.compressed || local.size) throw new Error(`${name}: data-descriptor entry with sizes in its local header`);
      if (file.readUInt32LE(end) !== 0x08074b50) throw new Error(`${name}: no data descriptor after the data`);
      const d = { crc: file.readUInt32LE(end + 4), compressed: file.readUInt32LE(end + 8), size: file.readUInt32LE(end + 12) };
      if (d.crc !== crc || d.compressed !== compressed || d.size !== size) throw new Error(`${name}: data descriptor differs from the central directory`);
      end += 16;
    } else if (local.crc !== crc || local.compressed !== compressed || local.size !== size) {
      throw new Error(`${name}: local header differs from the central directory`);
    }
    if (method !== 8) throw new Error(`${name}: method ${method}, expected deflate`);
    const data = inflateRawSync(file.subarray(dataStart, dataStart + compressed));
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes inflated, ${size} declared`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC-32 mismatch`);
    entries.push({ name, flags, data });
    expectedOffset = end;
  }
  if (expectedOffset !== file.readUInt32LE(eocd + 16)) throw new Error('bytes between the last entry and the central directory');
  return entries;
}

/** `unzip -t` on the file: Info-ZIP's own check, or null (with the reason printed) where the command is missing. */
export function unzipTest(path: string): Promise<{ ok: boolean; output: string } | null> {
  return new Promise((resolve) => {
    execFile('unzip', ['-t', path], (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        console.log('unzip -t skipped: the unzip command is not installed');
        resolve(null);
        return;
      }
      resolve({ ok: !error, output: stdout + stderr });
    });
  });
}
