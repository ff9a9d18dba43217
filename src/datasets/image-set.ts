/**
 * A stack of same-sized 8-bit grayscale images in one contiguous buffer.
 */
import { Matrix } from '../core/matrix.js';
import { allocateRows } from '../compute/shared-rows.js';

/**
 * `count` images of `width` × `height` pixels, stored one after the other in
 * row-major order: pixel (x, y) of image i is `data[i * width * height + y * width + x]`.
 *
 * MNIST images hold 0..255 (0 = background); the 8×8 digits hold 0..16.
 * An `ImageSet` does not copy the buffer it is given; {@link ImageSet.slice}
 * and {@link ImageSet.select} return copies, {@link ImageSet.image} returns a view.
 */
export class ImageSet {
  /** All pixels, image after image. */
  readonly data: Uint8Array;
  /** Number of images. */
  readonly count: number;
  /** Image width in pixels (columns). */
  readonly width: number;
  /** Image height in pixels (rows). */
  readonly height: number;

  /**
   * @param data the pixels; its length must be `count * width * height`.
   * @throws RangeError when a size is not a non-negative integer or the buffer has the wrong length.
   */
  constructor(data: Uint8Array, count: number, width: number, height: number) {
    for (const [name, v] of [['count', count], ['width', width], ['height', height]] as const) {
      if (!Number.isInteger(v) || v < 0) {
        throw new RangeError(`ImageSet: parameter '${name}' must be a non-negative integer, got ${v}`);
      }
    }
    if (!(data instanceof Uint8Array)) {
      throw new TypeError(`ImageSet: parameter 'data' must be a Uint8Array, got ${Object.prototype.toString.call(data)}`);
    }
    if (data.length !== count * width * height) {
      throw new RangeError(
        `ImageSet: parameter 'data' must hold count*width*height = ${count}*${width}*${height} = ${count * width * height} pixels, got ${data.length}`,
      );
    }
    this.data = data;
    this.count = count;
    this.width = width;
    this.height = height;
  }

  /** Pixels per image (`width * height`). */
  get pixels(): number {
    return this.width * this.height;
  }

  /**
   * Image `i` as a view into {@link ImageSet.data} (no copy: writing to it writes to the set).
   * @throws RangeError when `i` is not an integer in 0..count-1.
   */
  image(i: number): Uint8Array {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) {
      throw new RangeError(`ImageSet.image: argument 'i' must be an integer in 0..${this.count - 1}, got ${i}`);
    }
    const n = this.pixels;
    return this.data.subarray(i * n, (i + 1) * n);
  }

  /** A copy of images `start` (inclusive) to `end` (exclusive), clamped to the set like `Array.prototype.slice`. */
  slice(start = 0, end = this.count): ImageSet {
    const a = clamp(start, this.count);
    const b = Math.max(a, clamp(end, this.count));
    const n = this.pixels;
    return new ImageSet(new Uint8Array(this.data.subarray(a * n, b * n)), b - a, this.width, this.height);
  }

  /** A copy holding the given images, in the given order. */
  select(indices: ArrayLike<number>): ImageSet {
    const n = this.pixels;
    const out = new Uint8Array(indices.length * n);
    for (let k = 0; k < indices.length; k++) out.set(this.image(indices[k]), k * n);
    return new ImageSet(out, indices.length, this.width, this.height);
  }

  /**
   * The images as a feature matrix, one row of `width * height` values per image,
   * each pixel divided by `scale` (e.g. 255 for MNIST gives features in 0..1).
   * A large one is placed on shared WebAssembly memory where the platform has
   * it (`allocateRows`), so that parallel SVC training reads it without a copy.
   */
  toMatrix(scale = 1): Matrix {
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
      throw new RangeError(`ImageSet.toMatrix: parameter 'scale' must be a finite number > 0, got ${String(scale)}`);
    }
    const src = this.data;
    const out = allocateRows(src.length);
    if (scale === 1) {
      for (let k = 0; k < src.length; k++) out[k] = src[k];
    } else {
      for (let k = 0; k < src.length; k++) out[k] = src[k] / scale;
    }
    return new Matrix(this.count, this.pixels, out);
  }
}

function clamp(i: number, n: number): number {
  const t = Math.trunc(i);
  if (t < 0) return Math.max(0, n + t);
  return Math.min(t, n);
}
