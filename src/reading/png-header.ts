/**
 * The PNG signature and header (IHDR), read and checked before any pixel is
 * decoded, so that a file that is not a PNG, or one too large, is refused cheaply.
 */

import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../core/limits.js';

/** The largest width or height {@link readPng} accepts, in pixels. */
export const MAX_PNG_SIDE = MAX_IMAGE_SIDE;
/** The most pixels (width × height) {@link readPng} accepts: 40 megapixels. */
export const MAX_PNG_PIXELS = MAX_IMAGE_PIXELS;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** What the IHDR chunk says. */
export interface PngHeader {
  width: number;
  height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  depth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  /** Adam7 interlacing. */
  interlaced: boolean;
}

/** The bit depths each colour type allows (PNG spec, 11.2.2). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** True when `bytes` starts with the 8-byte PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < SIGNATURE.length) return false;
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Reads the signature and the IHDR chunk and checks the size against the limits.
 *
 * @throws TypeError when the bytes do not start with the PNG signature;
 *   RangeError for a missing or short header, a colour type, bit depth or
 *   method the format does not have, a zero-sized image, or one over
 *   {@link MAX_PNG_SIDE} a side or {@link MAX_PNG_PIXELS} in all.
 */
export function readPngHeader(bytes: Uint8Array, where: string, name = 'png'): PngHeader {
  if (!hasPngSignature(bytes)) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new TypeError(
      `${where}: argument '${name}' must be the bytes of a PNG file (starting 89 50 4e 47 0d 0a 1a 0a), got ${bytes.length} bytes starting ${head || '(nothing)'}`,
    );
  }
  // Signature (8) + chunk length (4) + 'IHDR' (4) + 13 bytes of data.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (bytes.length < 29 || type !== 'IHDR') {
    throw new RangeError(`${where}: the data is not a valid PNG (truncated or missing IHDR header: ${bytes.length} bytes)`);
  }
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24];
  const colorType = bytes[25];
  const fail = (why: string) => new RangeError(`${where}: the data is not a valid PNG (${why})`);
  if (!DEPTHS[colorType]) throw fail(`unknown colour type ${colorType} (0, 2, 3, 4 and 6 exist)`);
  if (!DEPTHS[colorType].includes(depth)) throw fail(`colour type ${colorType} takes bit depths ${DEPTHS[colorType].join(', ')}, got ${depth}`);
  if (bytes[26] !== 0 || bytes[27] !== 0) throw fail(`unknown compression or filter method ${bytes[26]}/${bytes[27]} (only 0 exists)`);
  if (bytes[28] > 1) throw fail(`unknown interlace method ${bytes[28]} (0 none, 1 Adam7)`);
  if (width === 0 || height === 0) {
    throw new RangeError(`${where}: the PNG must be at least 1×1 pixels, got ${width}×${height}`);
  }
  if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE || width * height > MAX_PNG_PIXELS) {
    throw new RangeError(
      `${where}: the PNG must be at most ${MAX_PNG_SIDE} pixels a side and ${MAX_PNG_PIXELS / 1e6} megapixels, got ${width}×${height} ` +
        `(${(width * height / 1e6).toFixed(1)} megapixels); scale it down first`,
    );
  }
  return { width, height, depth, colorType, interlaced: bytes[28] === 1 };
}
