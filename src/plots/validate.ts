/**
 * Input checks shared by the plot builders. Every message names the call, the
 * argument, what was expected and what came.
 */
import { describe, paramMessage } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';

/** A list of images: rows of a {@link Matrix}, `number[][]`, or an array of typed arrays. */
export type ImageList = Matrix | ArrayLike<ArrayLike<number>>;

/** Image size and intensity range, resolved from the options and the images. */
export interface ImageSpec {
  width: number;
  height: number;
  maxValue: number;
}

function isNumericArray(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Checks a positive integer option; `undefined` gives `fallback`. */
export function positiveInt(value: unknown, where: string, name: string, fallback: number, max = 4096): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(paramMessage(where, name, `an integer from 1 to ${max}`, value));
  }
  return value;
}

/** Checks an optional string option. */
export function optionalString(value: unknown, where: string, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(paramMessage(where, name, 'a string', value));
  return value;
}

/** Turns the accepted image-list shapes into an array of pixel arrays; refuses an empty list. */
export function toImages(images: unknown, where: string, name = 'images'): ArrayLike<number>[] {
  let out: ArrayLike<number>[];
  if (images instanceof Matrix) {
    out = [];
    for (let i = 0; i < images.rows; i++) out.push(images.row(i));
  } else if (Array.isArray(images)) {
    out = images.map((img, i) => {
      if (!isNumericArray(img)) {
        throw new TypeError(`${where}: argument '${name}' must be a list of images (arrays of pixel values), but image ${i} is ${describe(img)}`);
      }
      return img;
    });
  } else {
    throw new TypeError(`${where}: argument '${name}' must be a Matrix or an array of images, got ${describe(images)}`);
  }
  if (out.length === 0) {
    throw new RangeError(`${where}: argument '${name}' must hold at least one image, got 0 images`);
  }
  return out;
}

/**
 * Resolves the image width, height and `maxValue` and checks every image against them.
 *
 * With neither width nor height, images must be square (64 values → 8×8, 784 → 28×28).
 * Without `maxValue`, the largest pixel value decides: ≤ 1 → 1, ≤ 16 → 16 (the 8×8 digits),
 * ≤ 255 → 255 (MNIST), otherwise the largest value itself.
 */
export function resolveImageSpec(
  images: ArrayLike<number>[],
  opts: { width?: number; height?: number; maxValue?: number },
  where: string,
  name = 'images',
): ImageSpec {
  const n0 = images[0].length;
  let width = opts.width === undefined ? undefined : positiveInt(opts.width, where, 'width', 1, 1 << 20);
  let height = opts.height === undefined ? undefined : positiveInt(opts.height, where, 'height', 1, 1 << 20);
  if (width === undefined && height === undefined) {
    const side = Math.round(Math.sqrt(n0));
    if (side * side !== n0 || n0 === 0) {
      throw new RangeError(`${where}: parameters 'width' and 'height' must be given for images that are not square, got images of ${n0} values`);
    }
    width = height = side;
  } else if (width === undefined) {
    width = Math.max(1, Math.round(n0 / height!));
  } else if (height === undefined) {
    height = Math.max(1, Math.round(n0 / width));
  }
  const size = width * height!;
  let max = 0;
  images.forEach((img, i) => {
    if (img.length !== size) {
      throw new RangeError(`${where}: argument '${name}' must hold images of width×height = ${width}×${height} = ${size} values, but image ${i} has ${img.length}`);
    }
    for (let k = 0; k < size; k++) {
      const v = img[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new RangeError(`${where}: argument '${name}' must hold finite numbers, got ${describe(v)} at image ${i}, pixel ${k}`);
      }
      if (v > max) max = v;
    }
  });
  let maxValue: number;
  if (opts.maxValue === undefined) {
    maxValue = max <= 1 ? 1 : max <= 16 ? 16 : max <= 255 ? 255 : max;
  } else {
    if (typeof opts.maxValue !== 'number' || !Number.isFinite(opts.maxValue) || opts.maxValue <= 0) {
      throw new RangeError(paramMessage(where, 'maxValue', 'a finite number > 0', opts.maxValue));
    }
    maxValue = opts.maxValue;
  }
  return { width, height: height!, maxValue };
}

/** Checks a list of labels (numbers or strings) of the expected length and returns them as strings. */
export function toLabelStrings(
  labels: unknown,
  where: string,
  name: string,
  expected: number,
  expectedWhat: string,
  kind: 'argument' | 'parameter' = 'argument',
): string[] {
  if (!isNumericArray(labels) && !Array.isArray(labels)) {
    throw new TypeError(`${where}: ${kind} '${name}' must be an array of labels, got ${describe(labels)}`);
  }
  const arr = labels as ArrayLike<unknown>;
  if (arr.length !== expected) {
    throw new RangeError(`${where}: ${kind} '${name}' must have one label per ${expectedWhat} (${expected}), got ${arr.length}`);
  }
  const out: string[] = [];
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
    else throw new TypeError(`${where}: ${kind} '${name}' must hold numbers or strings, got ${describe(v)} at index ${i}`);
  }
  return out;
}

/** A rectangular grid of finite numbers. */
export interface Grid {
  rows: number;
  cols: number;
  values: Float64Array;
}

/** Checks a non-empty, rectangular 2-D array (or Matrix) of finite numbers. */
export function toGrid(values: unknown, where: string, name: string): Grid {
  let rows: number;
  let cols: number;
  let data: Float64Array;
  if (values instanceof Matrix) {
    rows = values.rows;
    cols = values.cols;
    data = Float64Array.from(values.data);
  } else if (Array.isArray(values)) {
    rows = values.length;
    if (rows === 0) throw new RangeError(`${where}: argument '${name}' must have at least one row, got 0 rows`);
    values.forEach((r, i) => {
      if (!isNumericArray(r)) throw new TypeError(`${where}: argument '${name}' must be a 2-D array (rows of numbers), but row ${i} is ${describe(r)}`);
    });
    cols = (values[0] as ArrayLike<number>).length;
    data = new Float64Array(rows * cols);
    values.forEach((r: ArrayLike<unknown>, i) => {
      if (r.length !== cols) {
        throw new RangeError(`${where}: argument '${name}' must have rows of equal length, but row 0 has ${cols} values and row ${i} has ${r.length}`);
      }
      for (let j = 0; j < cols; j++) {
        const v = r[j];
        if (typeof v !== 'number') throw new TypeError(`${where}: argument '${name}' must hold numbers, got ${describe(v)} at [${i}][${j}]`);
        data[i * cols + j] = v;
      }
    });
  } else {
    throw new TypeError(`${where}: argument '${name}' must be a Matrix or a 2-D array of numbers, got ${describe(values)}`);
  }
  if (rows === 0) throw new RangeError(`${where}: argument '${name}' must have at least one row, got 0 rows`);
  if (cols === 0) throw new RangeError(`${where}: argument '${name}' must have at least one column, got rows of length 0`);
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k])) {
      const i = Math.floor(k / cols);
      throw new RangeError(`${where}: argument '${name}' must hold finite numbers, got ${data[k]} at [${i}][${k - i * cols}]`);
    }
  }
  return { rows, cols, values: data };
}
