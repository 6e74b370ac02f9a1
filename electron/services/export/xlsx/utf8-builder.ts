/**
 * A chunk's XML gathered as UTF-8 bytes, one row's text at a time. Encoding
 * row by row into one growing buffer is about twice as fast as building one
 * long string and encoding it at the end: V8 builds a long concatenation as a
 * tree of pieces, which it must first copy into one flat string.
 */
export class Utf8Builder {
  private buf: Buffer;
  private length = 0;

  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  append(text: string): void {
    const worst = this.length + text.length * 3; // a UTF-16 unit is at most 3 bytes of UTF-8
    if (worst > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(worst, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(text, this.length, 'utf8');
  }

  /**
   * The bytes gathered, as a view of the builder's own buffer: valid until the
   * next append(). The builder starts empty again.
   */
  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.length = 0;
    return out;
  }
}
