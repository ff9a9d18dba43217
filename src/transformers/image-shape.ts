/**
 * The image size a feature transformer learns at `fit`: given, carried by an
 * ImageSet, or the square root of the feature count.
 */
import { paramMessage } from '../core/errors.js';
import { readNumber } from '../persistence/fields.js';
import { checkSize } from './hog-params.js';
import type { FlatImages } from './image-input.js';

/** Width and height of the images a transformer was fitted on. */
export interface ImageShape {
  width: number;
  height: number;
}

/** Checks an optional `width` / `height` parameter: undefined, null or an integer ≥ 1. */
export function checkOptionalSize(value: unknown, where: string, name: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new TypeError(paramMessage(where, name, 'an integer >= 1, or null to learn it at fit', value));
  return checkSize(value, where, name);
}

/**
 * The image shape of `X` at fit: `width` and `height` when given (one of them
 * gives the other), else the ImageSet's, else square images.
 *
 * @throws RangeError when the sizes disagree with the feature count, or the count is not a square.
 */
export function learnShape(X: FlatImages, width: number | null, height: number | null, where: string): ImageShape {
  const n = X.pixels;
  if (width === null && height === null) {
    if (X.width !== undefined && X.height !== undefined) return { width: X.width, height: X.height };
    const side = Math.round(Math.sqrt(n));
    if (side * side !== n) {
      throw new RangeError(
        `${where}: argument 'X' must have a square number of features per sample to be read as square images ` +
          `(or give the parameters 'width' and 'height'), got ${n}`,
      );
    }
    return { width: side, height: side };
  }
  const w = width ?? n / height!;
  const h = height ?? n / width!;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w * h !== n) {
    throw new RangeError(
      `${where}: argument 'X' must have width*height = ${width ?? '?'}*${height ?? '?'} features per sample, got ${n}`,
    );
  }
  if (X.width !== undefined && (X.width !== w || X.height !== h)) {
    throw new RangeError(`${where}: argument 'X' is an ImageSet of ${X.width}×${X.height} images, but the parameters say ${w}×${h}`);
  }
  return { width: w, height: h };
}

/** Throws unless `X` holds images of the fitted shape. */
export function checkShape(X: FlatImages, shape: ImageShape, where: string): void {
  const n = shape.width * shape.height;
  if (X.pixels !== n) {
    throw new RangeError(`${where}: argument 'X' must have ${n} features per sample (as at fit), got ${X.pixels}`);
  }
  if (X.width !== undefined && (X.width !== shape.width || X.height !== shape.height)) {
    throw new RangeError(
      `${where}: argument 'X' must hold ${shape.width}×${shape.height} images (as at fit), got an ImageSet of ${X.width}×${X.height}`,
    );
  }
}

/** A fitted image side from a serialised model's `state`: an integer ≥ 1. */
export function readSize(state: Record<string, unknown>, field: 'width' | 'height', where: string): number {
  const v = readNumber(state, field, where, 'state.');
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${where}: field 'state.${field}' must be an integer >= 1, got ${v}`);
  return v;
}
