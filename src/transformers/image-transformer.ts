/**
 * The shared body of the transformers that map every image to an image of
 * the same size (Deskew, Blur): the optional `width` / `height` parameters,
 * learning the image size at `fit`, `transform` row by row, and the tagged
 * JSON form. A subclass names itself, says how to map one image, and lists
 * its own parameters.
 */
import { NotFittedError } from '../core/errors.js';
import type { Transformer } from '../base/protocol.js';
import { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { readObject } from '../persistence/fields.js';
import { checkEnvelope, type ModelJSON } from '../base/registry.js';
import { toImages, type ImagesInput } from './image-input.js';
import { checkOptionalSize, checkShape, learnShape, readSize, type ImageShape } from './image-shape.js';

/** The size parameters every image transformer takes. */
export interface ImageSizeParams {
  /** Image width; when omitted (or null), learnt at fit (from an ImageSet, or square images). */
  width?: number | null;
  /** Image height; when omitted (or null), learnt at fit. */
  height?: number | null;
}

export abstract class ImageTransformer implements Transformer {
  /** Image width as given (null: learnt at fit, see `imageShape`). */
  readonly width: number | null;
  /** Image height as given (null: learnt at fit). */
  readonly height: number | null;
  private shape: ImageShape | null = null;

  /** The class name, in messages and in the JSON tag. */
  protected abstract readonly kind: string;

  /**
   * @param params the parameters, `width` and `height` among them.
   * @param kind the class name, for the unknown-option error.
   * @param extra the subclass's own parameter names.
   */
  protected constructor(params: ImageSizeParams, kind: string, extra: string[]) {
    const p = checkOptions(params, kind, ['width', 'height', ...extra]);
    this.width = (p.width ?? null) as number | null;
    this.height = (p.height ?? null) as number | null;
  }

  /** Maps the image at `src[offset ..)` into `out[outOffset ..)` (checked input, fitted size). */
  protected abstract mapImage(src: ArrayLike<number>, offset: number, width: number, height: number, out: Float64Array, outOffset: number): void;

  /** Checks the subclass's own parameters (at fit and fromJSON). */
  protected abstract checkOwnParams(where: string): void;

  /** The parameters, `null` for a size learnt at fit. */
  abstract getParams(): Record<string, unknown>;

  /**
   * Checks the parameters and learns the image size from `X`.
   * @param _y ignored (for pipelines).
   * @returns this.
   */
  fit(X: ImagesInput, _y?: ArrayLike<number>): this {
    const where = `${this.kind}.fit`;
    const width = checkOptionalSize(this.width, where, 'width');
    const height = checkOptionalSize(this.height, where, 'height');
    this.checkOwnParams(where);
    this.shape = learnShape(toImages(X, where, true), width, height, where);
    return this;
  }

  /**
   * The mapped images, one row per image.
   * @throws NotFittedError before `fit`; RangeError when the images differ in size from those at fit
   *   or hold negative values.
   */
  transform(X: ImagesInput): Matrix {
    const where = `${this.kind}.transform`;
    const shape = this.fitted('transform');
    const images = toImages(X, where, true);
    checkShape(images, shape, where);
    const { width: w, height: h } = shape;
    const n = w * h;
    const out = new Matrix(images.count, n);
    for (let i = 0; i < images.count; i++) this.mapImage(images.data, i * n, w, h, out.data, i * n);
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

  /** Features per input image (width × height), learnt at fit. */
  get nFeaturesIn(): number {
    const s = this.fitted('nFeaturesIn');
    return s.width * s.height;
  }

  /**
   * The transformer as a plain JSON-safe object: `{ name, version, params, state }`,
   * `state` being `{ width, height }` after fit and null before.
   */
  toJSON(): ModelJSON {
    return {
      name: this.kind,
      version: 1,
      params: this.getParams(),
      state: this.shape && { width: this.shape.width, height: this.shape.height },
    };
  }

  /**
   * Rebuilds a transformer of class `kind` from `toJSON()` output, fitted when it was.
   * @throws TypeError / RangeError for another model's JSON, another format version, or a damaged field.
   */
  protected static readJSON<T extends ImageTransformer>(json: unknown, kind: string, make: (params: Record<string, unknown>) => T): T {
    const where = `${kind}.fromJSON`;
    const o = checkEnvelope(json, kind, [1], where);
    const t = make(readObject(o, 'params', where));
    checkOptionalSize(t.width, where, 'width');
    checkOptionalSize(t.height, where, 'height');
    t.checkOwnParams(where);
    if (o.state === null || o.state === undefined) return t;
    const st = readObject(o, 'state', where);
    t.shape = { width: readSize(st, 'width', where), height: readSize(st, 'height', where) };
    return t;
  }

  private fitted(what: string): ImageShape {
    if (!this.shape) throw new NotFittedError(`${this.kind}.${what}: this ${this.kind} is not fitted yet; call fit(X) first`);
    return this.shape;
  }
}
