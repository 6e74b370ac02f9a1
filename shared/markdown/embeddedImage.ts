import { err, ok, type Result } from '../result';
import { base64DecodedLength, BASE64_RE, decodeBase64Prefix, encodeBase64 } from './base64';

/**
 * Images travel inside handouts as data: URIs, so a handout prints the same
 * with no network and syncs as one record. Only raster formats are allowed:
 * SVG can carry script and remote references.
 */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Per image, decoded. Screenshots of a case-management screen fit easily; photos may need shrinking. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const DATA_URI_RE = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=]*)$/;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** The image type the bytes really are, from their magic numbers, whatever the name or label says. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

export interface CheckedImage {
  type: ImageType;
  bytes: number;
  dataUri: string;
}

/** Check a data: URI: an allowed type, valid base64, within the size limit, and bytes that match the label. */
export function checkImageDataUri(dataUri: string, name = 'The image', maxBytes = MAX_IMAGE_BYTES): Result<CheckedImage> {
  if (typeof dataUri !== 'string' || !dataUri.startsWith('data:')) return err('invalid_request', `${name} is not embedded (it must be a data: URI).`);
  // Size first: a cheap length check before any regex runs over megabytes.
  const approx = Math.floor(((dataUri.length - dataUri.indexOf(',') - 1) * 3) / 4);
  if (approx > maxBytes) return err('too_large', `${name} is ${mb(approx)}; the limit is ${mb(maxBytes)}. Crop it or save it as a smaller JPEG.`);
  const m = DATA_URI_RE.exec(dataUri);
  if (!m) return err('invalid_request', `${name} is not a PNG, JPEG, GIF or WebP image.`);
  const [, declared, b64] = m as unknown as [string, ImageType, string];
  if (!BASE64_RE.test(b64) || b64.length === 0) return err('invalid_request', `${name} is damaged (its data is not valid base64).`);
  const actual = sniffImageType(decodeBase64Prefix(b64, 16));
  if (!actual) return err('invalid_request', `${name} is not really an image: its contents are not PNG, JPEG, GIF or WebP.`);
  if (actual !== declared) return err('invalid_request', `${name} says it is ${declared} but its contents are ${actual}.`);
  return ok({ type: actual, bytes: base64DecodedLength(b64), dataUri });
}

/** Turn pasted or picked file bytes into a checked data: URI, trusting the bytes, not the file name. */
export function imageBytesToDataUri(bytes: Uint8Array, name = 'The image', maxBytes = MAX_IMAGE_BYTES): Result<CheckedImage> {
  if (bytes.length > maxBytes) return err('too_large', `${name} is ${mb(bytes.length)}; the limit is ${mb(maxBytes)}. Crop it or save it as a smaller JPEG.`);
  const type = sniffImageType(bytes);
  if (!type) return err('invalid_request', `${name} is not a PNG, JPEG, GIF or WebP image.`);
  return ok({ type, bytes: bytes.length, dataUri: `data:${type};base64,${encodeBase64(bytes)}` });
}
