/**
 * Deskew as an estimator-style transformer: images in, deskewed images out.
 */
import { NotFittedError } from '../core/errors.js';
import type { Transformer } from '../core/estimator.js';
import { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { readObject } from '../persistence/fields.js';
import { checkEnvelope, registerModel, type ModelJSON } from '../persistence/registry.js';
import { deskewInto } from './deskew.js';
import { toImages, type ImagesInput } from './image-input.js';
import { checkOptionalSize, checkShape, learnShape, readSize, type ImageShape } from './image-shape.js';

/** The format version written by `toJSON` (and the only one `fromJSON` reads). */
const DESKEW_FORMAT_VERSION = 1;

/** The parameters of {@link Deskew}: optionally, the image size. */
export interface DeskewParams {
  /** Image width; when omitted (or null), learnt at fit (from an ImageSet, or square images). */
  width?: number | null;
  /** Image height; when omitted (or null), learnt at fit. */
  height?: number | null;
}

/**
 * A transformer that straightens every image with {@link deskew}: one image
 * per row (or an {@link ImageSet}) in, the deskewed images (same size, as
 * float rows) out.
 *
 * `fit` learns the image size (the `width` and `height` parameters, else an
 * ImageSet's size, else square images); `transform` then needs images of that size.
 */
export class Deskew implements Transformer {
  /** Image width as given (null: learnt at fit, see {@link Deskew.imageShape}). */
  readonly width: number | null;
  /** Image height as given (null: learnt at fit). */
  readonly height: number | null;
  private shape: ImageShape | null = null;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: DeskewParams = {}) {
    const p = checkOptions(params, 'Deskew', ['width', 'height']);
    this.width = (p.width ?? null) as number | null;
    this.height = (p.height ?? null) as number | null;
  }

  /** The parameters, `null` for a size learnt at fit. */
  getParams(): { width: number | null; height: number | null } {
    return { width: this.width, height: this.height };
  }

  /**
   * Checks the parameters and learns the image size from `X`.
   * @param _y ignored (for pipelines).
   * @returns this.
   */
  fit(X: ImagesInput, _y?: ArrayLike<number>): this {
    const where = 'Deskew.fit';
    const width = checkOptionalSize(this.width, where, 'width');
    const height = checkOptionalSize(this.height, where, 'height');
    this.shape = learnShape(toImages(X, where, true), width, height, where);
    return this;
  }

  /**
   * The deskewed images, one row per image.
   * @throws NotFittedError before `fit`; RangeError when the images differ in size from those at fit
   *   or hold negative values.
   */
  transform(X: ImagesInput): Matrix {
    const where = 'Deskew.transform';
    const shape = this.fitted('transform');
    const images = toImages(X, where, true);
    checkShape(images, shape, where);
    const { width: w, height: h } = shape;
    const n = w * h;
    const out = new Matrix(images.count, n);
    for (let i = 0; i < images.count; i++) deskewInto(images.data, i * n, w, h, out.data, i * n);
    return out;
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: ImagesInput, y?: ArrayLike<number>): Matrix {
    return this.fit(X, y).transform(X);
  }

  /** Image width and height learnt at fit. */
  get imageShape(): ImageShape {
    return { ...this.fitted('imageShape') };
  }

  /**
   * The transformer as a plain JSON-safe object: `{ name: 'Deskew', version: 1, params, state }`,
   * `state` being `{ width, height }` after fit and null before.
   */
  toJSON(): ModelJSON {
    return {
      name: 'Deskew',
      version: DESKEW_FORMAT_VERSION,
      params: this.getParams(),
      state: this.shape && { width: this.shape.width, height: this.shape.height },
    };
  }

  /**
   * Rebuilds a Deskew from {@link Deskew.toJSON}'s output, fitted when it was.
   * @throws TypeError / RangeError for another model's JSON, another format version, or a damaged field.
   */
  static fromJSON(json: unknown): Deskew {
    const where = 'Deskew.fromJSON';
    const o = checkEnvelope(json, 'Deskew', [DESKEW_FORMAT_VERSION], where);
    const d = new Deskew(readObject(o, 'params', where) as DeskewParams);
    checkOptionalSize(d.width, where, 'width');
    checkOptionalSize(d.height, where, 'height');
    if (o.state === null || o.state === undefined) return d;
    const st = readObject(o, 'state', where);
    d.shape = { width: readSize(st, 'width', where), height: readSize(st, 'height', where) };
    return d;
  }

  private fitted(what: string): ImageShape {
    if (!this.shape) throw new NotFittedError(`Deskew.${what}: this Deskew is not fitted yet; call fit(X) first`);
    return this.shape;
  }
}

registerModel('Deskew', Deskew.fromJSON);
