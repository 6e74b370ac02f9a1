import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';
import { waitForDrain } from '../backpressure';

/**
 * A ZIP archive written front to back onto a stream, the container of an
 * XLSX file. Large entries are deflated as they arrive: their local header
 * carries the data-descriptor flag (general purpose bit 3) and the CRC and
 * sizes follow the data; the central directory is written at the end.
 * ZIP32 only: a part or file past 4 GiB fails with ZipLimitError, which
 * fails the export (whose temporary file is then deleted) rather than
 * writing sizes that wrap around. 4 GiB of sheet XML is over a million
 * incident rows with long texts; ZIP64 can be added if that is ever needed.
 */

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate
const FLAG_DATA_DESCRIPTOR = 0x0008;
const DEFLATE = 8;
const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;

export class ZipLimitError extends Error {
  constructor(what: string) {
    super(`The workbook is too large for an XLSX file (${what} over 4 GB). Export fewer rows, or choose CSV.`);
    this.name = 'ZipLimitError';
  }
}

interface CentralEntry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export interface ZipOptions {
  /** zlib level: 1 is several times faster than the default 6 for a few percent more bytes on sheet XML. */
  level: number;
  /** Modification time stamped on every entry. */
  modified: Date;
}

/** MS-DOS date and time fields, in local time as ZIP tools show them. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly stamp: { date: number; time: number };
  private open: ZipEntryWriter | null = null;
  private failure: Error | null = null;
  private destroyed = false;

  constructor(
    private readonly out: Writable,
    private readonly options: ZipOptions,
  ) {
    this.stamp = dosDateTime(options.modified);
  }

  /** Throws the first failure of the output or a compressor, or if the archive was destroyed. */
  check(): void {
    if (this.failure) throw this.failure;
    if (this.destroyed) throw new Error('The export was stopped');
  }

  /** Records a failure for check() to throw; the first one wins. */
  fail(e: Error): void {
    this.failure ??= e;
  }

  /** @internal bytes for the output, counted for the offsets. */
  emit(bytes: Buffer): boolean {
    // A compressor may still hand over data after the output was closed or destroyed (the export stopped):
    // writing it would raise ERR_STREAM_DESTROYED on a stream nobody is listening to any more.
    if (this.out.destroyed || this.out.writableEnded) {
      this.fail(new Error('The export was stopped'));
      return false;
    }
    this.offset += bytes.length;
    if (this.offset > MAX_32) this.fail(new ZipLimitError('the file'));
    return this.out.write(bytes);
  }

  private localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOCAL_HEADER, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(DEFLATE, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28); // no extra field
    return Buffer.concat([h, name]);
  }

  private begin(nameText: string, flags: number, crc: number, compressed: number, size: number): CentralEntry {
    this.check();
    if (this.open) throw new Error(`ZIP entry "${this.open.name}" is still open`);
    if (this.entries.length >= MAX_ENTRIES) throw new ZipLimitError('the number of parts');
    const name = Buffer.from(nameText, 'utf8');
    const entry: CentralEntry = { name, flags, crc, compressed, size, offset: this.offset };
    this.emit(this.localHeader(name, flags, crc, compressed, size));
    this.entries.push(entry);
    return entry;
  }

  /** A small entry whose whole content is at hand: compressed at once, sizes in the local header. */
  addFile(name: string, content: string | Buffer): void {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data, { level: this.options.level });
    this.begin(name, 0, crc32(data), packed.length, data.length);
    this.emit(packed);
    this.check();
  }

  /** A large entry written in pieces; close it before starting the next entry. */
  openEntry(name: string): ZipEntryWriter {
    const entry = this.begin(name, FLAG_DATA_DESCRIPTOR, 0, 0, 0);
    this.open = new ZipEntryWriter(this, name, entry, createDeflateRaw({ level: this.options.level, chunkSize: CHUNK_SIZE }));
    return this.open;
  }

  /** @internal called by the entry once its descriptor is written. */
  closed(entry: ZipEntryWriter): void {
    if (this.open === entry) this.open = null;
  }

  /** Writes the central directory: the archive is complete once the output is ended. */
  finish(): void {
    this.check();
    if (this.open) throw new Error(`ZIP entry "${this.open.name}" is still open`);
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(CENTRAL_HEADER, 0);
      h.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, spec 2.0
      h.writeUInt16LE(VERSION, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra length, comment length, disk number, internal and external attributes: all 0
      h.writeUInt32LE(e.offset, 42);
      this.emit(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.emit(end);
    this.check(); // the central directory itself may pass 4 GiB
  }

  /** Stops at once: the compressor and the output are destroyed, nothing more is written. */
  destroy(): void {
    this.destroyed = true;
    this.open?.destroy();
    this.out.destroy();
  }

  get output(): Writable {
    return this.out;
  }
}

/**
 * zlib hands its output back one buffer of this size at a time, and each
 * hand-back needs the main thread: a large buffer lets one thread-pool job
 * compress a whole chunk of rows while the main thread builds the next.
 */
const CHUNK_SIZE = 1024 * 1024;

export class ZipEntryWriter {
  private crc = 0;
  private size = 0;
  private compressed = 0;
  /** The previous piece's way through the compressor: waited for before the next piece, not after its own. */
  private inFlight: Promise<void> = Promise.resolve();
  private readonly ended: Promise<void>;

  constructor(
    private readonly zip: ZipWriter,
    readonly name: string,
    private readonly entry: CentralEntry,
    private readonly deflate: DeflateRaw,
  ) {
    deflate.on('data', (chunk: Buffer) => {
      this.compressed += chunk.length;
      zip.emit(chunk);
    });
    deflate.on('error', (e: Error) => zip.fail(e));
    this.ended = new Promise((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('close', () => reject(new Error('The compressor stopped before the end of the data')));
    });
    this.ended.catch(() => undefined); // surfaced by close()
  }

  /**
   * Adds the next piece of the entry. Resolves when the previous piece has
   * been compressed and the output can take more, so at most two pieces are
   * held at once while compression runs beside the caller's next piece.
   * The compressor reads `content` until the next write() or close()
   * resolves: a buffer may be reused only after that.
   */
  async write(content: string | Buffer, signal?: AbortSignal): Promise<void> {
    this.zip.check();
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (data.length === 0) return;
    if (this.size + data.length > MAX_32) throw new ZipLimitError(`the part "${this.name}"`);
    await this.inFlight;
    this.zip.check();
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    // The write callback, unlike 'drain', also tells when a piece smaller than the stream's buffer has been read.
    const compressed = new Promise<void>((resolve, reject) => this.deflate.write(data, (e) => (e ? reject(e) : resolve())));
    this.inFlight = compressed.then(() => waitForDrain(this.zip.output, signal));
    this.inFlight.catch(() => undefined); // surfaced by the next write or close()
  }

  /** Flushes the compressor and writes the data descriptor. */
  async close(): Promise<void> {
    await this.inFlight;
    this.zip.check();
    this.deflate.end();
    await this.ended;
    this.zip.check();
    if (this.compressed > MAX_32) throw new ZipLimitError(`the part "${this.name}"`);
    Object.assign(this.entry, { crc: this.crc, compressed: this.compressed, size: this.size });
    const d = Buffer.alloc(16);
    d.writeUInt32LE(DATA_DESCRIPTOR, 0);
    d.writeUInt32LE(this.crc, 4);
    d.writeUInt32LE(this.compressed, 8);
    d.writeUInt32LE(this.size, 12);
    this.zip.emit(d);
    this.zip.closed(this);
  }

  destroy(): void {
    this.deflate.destroy();
  }
}
