/** Test helper: edit the chunks of a PNG file (insert one, patch the header) with correct CRCs. */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of the bytes (as PNG chunks use it). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk's bytes: length, type, data, CRC. */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The PNG with `extra` inserted right after the IHDR chunk (at byte 33). */
export function insertAfterHeader(png: Uint8Array, extra: Uint8Array): Uint8Array {
  const out = new Uint8Array(png.length + extra.length);
  out.set(png.subarray(0, 33));
  out.set(extra, 33);
  out.set(png.subarray(33), 33 + extra.length);
  return out;
}

/** The PNG with the header's width and height replaced (CRC fixed). */
export function withSize(png: Uint8Array, width: number, height: number): Uint8Array {
  const out = png.slice();
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(out.subarray(12, 29)));
  return out;
}

/** Where the first IDAT chunk's data starts and how long it is. */
export function findIdat(png: Uint8Array): { start: number; length: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let p = 8;
  while (p + 8 <= png.length) {
    const length = view.getUint32(p);
    const type = String.fromCharCode(...png.subarray(p + 4, p + 8));
    if (type === 'IDAT') return { start: p + 8, length };
    p += 12 + length;
  }
  throw new Error('no IDAT chunk');
}

/** The PNG with IDAT's data damaged (a byte flipped) and its CRC fixed, so that only zlib notices. */
export function corruptIdatKeepingCrc(png: Uint8Array): Uint8Array {
  const out = png.slice();
  const { start, length } = findIdat(out);
  for (let i = 2; i < length - 4; i++) out[start + i] ^= 0x5a; // keep the 2-byte zlib header, damage the stream
  new DataView(out.buffer).setUint32(start + length, crc32(out.subarray(start - 4, start + length)));
  return out;
}

/**
 * A PNG of any colour type and bit depth, optionally Adam7-interlaced, from
 * one sample per channel per pixel (row-major), every scan line with filter 0.
 * Independent of the decoder under test: it packs and orders samples the way
 * the PNG specification says.
 */
export function encodePng(
  opts: { width: number; height: number; colorType: number; depth: number; interlaced?: boolean; palette?: number[][]; trns?: Uint8Array },
  samples: ArrayLike<number>,
  deflate: (raw: Uint8Array) => Uint8Array,
): Uint8Array {
  const { width, height, colorType, depth } = opts;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType]!;
  const passes = opts.interlaced
    ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]]
    : [[0, 0, 1, 1]];
  const lines: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    const bytes = Math.ceil((w * channels * depth) / 8);
    for (let j = 0; j < h; j++) {
      const line = new Uint8Array(bytes);
      for (let i = 0; i < w; i++) {
        for (let c = 0; c < channels; c++) {
          const v = samples[((y0 + j * dy) * width + x0 + i * dx) * channels + c];
          const s = i * channels + c;
          if (depth === 16) {
            line[2 * s] = v >> 8;
            line[2 * s + 1] = v & 255;
          } else if (depth === 8) line[s] = v;
          else line[(s * depth) >> 3] |= v << (8 - depth - ((s * depth) & 7));
        }
      }
      lines.push(0, ...line);
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([depth, colorType, 0, 0, opts.interlaced ? 1 : 0], 8);
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', ihdr)];
  if (opts.palette) parts.push(chunk('PLTE', Uint8Array.from(opts.palette.flat())));
  if (opts.trns) parts.push(chunk('tRNS', opts.trns));
  parts.push(chunk('IDAT', deflate(Uint8Array.from(lines))), chunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
