/**
 * What a JPEG file says about itself before any pixel is decoded: its size
 * (from the start-of-frame marker) and its EXIF orientation, so that a picture
 * too large is refused cheaply and a phone photo is turned upright.
 */

/** The size and orientation a JPEG declares. */
export interface JpegHeader {
  width: number;
  height: number;
  /** The start-of-frame kind: 0 baseline, 1 extended, 2 progressive, 3 lossless, 9+ arithmetic coding. */
  frame: number;
  /** EXIF orientation 1..8 (1 = as stored; 6 = turn 90° clockwise to view). */
  orientation: number;
}

/** True when `bytes` start as every JPEG file does (a start-of-image marker, then another marker). */
export function hasJpegSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * Walks the markers up to the first start-of-frame (SOFn) and reads the size
 * it declares and the EXIF orientation of an APP1 segment met on the way.
 * @param fail makes the error for a file that ends or breaks before its frame.
 */
export function readJpegHeader(bytes: Uint8Array, fail: (why: string) => Error): JpegHeader {
  let orientation = 1;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw fail(`expected a marker at byte ${at}, got ${bytes[at].toString(16).padStart(2, '0')}`);
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) throw fail(`no start-of-frame before ${marker === 0xd9 ? 'the end of the image' : 'the image data'}`);
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) throw fail(`a segment at byte ${at} runs past the end of the file; truncated?`);
    const body = bytes.subarray(at + 4, at + 2 + length);
    // SOF0–SOF15, except DHT (c4), JPG (c8) and DAC (cc).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (body.length < 6) throw fail('a start-of-frame segment too short to hold the size');
      return { height: (body[1] << 8) | body[2], width: (body[3] << 8) | body[4], frame: marker - 0xc0, orientation };
    }
    if (marker === 0xe1) orientation = exifOrientation(body) ?? orientation;
    at += 2 + length;
  }
  throw fail(`no start-of-frame in its ${bytes.length} bytes; truncated?`);
}

/** The orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment, or null. */
function exifOrientation(app1: Uint8Array): number | null {
  // "Exif\0\0", then a TIFF header: byte order, 42, offset of IFD0.
  if (app1.length < 14 || String.fromCharCode(...app1.subarray(0, 4)) !== 'Exif') return null;
  const tiff = app1.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (o: number) => (o + 2 <= tiff.length ? view.getUint16(o, little) : -1);
  const u32 = (o: number) => (o + 4 <= tiff.length ? view.getUint32(o, little) : -1);
  const ifd = u32(4);
  const count = u16(ifd);
  if (ifd < 8 || count < 0) return null;
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + 12 * k;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}
