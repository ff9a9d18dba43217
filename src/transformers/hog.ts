/**
 * Histograms of oriented gradients: `hog` for one image, `hogBatch` for many.
 */
import { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { HogExtractor } from './hog-extractor.js';
import { HOG_PARAM_NAMES, checkSize, resolveHogOptions, resolveHogParams, type HogOptions, type HogParams } from './hog-params.js';
import { checkImage, toImages, type ImagesInput } from './image-input.js';

/**
 * The HOG descriptor of one grayscale image: scikit-image 0.19's
 * `skimage.feature.hog(image, orientations, pixels_per_cell, cells_per_block,
 * block_norm, transform_sqrt=..., feature_vector=True)` on the image as float64.
 * Integer images (MNIST, the 8×8 digits) give bit-equal values; other values
 * agree to ~1e-8, where the last bit of libm's `hypot`/`atan2` and JavaScript's
 * differ and scikit-image's 32-bit cell sums round apart.
 *
 * Pixels beyond the last whole cell (when a side is not a multiple of the cell
 * size) are not counted, but still shape the gradients of their neighbours.
 *
 * @param image `width * height` pixels, row-major (a `Uint8Array`, `Float64Array`, `number[]`...).
 * @param options `width` and `height` (required), and the {@link HogParams}.
 * @returns blocks-row × blocks-col × cells-per-block-row × cells-per-block-col × orientations values.
 * @throws TypeError / RangeError for a bad option, an image of the wrong size or with a non-finite pixel,
 *   or an image too small for one block.
 *
 * @example
 * ```ts
 * const f = hog(mnistImage, { width: 28, height: 28, pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] }); // 324 values
 * ```
 */
export function hog(image: ArrayLike<number>, options: HogOptions): Float64Array {
  const where = 'hog';
  const o = resolveHogOptions(options, where);
  const img = checkImage(image, o.width, o.height, where, o.transformSqrt);
  const ex = new HogExtractor(o, o.width, o.height, where);
  const out = new Float64Array(ex.length);
  ex.extract(img, 0, out, 0);
  return out;
}

/** Options of {@link hogBatch}: the {@link HogParams}, and the image size unless the input is an ImageSet. */
export interface HogBatchOptions extends HogParams {
  /** Image width; taken from an ImageSet, required for rows. */
  width?: number;
  /** Image height; taken from an ImageSet, required for rows. */
  height?: number;
}

/**
 * The HOG descriptors of many images, one row per image: the same values as
 * {@link hog} image by image, computed with buffers reused across images.
 *
 * @param images an `ImageSet`, or one image per row (a {@link Matrix}, `number[][]`, typed-array rows).
 * @param options the {@link HogParams}; `width` and `height` are required for rows and,
 *   for an ImageSet, must agree with it when given.
 * @returns a Matrix of `count` rows.
 */
export function hogBatch(images: ImagesInput, options: HogBatchOptions = {}): Matrix {
  const where = 'hogBatch';
  const o = checkOptions(options, where, ['width', 'height', ...HOG_PARAM_NAMES]);
  const p = resolveHogParams(o, where);
  const X = toImages(images, where, p.transformSqrt, 'images');
  const width = sizeOf(o.width, X.width, 'width', where);
  const height = sizeOf(o.height, X.height, 'height', where);
  if (width * height !== X.pixels) {
    throw new RangeError(
      `${where}: argument 'images' must have width*height = ${width}*${height} = ${width * height} pixels per image, got ${X.pixels}`,
    );
  }
  return extractAll(new HogExtractor(p, width, height, where), X.data, X.count);
}

/** Runs `ex` over `count` images stored one after the other in `data`. */
export function extractAll(ex: HogExtractor, data: ArrayLike<number>, count: number): Matrix {
  const len = ex.length;
  const px = ex.width * ex.height;
  const out = new Matrix(count, len);
  for (let i = 0; i < count; i++) ex.extract(data, i * px, out.data, i * len);
  return out;
}

function sizeOf(given: unknown, carried: number | undefined, name: string, where: string): number {
  if (given === undefined) {
    if (carried === undefined) {
      throw new TypeError(`${where}: option '${name}' is required when the images are rows of a matrix, got undefined`);
    }
    return carried;
  }
  const v = checkSize(given, where, name);
  if (carried !== undefined && v !== carried) {
    throw new RangeError(`${where}: option '${name}' must match the ImageSet's ${name} ${carried}, got ${v}`);
  }
  return v;
}
