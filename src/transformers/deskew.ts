/**
 * Deskewing: straightening a slanted digit by its second-order image moments
 * (the classic MNIST / OpenCV-digits preprocessing).
 */
import { checkSize } from './hog-params.js';
import { checkImage } from './image-input.js';

/** Below this row variance (in pixels², mu02 / m00) an image is returned unchanged: its slant is undefined. */
const MIN_ROW_VARIANCE = 1e-2;

/**
 * Deskews one image: with the central moments mu11 and mu02 of the pixel
 * intensities, skew = mu11 / mu02 (the mean horizontal drift per row), and
 * each output pixel (x, y) takes the value at (x + skew · (y − cy), y) of the
 * input, cy = (height − 1) / 2 being the centre row — a horizontal shear about
 * the image centre, sampled with linear (bilinear) interpolation, 0 outside
 * the image. This is OpenCV's digits recipe (`warpAffine` with
 * `[[1, skew, −skew · cy], [0, 1, 0]]` as the inverse map).
 *
 * An image without ink (all zero), or whose ink lies on (almost) one row
 * (mu02 / m00 < 0.01 px²), is returned unchanged (as a copy).
 *
 * @param image `width * height` pixel intensities ≥ 0, row-major.
 * @returns a new Float64Array of `width * height` values.
 * @throws TypeError / RangeError for a bad size, an image of the wrong length, or a negative or non-finite pixel.
 */
export function deskew(image: ArrayLike<number>, width: number, height: number): Float64Array {
  const where = 'deskew';
  const w = checkSize(width, where, 'width');
  const h = checkSize(height, where, 'height');
  const img = checkImage(image, w, h, where, true);
  const out = new Float64Array(w * h);
  deskewInto(img, 0, w, h, out, 0);
  return out;
}

/**
 * Deskews the image at `src[offset ..)` into `out[outOffset ..)` (unchecked:
 * the caller validated sizes and pixels).
 */
export function deskewInto(src: ArrayLike<number>, offset: number, w: number, h: number, out: Float64Array, outOffset: number): void {
  let m00 = 0;
  let m10 = 0;
  let m01 = 0;
  for (let y = 0; y < h; y++) {
    const p = offset + y * w;
    for (let x = 0; x < w; x++) {
      const v = src[p + x];
      m00 += v;
      m10 += x * v;
      m01 += y * v;
    }
  }
  const n = w * h;
  if (!(m00 > 0)) {
    for (let k = 0; k < n; k++) out[outOffset + k] = src[offset + k];
    return;
  }
  const xc = m10 / m00;
  const yc = m01 / m00;
  let mu11 = 0;
  let mu02 = 0;
  for (let y = 0; y < h; y++) {
    const p = offset + y * w;
    const dy = y - yc;
    for (let x = 0; x < w; x++) {
      const v = src[p + x];
      mu11 += (x - xc) * dy * v;
      mu02 += dy * dy * v;
    }
  }
  if (mu02 / m00 < MIN_ROW_VARIANCE) {
    for (let k = 0; k < n; k++) out[outOffset + k] = src[offset + k];
    return;
  }
  const skew = mu11 / mu02;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const p = offset + y * w;
    const o = outOffset + y * w;
    const shift = skew * (y - cy);
    const i0 = Math.floor(shift);
    const f = shift - i0; // every pixel of the row has the same fraction
    const g = 1 - f;
    for (let x = 0; x < w; x++) {
      const x0 = x + i0;
      const a = x0 >= 0 && x0 < w ? src[p + x0] : 0;
      const b = x0 + 1 >= 0 && x0 + 1 < w ? src[p + x0 + 1] : 0;
      out[o + x] = g * a + f * b;
    }
  }
}
