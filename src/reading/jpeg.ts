/**
 * `readJpeg`: the bytes of a JPEG file → a {@link GreyImage}, upright. The
 * pixels are decoded by jpeg-js (pure JavaScript, so it runs in browsers too);
 * the size is checked from the file's own start-of-frame before that, against
 * the same limits as a PNG's, and the EXIF orientation of a phone photo is applied.
 */
import jpeg from 'jpeg-js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../core/limits.js';
import { describe } from '../core/errors.js';
import type { GreyImage } from './grey-image.js';
import { hasJpegSignature, readJpegHeader } from './jpeg-header.js';

/** Rec. 601 luma weights, as for PNG. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Decodes a JPEG file (baseline or progressive; greyscale, RGB or CMYK) into a
 * greyscale image: brightness 0..1, 0 = black, turned upright by its EXIF
 * orientation. The size declared by the file is checked before any pixel is
 * decoded: 1 to {@link MAX_PNG_SIDE} pixels a side and at most
 * {@link MAX_PNG_PIXELS} in all, as for PNG.
 *
 * @param bytes the bytes of the file.
 * @throws TypeError when `bytes` is not a Uint8Array or does not start as a JPEG does;
 *   RangeError for a zero-sized or too large image, a kind jpeg-js cannot decode
 *   (lossless, arithmetic coding), and truncated or corrupt data
 *   (`readJpeg: the data is not a valid JPEG (…)`).
 */
export function readJpeg(bytes: Uint8Array): GreyImage {
  return decodeGreyJpeg(bytes, 'readJpeg');
}

/** {@link readJpeg} with errors named after the caller `where`. */
export function decodeGreyJpeg(bytes: Uint8Array, where: string, name = 'jpeg'): GreyImage {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}: argument '${name}' must be a Uint8Array (the bytes of a JPEG file), got ${describe(bytes)}`);
  if (!hasJpegSignature(bytes)) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new TypeError(`${where}: argument '${name}' must be the bytes of a JPEG file (starting ff d8 ff), got ${bytes.length} bytes starting ${head || '(nothing)'}`);
  }
  const fail = (why: string) => new RangeError(`${where}: the data is not a valid JPEG (${why})`);
  const header = readJpegHeader(bytes, fail);
  const { width, height } = header;
  if (width < 1 || height < 1 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new RangeError(
      `${where}: the JPEG must be 1 to ${MAX_IMAGE_SIDE} pixels a side and at most ${MAX_IMAGE_PIXELS / 1e6} megapixels, ` +
        `got ${width}×${height} (${((width * height) / 1e6).toFixed(1)} megapixels); scale it down first`,
    );
  }
  if (header.frame === 3 || header.frame >= 9) {
    throw new RangeError(`${where}: the JPEG is ${header.frame === 3 ? 'lossless' : 'arithmetic-coded'} (SOF${header.frame}), which digitkit cannot decode; save it as a baseline JPEG or a PNG`);
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    // The size limits are checked above; these bound jpeg-js's own allocations again.
    decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
  } catch (err) {
    // jpeg-js reports what it checks with Error('…'); data it does not check can make it fail inside (a TypeError).
    const internal = err instanceof TypeError || err instanceof RangeError || !(err instanceof Error);
    throw fail(internal ? 'corrupt data: tables or markers that do not fit together' : err.message);
  }
  if (decoded.width !== width || decoded.height !== height) throw fail(`decoded ${decoded.width}×${decoded.height}, but the frame says ${width}×${height}`);
  const channels = decoded.data.length / (width * height);
  if (channels !== 3) throw fail(`decoded ${decoded.data.length} bytes for ${width}×${height} pixels`);
  const grey = new Float64Array(width * height);
  for (let i = 0; i < grey.length; i++) {
    const v = (LUMA[0] * decoded.data[3 * i] + LUMA[1] * decoded.data[3 * i + 1] + LUMA[2] * decoded.data[3 * i + 2]) / 255;
    grey[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return orient({ width, height, data: grey }, header.orientation);
}

/**
 * The picture as it is meant to be seen: EXIF orientation 2–8 mirror and/or
 * turn the stored pixels (6: the camera was turned, view it turned 90° clockwise).
 */
function orient(img: GreyImage, orientation: number): GreyImage {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: w, height: h, data } = img;
  const swap = orientation >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Float64Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // The stored pixel (sx, sy) shown at (x, y).
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: [sx, sy] = [w - 1 - x, y]; break;
        case 3: [sx, sy] = [w - 1 - x, h - 1 - y]; break;
        case 4: [sx, sy] = [x, h - 1 - y]; break;
        case 5: [sx, sy] = [y, x]; break;
        case 6: [sx, sy] = [y, h - 1 - x]; break;
        case 7: [sx, sy] = [w - 1 - y, h - 1 - x]; break;
        default: [sx, sy] = [w - 1 - y, x]; break; // 8
      }
      out[y * W + x] = data[sy * w + sx];
    }
  }
  return { width: W, height: H, data: out };
}
