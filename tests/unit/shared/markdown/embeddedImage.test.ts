import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64DecodedLength, decodeBase64, encodeBase64 } from '../../../../shared/markdown/base64';
import { checkImageDataUri, imageBytesToDataUri, MAX_IMAGE_BYTES, sniffImageType } from '../../../../shared/markdown/embeddedImage';
import { makePng } from '../training/fixtures';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
const uri = (type: string, data: Uint8Array) => `data:${type};base64,${Buffer.from(data).toString('base64')}`;

describe('embedded images', () => {
  it('recognises PNG, JPEG, GIF and WebP by their magic bytes', () => {
    expect(sniffImageType(makePng(2, 2))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a....'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('RIFF\x10\x00\x00\x00WAVEfmt '))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it('accepts a real image and reports its size', () => {
    const png = makePng(10, 10);
    expect(checkImageDataUri(uri('image/png', png))).toMatchObject({ ok: true, value: { type: 'image/png', bytes: png.length } });
  });

  it.each([
    ['SVG', uri('image/svg+xml', new TextEncoder().encode('<svg/>')), /not a PNG, JPEG, GIF or WebP/],
    ['a PDF labelled PNG', uri('image/png', new TextEncoder().encode('%PDF-1.7 ...')), /not really an image/],
    ['a JPEG labelled PNG', uri('image/png', bytes(0xff, 0xd8, 0xff, 0xe0)), /says it is image\/png but its contents are image\/jpeg/],
    ['broken base64', 'data:image/png;base64,iVBORw0K$$$', /not a PNG, JPEG, GIF or WebP/],
    ['bad padding', 'data:image/png;base64,iVBORw0KG', /damaged/],
    ['a remote URL', 'https://example.com/a.png', /must be a data: URI/],
  ])('refuses %s', (_label, value, message) => {
    const r = checkImageDataUri(value, 'The image');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it('refuses an image over the size limit before decoding it', () => {
    const big = `data:image/png;base64,${'A'.repeat(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 8)}`;
    const r = checkImageDataUri(big, 'The image "photo.png"');
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } });
    if (!r.ok) expect(r.error.message).toBe('The image "photo.png" is 2.0 MB; the limit is 2.0 MB. Crop it or save it as a smaller JPEG.');
    const raw = imageBytesToDataUri(new Uint8Array(MAX_IMAGE_BYTES + 1), 'photo.jpg');
    expect(raw).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('builds data URIs from file bytes, trusting the bytes over the name', () => {
    const png = makePng(3, 3);
    const r = imageBytesToDataUri(png, 'looks-like.jpg');
    expect(r.ok && r.value.dataUri).toBe(uri('image/png', png));
    expect(imageBytesToDataUri(new TextEncoder().encode('MZ\x90\x00 executable'), 'cat.png').ok).toBe(false);
  });

  it('encodes and decodes base64 exactly as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const b64 = encodeBase64(data);
        expect(b64).toBe(Buffer.from(data).toString('base64'));
        expect(decodeBase64(b64)).toEqual(data);
        expect(base64DecodedLength(b64)).toBe(data.length);
      }),
    );
  });
});
