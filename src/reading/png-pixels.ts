/**
 * A PNG's inflated image data → one sample per channel per pixel: the scan
 * lines unfiltered (None, Sub, Up, Average, Paeth), the seven Adam7 passes of
 * an interlaced image put in place, and samples of 1, 2 and 4 bits unpacked.
 */
import type { PngHeader } from './png-header.js';

/** Channels per colour type: grey, RGB, palette index, grey + alpha, RGBA. */
export const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Adam7's passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The passes of an image: the whole image, or Adam7's seven. */
function passes(header: PngHeader): (readonly [number, number, number, number])[] {
  return header.interlaced ? [...ADAM7] : [[0, 0, 1, 1]];
}

/** Bytes of one scan line of `width` pixels (without its filter byte). */
function lineBytes(header: PngHeader, width: number): number {
  return Math.ceil((width * CHANNELS[header.colorType] * header.depth) / 8);
}

/** Bytes the inflated image data must hold: a filter byte plus the packed samples per line, per pass. */
export function rawDataSize(header: PngHeader): number {
  let total = 0;
  for (const [x0, y0, dx, dy] of passes(header)) {
    const w = Math.ceil((header.width - x0) / dx);
    const h = Math.ceil((header.height - y0) / dy);
    if (w > 0 && h > 0) total += h * (1 + lineBytes(header, w));
  }
  return total;
}

/** The samples of every pixel, row-major, `channels` per pixel; 16-bit images in a Uint16Array. */
export interface PngSamples {
  data: Uint8Array | Uint16Array;
  channels: number;
}

/**
 * Unfilters and (for an interlaced image) deinterlaces `raw`, which holds
 * exactly {@link rawDataSize} bytes.
 * @throws what `fail` makes for a filter type other than 0..4.
 */
export function pngSamples(raw: Uint8Array, header: PngHeader, fail: (why: string) => Error): PngSamples {
  const { width, height, depth } = header;
  const channels = CHANNELS[header.colorType];
  const data = depth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  // Bytes per complete pixel, at least 1: how far back "left" is for the filters.
  const bpp = Math.max(1, (channels * depth) >> 3);
  const mask = (1 << depth) - 1;
  let at = 0;
  for (const [x0, y0, dx, dy] of passes(header)) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    const n = lineBytes(header, w);
    let prev = new Uint8Array(n);
    let cur = new Uint8Array(n);
    for (let j = 0; j < h; j++) {
      const filter = raw[at];
      const line = raw.subarray(at + 1, at + 1 + n);
      at += 1 + n;
      unfilter(filter, line, prev, cur, bpp, fail);
      const y = y0 + j * dy;
      for (let i = 0; i < w; i++) {
        const o = (y * width + x0 + i * dx) * channels;
        for (let c = 0; c < channels; c++) {
          const s = i * channels + c;
          if (depth === 16) data[o + c] = (cur[2 * s] << 8) | cur[2 * s + 1];
          else if (depth === 8) data[o + c] = cur[s];
          else {
            const bit = s * depth;
            data[o + c] = (cur[bit >> 3] >> (8 - depth - (bit & 7))) & mask;
          }
        }
      }
      [prev, cur] = [cur, prev];
    }
  }
  return { data, channels };
}

/** One scan line unfiltered into `out`, from its filtered bytes and the previous line (zeros above the first). */
function unfilter(filter: number, line: Uint8Array, prev: Uint8Array, out: Uint8Array, bpp: number, fail: (why: string) => Error): void {
  const n = line.length;
  switch (filter) {
    case 0:
      out.set(line);
      return;
    case 1:
      for (let i = 0; i < n; i++) out[i] = line[i] + (i >= bpp ? out[i - bpp] : 0);
      return;
    case 2:
      for (let i = 0; i < n; i++) out[i] = line[i] + prev[i];
      return;
    case 3:
      for (let i = 0; i < n; i++) out[i] = line[i] + (((i >= bpp ? out[i - bpp] : 0) + prev[i]) >> 1);
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? out[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        out[i] = line[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      return;
    default:
      throw fail(`unknown scan-line filter type ${filter} (0 to 4 exist)`);
  }
}
