/**
 * The chunks of a PNG file after its header, walked and checked before any
 * pixel is decoded: every chunk's CRC, the order the format requires (PLTE
 * before IDAT, the IDATs in one run, IEND last), a palette and transparency
 * of the lengths the colour type allows, and no unknown critical chunk.
 */
import { crc32 } from '../core/inflate.js';
import type { PngHeader } from './png-header.js';

/** What the chunks hold: the compressed image data, and the palette and transparency when present. */
export interface PngChunks {
  /** The IDAT chunks' data, joined: one zlib stream. */
  zlib: Uint8Array;
  /** PLTE: r, g, b per entry. */
  palette: Uint8Array | null;
  /** tRNS: alpha per palette entry (palette images), or the one transparent grey level or RGB colour (as 16-bit samples). */
  transparency: Uint8Array | null;
}

/**
 * Walks the chunks from byte 8 (after the signature) to IEND.
 * @param fail makes the error for a reason ("truncated: …").
 */
export function readPngChunks(bytes: Uint8Array, header: PngHeader, fail: (why: string) => Error): PngChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  let idatEnded = false;
  let p = 8;
  for (let index = 0; ; index++) {
    if (p >= bytes.length) throw fail(`truncated: no IEND chunk in ${bytes.length} bytes`);
    if (p + 12 > bytes.length) throw fail(`truncated: a chunk at byte ${p} needs at least 12 bytes, ${bytes.length - p} left`);
    const length = view.getUint32(p);
    const type = String.fromCharCode(...bytes.subarray(p + 4, p + 8));
    if (length > bytes.length - p - 12) throw fail(`truncated: chunk '${type}' at byte ${p} needs ${length + 12} bytes, ${bytes.length - p} left`);
    const data = bytes.subarray(p + 8, p + 8 + length);
    const crc = view.getUint32(p + 8 + length);
    if (crc32(bytes.subarray(p + 4, p + 8 + length)) !== crc) throw fail(`chunk '${type}' at byte ${p} fails its CRC`);
    if (index === 0 && type !== 'IHDR') throw fail(`the first chunk must be IHDR, got '${type}'`);
    if (type !== 'IDAT' && idat.length > 0) idatEnded = true;
    switch (type) {
      case 'IHDR':
        if (index !== 0 || length !== 13) throw fail(index ? 'a second IHDR chunk' : `IHDR must hold 13 bytes, got ${length}`);
        break;
      case 'PLTE':
        if (palette) throw fail('a second PLTE chunk');
        if (idat.length) throw fail('PLTE after the image data');
        if (length === 0 || length % 3 !== 0 || length / 3 > 2 ** Math.min(header.depth, 8)) {
          throw fail(`PLTE must hold 1 to ${2 ** Math.min(header.depth, 8)} colours of 3 bytes, got ${length} bytes`);
        }
        palette = data;
        break;
      case 'tRNS':
        if (transparency) throw fail('a second tRNS chunk');
        if (idat.length) throw fail('tRNS after the image data');
        transparency = checkTransparency(data, header, palette, fail);
        break;
      case 'IDAT':
        if (idatEnded) throw fail('the IDAT chunks are not consecutive');
        idat.push(data);
        break;
      case 'IEND':
        if (idat.length === 0) throw fail('no IDAT chunk: the file has no image data');
        if (header.colorType === 3 && !palette) throw fail('a palette image without a PLTE chunk');
        return { zlib: join(idat), palette, transparency };
      default:
        // A critical chunk (uppercase first letter) that a decoder does not know must not be skipped (PNG spec, 5.4).
        if (!(bytes[p + 4] & 0x20)) throw fail(`unknown critical chunk '${type}'`);
    }
    p += 12 + length;
  }
}

/** tRNS, checked against the colour type: a grey level (2 bytes), an RGB colour (6), or one alpha per palette entry. */
function checkTransparency(data: Uint8Array, header: PngHeader, palette: Uint8Array | null, fail: (why: string) => Error): Uint8Array {
  const { colorType } = header;
  if (colorType === 4 || colorType === 6) throw fail(`tRNS is not allowed with an alpha channel (colour type ${colorType})`);
  if (colorType === 3) {
    if (!palette) throw fail('tRNS before PLTE');
    if (data.length > palette.length / 3) throw fail(`tRNS must hold at most one alpha per palette colour (${palette.length / 3}), got ${data.length}`);
    return data;
  }
  const want = colorType === 0 ? 2 : 6;
  if (data.length !== want) throw fail(`tRNS of ${colorType === 0 ? 'a greyscale' : 'an RGB'} image must hold ${want} bytes, got ${data.length}`);
  return data;
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of parts) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
