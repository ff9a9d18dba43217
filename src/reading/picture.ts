/**
 * `readPicture`: the bytes of a PNG or a JPEG file → a {@link GreyImage},
 * told apart by their first bytes; any other format is named in the error
 * (a GIF, a WebP, a PDF…) rather than reported as "not a PNG".
 */
import { describe } from '../core/errors.js';
import type { GreyImage } from './grey-image.js';
import { hasJpegSignature } from './jpeg-header.js';
import { decodeGreyJpeg } from './jpeg.js';
import { hasPngSignature } from './png-header.js';
import { decodeGreyPng } from './png.js';

/** Formats people send instead of PNG or JPEG, by their first bytes. */
const OTHER_FORMATS: { name: string; matches: (b: Uint8Array) => boolean }[] = [
  { name: 'a GIF image', matches: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'a WebP image', matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { name: 'a BMP image', matches: (b) => ascii(b, 0, 2) === 'BM' && b.length >= 14 },
  { name: 'a TIFF image', matches: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { name: 'a HEIC/HEIF or AVIF image', matches: (b) => ascii(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|msf1|avif|avis)$/.test(ascii(b, 8, 12)) },
  { name: 'a PDF document', matches: (b) => ascii(b, 0, 5) === '%PDF-' },
  { name: 'an SVG drawing', matches: (b) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(ascii(b, 0, 512)) },
  { name: 'a JPEG 2000 image', matches: (b) => ascii(b, 4, 8) === 'jP  ' || (b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) },
];

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
}

/** The picture formats digitkit reads. */
export type PictureFormat = 'png' | 'jpeg';

/** 'png', 'jpeg', or null for bytes that are neither (by their first bytes). */
export function pictureFormat(bytes: Uint8Array): PictureFormat | null {
  if (hasPngSignature(bytes)) return 'png';
  if (hasJpegSignature(bytes)) return 'jpeg';
  return null;
}

/**
 * Decodes a PNG or a JPEG file into a greyscale image (see {@link readPng}
 * and {@link readJpeg}): brightness 0..1, 0 = black.
 *
 * @param bytes the bytes of the file.
 * @throws TypeError when `bytes` is not a Uint8Array, or is neither a PNG nor a
 *   JPEG (the message names a GIF, WebP, BMP, TIFF, HEIC, PDF or SVG file as such);
 *   the decoders' RangeErrors for a too large, truncated or corrupt picture.
 */
export function readPicture(bytes: Uint8Array): GreyImage {
  return decodeGreyPicture(bytes, 'readPicture', 'bytes');
}

/** {@link readPicture} with errors named after the caller `where` and the argument `name`. */
export function decodeGreyPicture(bytes: Uint8Array, where: string, name: string): GreyImage {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`${where}: argument '${name}' must be a Uint8Array (the bytes of a PNG or JPEG file), got ${describe(bytes)}`);
  }
  const format = pictureFormat(bytes);
  if (format === 'png') return decodeGreyPng(bytes, where, name);
  if (format === 'jpeg') return decodeGreyJpeg(bytes, where, name);
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const other = OTHER_FORMATS.find((f) => f.matches(bytes));
  if (other) {
    throw new TypeError(`${where}: argument '${name}' must be the bytes of a PNG or JPEG file, got ${other.name} (starting ${head}); convert it to PNG or JPEG first`);
  }
  throw new TypeError(
    `${where}: argument '${name}' must be the bytes of a PNG file (starting 89 50 4e 47 0d 0a 1a 0a) or a JPEG file (starting ff d8 ff), ` +
      `got ${bytes.length} bytes starting ${head || '(nothing)'}`,
  );
}
