/**
 * HOG as an estimator-style transformer: images in, HOG descriptors out.
 */
import { NotFittedError } from '../core/errors.js';
import type { Transformer } from '../base/protocol.js';
import type { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { readObject } from '../persistence/fields.js';
import { checkEnvelope, registerModel, type ModelJSON } from '../base/registry.js';
import { extractAll } from './hog.js';
import { HogExtractor } from './hog-extractor.js';
import { HOG_PARAM_NAMES, resolveHogParams, type HogBlockNorm, type HogParams } from './hog-params.js';
import { toImages, type ImagesInput } from './image-input.js';
import { checkOptionalSize, checkShape, learnShape, readSize, type ImageShape } from './image-shape.js';

/** The format version written by `toJSON` (and the only one `fromJSON` reads). */
const HOG_FORMAT_VERSION = 1;

/** The parameters of {@link HOG}: the {@link HogParams} and, optionally, the image size. */
export interface HOGParams extends HogParams {
  /** Image width; when omitted (or null), learnt at fit (from an ImageSet, or square images). */
  width?: number | null;
  /** Image height; when omitted (or null), learnt at fit. */
  height?: number | null;
}

/** {@link HOG.getParams}: every parameter, defaults filled in (`null` for a size learnt at fit). */
export type HOGResolvedParams = {
  orientations: number;
  pixelsPerCell: [number, number];
  cellsPerBlock: [number, number];
  blockNorm: HogBlockNorm;
  transformSqrt: boolean;
  width: number | null;
  height: number | null;
};

const PARAM_NAMES = [...HOG_PARAM_NAMES, 'width', 'height'];

/**
 * A transformer from images (one per row, or an {@link ImageSet}) to their
 * HOG descriptors, computed like {@link hog} (scikit-image's `hog`).
 *
 * `fit` checks the parameters and learns the image size (the `width` and
 * `height` parameters, else an ImageSet's size, else square images of
 * sqrt(features) pixels a side); `transform` then needs images of that size.
 *
 * @example
 * ```ts
 * const hogT = new HOG({ orientations: 9, pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] });
 * const F = hogT.fitTransform(mnist.images); // 324 features per image
 * ```
 */
export class HOG implements Transformer {
  /** Number of orientation bins over 0..180°. */
  readonly orientations: number;
  /** Cell size in pixels, `[rows, cols]`. */
  readonly pixelsPerCell: [number, number];
  /** Block size in cells, `[rows, cols]`. */
  readonly cellsPerBlock: [number, number];
  /** Block normalisation. */
  readonly blockNorm: HogBlockNorm;
  /** Whether pixels are square-rooted first. */
  readonly transformSqrt: boolean;
  /** Image width as given (null: learnt at fit, see {@link HOG.imageShape}). */
  readonly width: number | null;
  /** Image height as given (null: learnt at fit). */
  readonly height: number | null;
  private state: { shape: ImageShape; extractor: HogExtractor } | null = null;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: HOGParams = {}) {
    const p = checkOptions(params, 'HOG', PARAM_NAMES);
    this.orientations = (p.orientations ?? 9) as number;
    this.pixelsPerCell = copyPair(p.pixelsPerCell ?? [8, 8]);
    this.cellsPerBlock = copyPair(p.cellsPerBlock ?? [3, 3]);
    this.blockNorm = (p.blockNorm ?? 'L2-Hys') as HogBlockNorm;
    this.transformSqrt = (p.transformSqrt ?? false) as boolean;
    this.width = (p.width ?? null) as number | null;
    this.height = (p.height ?? null) as number | null;
  }

  /** The parameters, as given to the constructor with defaults filled in. */
  getParams(): HOGResolvedParams {
    return {
      orientations: this.orientations,
      pixelsPerCell: copyPair(this.pixelsPerCell),
      cellsPerBlock: copyPair(this.cellsPerBlock),
      blockNorm: this.blockNorm,
      transformSqrt: this.transformSqrt,
      width: this.width,
      height: this.height,
    };
  }

  /**
   * Checks the parameters and learns the image size from `X`.
   * @param X images: an {@link ImageSet}, or one image per row.
   * @param _y ignored (for pipelines).
   * @returns this.
   * @throws TypeError / RangeError for a bad parameter, bad input, or images too small for one block.
   */
  fit(X: ImagesInput, _y?: ArrayLike<number>): this {
    const where = 'HOG.fit';
    const p = resolveHogParams(this.getParams(), where);
    const width = checkOptionalSize(this.width, where, 'width');
    const height = checkOptionalSize(this.height, where, 'height');
    const images = toImages(X, where, p.transformSqrt);
    const shape = learnShape(images, width, height, where);
    this.state = { shape, extractor: new HogExtractor(p, shape.width, shape.height, where) };
    return this;
  }

  /**
   * The HOG descriptors of `X`, one row per image.
   * @throws NotFittedError before `fit`; RangeError when the images differ in size from those at fit.
   */
  transform(X: ImagesInput): Matrix {
    const where = 'HOG.transform';
    const s = this.fitted('transform');
    const images = toImages(X, where, this.transformSqrt);
    checkShape(images, s.shape, where);
    return extractAll(s.extractor, images.data, images.count);
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: ImagesInput, y?: ArrayLike<number>): Matrix {
    return this.fit(X, y).transform(X);
  }

  /** Image width and height learnt at fit. */
  get imageShape(): ImageShape {
    return { ...this.fitted('imageShape').shape };
  }

  /** Features per input image (width × height), learnt at fit. */
  get nFeaturesIn(): number {
    const s = this.fitted('nFeaturesIn').shape;
    return s.width * s.height;
  }

  /** Length of one HOG descriptor. */
  get nFeaturesOut(): number {
    return this.fitted('nFeaturesOut').extractor.length;
  }

  /**
   * The transformer as a plain JSON-safe object: `{ name: 'HOG', version: 1, params, state }`,
   * `state` being `{ width, height }` after fit and null before.
   */
  toJSON(): ModelJSON {
    return {
      name: 'HOG',
      version: HOG_FORMAT_VERSION,
      params: this.getParams(),
      state: this.state && { width: this.state.shape.width, height: this.state.shape.height },
    };
  }

  /**
   * Rebuilds a HOG from {@link HOG.toJSON}'s output, fitted when it was.
   * @throws TypeError / RangeError for another model's JSON, another format version, or a damaged field.
   */
  static fromJSON(json: unknown): HOG {
    const where = 'HOG.fromJSON';
    const o = checkEnvelope(json, 'HOG', [HOG_FORMAT_VERSION], where);
    const h = new HOG(readObject(o, 'params', where) as HOGParams);
    const p = resolveHogParams(h.getParams(), where);
    checkOptionalSize(h.width, where, 'width');
    checkOptionalSize(h.height, where, 'height');
    if (o.state === null || o.state === undefined) return h;
    const st = readObject(o, 'state', where);
    const shape = { width: readSize(st, 'width', where), height: readSize(st, 'height', where) };
    h.state = { shape, extractor: new HogExtractor(p, shape.width, shape.height, where) };
    return h;
  }

  private fitted(what: string): { shape: ImageShape; extractor: HogExtractor } {
    if (!this.state) throw new NotFittedError(`HOG.${what}: this HOG is not fitted yet; call fit(X) first`);
    return this.state;
  }
}

function copyPair(v: unknown): [number, number] {
  // Kept as given (checked at fit); a copy so that the caller's array can change freely.
  return Array.isArray(v) ? ([...v] as [number, number]) : (v as [number, number]);
}

registerModel('HOG', HOG.fromJSON);
