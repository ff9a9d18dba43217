/**
 * `readPng`: the bytes of any PNG file → a {@link GreyImage}. The decoder is
 * digitkit's own (fast-png 8 refuses valid interlaced 1-, 2- and 4-bit images
 * and decodes files whose image data is too short or too long): every chunk
 * and checksum is checked, and the image data is inflated against the exact
 * size the header declares, so a decompression bomb stops at its first piece.
 */
import { inflateZlib } from '../core/inflate.js';
import { describe } from '../core/errors.js';
import type { GreyImage } from './grey-image.js';
import { readPngChunks, type PngChunks } from './png-chunks.js';
import { readPngHeader, type PngHeader } from './png-header.js';
import { pngSamples, rawDataSize, type PngSamples } from './png-pixels.js';

/** Rec. 601 luma weights (as most image libraries turn RGB into grey). */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Decodes a PNG file into a greyscale image.
 *
 * Accepts every standard kind: greyscale (1, 2, 4, 8, 16 bits), grey + alpha,
 * RGB, RGBA (8 or 16 bits) and palette images (1, 2, 4, 8 bits), interlaced
 * or not, with `tRNS` transparency. Colour becomes brightness with the Rec. 601
 * weights (0.299 R + 0.587 G + 0.114 B); transparent and half-transparent
 * pixels are composited onto white paper. The result holds brightness in
 * 0..1, 0 = black.
 *
 * The signature and the header are checked before anything is decoded; the
 * image must be 1×1 to {@link MAX_PNG_SIDE} pixels a side and at most
 * {@link MAX_PNG_PIXELS} pixels. Every chunk's CRC and order are checked, and
 * the image data must inflate to exactly the size the header implies (its
 * Adler-32 checked): memory stays bounded by what the header declares.
 *
 * @param png the bytes of the file.
 * @throws TypeError when `png` is not a Uint8Array or does not start with the PNG signature;
 *   RangeError for a zero-sized or too large image, and for truncated, corrupt or
 *   inconsistent data (`readPng: the data is not a valid PNG (…)`).
 */
export function readPng(png: Uint8Array): GreyImage {
  return decodeGreyPng(png, 'readPng');
}

/** {@link readPng} with errors named after the caller `where`. */
export function decodeGreyPng(png: Uint8Array, where: string, name = 'png'): GreyImage {
  if (!(png instanceof Uint8Array)) {
    throw new TypeError(`${where}: argument '${name}' must be a Uint8Array (the bytes of a PNG file), got ${describe(png)}`);
  }
  const fail = (why: string) => new RangeError(`${where}: the data is not a valid PNG (${why})`);
  const header = readPngHeader(png, where, name);
  const chunks = readPngChunks(png, header, fail);
  const size = `for ${header.width}×${header.height} pixels`;
  const raw = inflateZlib(chunks.zlib, rawDataSize(header), {
    corrupt: (detail) => fail(`corrupt zlib data in IDAT: ${detail}`),
    tooMany: (expected) => fail(`the image data holds more than the ${expected} bytes expected once decompressed ${size}`),
    tooFew: (got, expected) => fail(`the image data holds ${got} bytes once decompressed, expected ${expected} ${size}; truncated?`),
  });
  const samples = pngSamples(raw, header, fail);
  return { width: header.width, height: header.height, data: toGrey(samples, header, chunks, fail) };
}

function toGrey({ data, channels }: PngSamples, header: PngHeader, chunks: PngChunks, fail: (why: string) => Error): Float64Array {
  const { width, height, depth, colorType } = header;
  const n = width * height;
  const out = new Float64Array(n);
  const t = chunks.transparency;
  if (colorType === 3) {
    const palette = chunks.palette!;
    const colours = palette.length / 3;
    for (let i = 0; i < n; i++) {
      const k = data[i];
      if (k >= colours) throw fail(`palette index ${k} at x ${i % width}, y ${Math.floor(i / width)}, but the palette has ${colours} colours`);
      const lum = (LUMA[0] * palette[3 * k] + LUMA[1] * palette[3 * k + 1] + LUMA[2] * palette[3 * k + 2]) / 255;
      out[i] = over(lum, t && k < t.length ? t[k] / 255 : 1);
    }
    return out;
  }
  const max = 2 ** depth - 1;
  // tRNS of a grey or RGB image: the one sample value (16-bit big-endian each) that is fully transparent.
  const key = t && Array.from({ length: t.length / 2 }, (_, c) => (t[2 * c] << 8) | t[2 * c + 1]);
  const colour = colorType === 2 || colorType === 6;
  const alphaAt = colorType === 4 ? 1 : colorType === 6 ? 3 : -1;
  for (let i = 0; i < n; i++) {
    const o = i * channels;
    let lum: number;
    let alpha = 1;
    if (colour) {
      const r = data[o];
      const g = data[o + 1];
      const b = data[o + 2];
      lum = (LUMA[0] * r + LUMA[1] * g + LUMA[2] * b) / max;
      if (key && r === key[0] && g === key[1] && b === key[2]) alpha = 0;
    } else {
      lum = data[o] / max;
      if (key && data[o] === key[0]) alpha = 0;
    }
    if (alphaAt >= 0) alpha = data[o + alphaAt] / max;
    out[i] = over(lum, alpha);
  }
  return out;
}

/** Composites a brightness with its opacity onto white paper, clamped to 0..1. */
function over(lum: number, alpha: number): number {
  const v = alpha * lum + (1 - alpha);
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
