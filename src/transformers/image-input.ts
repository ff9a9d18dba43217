/**
 * Checks images given to the feature functions: one image as a flat array, or
 * many as an ImageSet or as rows of a feature matrix.
 */
import { describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { MAGNITUDE_WHY, MAX_MAGNITUDE, toMatrix } from '../core/validation.js';
import { ImageSet } from '../datasets/image-set.js';

/** One grayscale image: `width * height` values, row-major. */
export type ImageInput = ArrayLike<number>;

/** Many images: an `ImageSet`, or one image per row (a {@link Matrix}, `number[][]` or typed-array rows). */
export type ImagesInput = ImageSet | Matrix | ArrayLike<ArrayLike<number>>;

/**
 * Checks one flat image: an array or typed array of `width * height` finite
 * numbers (≥ 0 when `nonNegative`).
 */
export function checkImage(
  image: unknown,
  width: number,
  height: number,
  where: string,
  nonNegative = false,
  name = 'image',
): ArrayLike<number> {
  if (!(Array.isArray(image) || (ArrayBuffer.isView(image) && !(image instanceof DataView)))) {
    throw new TypeError(`${where}: argument '${name}' must be an array or typed array of pixels, got ${describe(image)}`);
  }
  const a = image as ArrayLike<unknown>;
  if (a.length !== width * height) {
    throw new RangeError(
      `${where}: argument '${name}' must hold width*height = ${width}*${height} = ${width * height} pixels, got ${a.length}`,
    );
  }
  if (image instanceof Uint8Array || image instanceof Uint8ClampedArray || image instanceof Uint16Array) return image;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (typeof v !== 'number') throw new TypeError(`${where}: argument '${name}' must hold numbers, got ${describe(v)} at index ${k}`);
    if (!Number.isFinite(v) || (nonNegative && v < 0)) {
      const what = nonNegative ? 'finite numbers >= 0' : 'finite numbers';
      throw new RangeError(`${where}: argument '${name}' must hold ${what}, got ${v} at index ${k}`);
    }
    if (Math.abs(v) > MAX_MAGNITUDE) {
      throw new RangeError(`${where}: argument '${name}' must hold numbers within ±${MAX_MAGNITUDE} (${MAGNITUDE_WHY}), got ${v} at index ${k}`);
    }
  }
  return a as ArrayLike<number>;
}

/** Many images as one flat buffer, with their count and the pixels per image. */
export interface FlatImages {
  data: ArrayLike<number>;
  count: number;
  pixels: number;
  /** Width and height when the input carried them (an ImageSet). */
  width?: number;
  height?: number;
}

/**
 * Converts many images to one flat buffer without copying an ImageSet or a
 * Matrix. Rows are checked like any feature matrix (finite; ≥ 0 when `nonNegative`).
 */
export function toImages(X: unknown, where: string, nonNegative = false, name = 'X'): FlatImages {
  if (X instanceof ImageSet) {
    if (X.count === 0) throw new RangeError(`${where}: argument '${name}' must hold at least one image, got an empty ImageSet`);
    return { data: X.data, count: X.count, pixels: X.pixels, width: X.width, height: X.height };
  }
  const m = toMatrix(X, where, name);
  if (nonNegative) {
    const d = m.data;
    for (let k = 0; k < d.length; k++) {
      if (d[k] < 0) {
        const i = Math.floor(k / m.cols);
        throw new RangeError(`${where}: argument '${name}' must hold pixels >= 0, got ${d[k]} at [${i}][${k - i * m.cols}]`);
      }
    }
  }
  return { data: m.data, count: m.rows, pixels: m.cols };
}
