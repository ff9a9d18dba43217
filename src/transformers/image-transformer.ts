/**
 * The shared body of the transformers that map every image to a vector
 * (Deskew and Blur: an image of the same size; HOG: a descriptor of another
 * length): the optional `width` / `height` parameters, learning the image
 * size at `fit`, `transform` image by image, and the saved state (the size).
 * A subclass declares its spec and says how to map one image of a given size.
 */
import { Estimator, type EstimatorSpec } from '../base/estimator.js';
import { paramRule, type ParamDef } from '../base/params.js';
import type { Transformer } from '../base/protocol.js';
import { stateField, type StateSchema } from '../base/state.js';
import { provide } from '../base/capabilities.js';
import { newOutputHook } from '../base/hooks.js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../core/limits.js';
import { Matrix } from '../core/matrix.js';
import { allocateSharedRows } from '../compute/shared-rows.js';
import { toImages, type ImagesInput } from './image-input.js';
import { checkShape, learnShape, type ImageShape } from './image-shape.js';

/** The size parameters every image transformer takes. */
export interface ImageSizeParams {
  /** Image width; when omitted (or null), learnt at fit (from an ImageSet, or square images). */
  width?: number | null;
  /** Image height; when omitted (or null), learnt at fit. */
  height?: number | null;
}

/** Maps one image of the fitted size to the output vector. */
export interface ImageMapper {
  /** Values out per image. */
  readonly outputLength: number;
  /** Maps the image at `src[offset ..)` into `out[outOffset .. outOffset + outputLength)`. */
  map(src: ArrayLike<number>, offset: number, out: Float64Array, outOffset: number): void;
}

/** What an image transformer learns: the image size, and the mapper made for it. */
export interface ImageTransformerState extends ImageShape {
  mapper: ImageMapper;
}

const size: ParamDef<number | null> = {
  rule: paramRule.nullable(paramRule.number({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }), 'to learn it at fit'),
  default: null,
};

/** The `width` and `height` parameters, for a subclass's spec. */
export const IMAGE_SIZE_PARAMS = { width: size, height: size };

/** The saved state of every image transformer: the image size learnt at fit. */
export const IMAGE_STATE: StateSchema<ImageShape> = {
  width: stateField.number({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }),
  height: stateField.number({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }),
};

/** The image-size invariant of a saved transformer: at most MAX_IMAGE_PIXELS, and the size its parameters give. */
export function checkImageState(s: ImageShape, p: ImageSizeParams, where: string): void {
  if (s.width * s.height > MAX_IMAGE_PIXELS) {
    throw new RangeError(`${where}: fields 'state.width' and 'state.height' must make at most ${MAX_IMAGE_PIXELS} pixels, got ${s.width}×${s.height}`);
  }
  if ((p.width != null && p.width !== s.width) || (p.height != null && p.height !== s.height)) {
    throw new RangeError(`${where}: fields 'state.width' and 'state.height' must be the parameters' ${p.width ?? '?'}×${p.height ?? '?'}, got ${s.width}×${s.height}`);
  }
}

/** The spec of an image transformer: its parameters (with `width` and `height`) and the image-size state. */
export type ImageTransformerSpec<P extends ImageSizeParams> = EstimatorSpec<P, ImageShape>;

export abstract class ImageTransformer<P extends ImageSizeParams> extends Estimator<P, ImageTransformerState, ImageShape> implements Transformer {
  /** Image width as given (null: learnt at fit, see `imageShape`). */
  declare readonly width: number | null;
  /** Image height as given (null: learnt at fit). */
  declare readonly height: number | null;

  /** The class name, for messages. */
  private get kind(): string {
    return (this.constructor as unknown as { spec: { name: string } }).spec.name;
  }

  /**
   * The mapper for images of `shape` (the parameters are checked).
   * @throws RangeError when the images cannot be mapped (too small for one HOG block, say).
   */
  protected abstract makeMapper(shape: ImageShape, where: string): ImageMapper;

  /** Whether pixels must be ≥ 0 (Deskew, Blur; HOG only with `transformSqrt`). */
  protected requiresNonNegative(): boolean {
    return true;
  }

  /**
   * Checks the parameters and learns the image size from `X`.
   * @param X images: an `ImageSet`, or one image per row.
   * @param _y ignored (for pipelines).
   * @returns this.
   * @throws TypeError / RangeError for a bad parameter or bad input.
   */
  fit(X: ImagesInput, _y?: ArrayLike<number>): this {
    const where = `${this.kind}.fit`;
    this.checkParams(where);
    const shape = learnShape(toImages(X, where, this.requiresNonNegative()), this.width, this.height, where);
    return this.keepState({ ...shape, mapper: this.makeMapper(shape, where) });
  }

  /**
   * The mapped images, one row per image.
   * @throws NotFittedError before `fit`; RangeError when the images differ in size from those at fit
   *   or hold values the transformer refuses.
   */
  transform(X: ImagesInput): Matrix {
    const where = `${this.kind}.transform`;
    const s = this.fitted('transform');
    const images = toImages(X, where, this.requiresNonNegative());
    checkShape(images, s, where);
    const n = s.width * s.height;
    const len = s.mapper.outputLength;
    // On shared memory when large, as loadMnist's features: worker threads read the rows (queries of a
    // threaded prediction, training rows of a parallel fit) where they are, with no copy (162 MB for the
    // HOG features of MNIST's 10,000 test images).
    const out = new Matrix(images.count, len, allocateSharedRows(images.count * len));
    for (let i = 0; i < images.count; i++) s.mapper.map(images.data, i * n, out.data, i * len);
    return out;
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: ImagesInput, y?: ArrayLike<number>): Matrix {
    return this.fit(X, y).transform(X);
  }

  /** Image width and height learnt at fit. */
  get imageShape(): ImageShape {
    const s = this.fitted('imageShape');
    return { width: s.width, height: s.height };
  }

  /** Features per input image (width × height), learnt at fit. */
  get nFeaturesIn(): number {
    const s = this.fitted('nFeaturesIn');
    return s.width * s.height;
  }

  /** Values per output row. */
  get nFeaturesOut(): number {
    return this.fitted('nFeaturesOut').mapper.outputLength;
  }

  protected override savedState(s: ImageTransformerState): ImageShape {
    return { width: s.width, height: s.height };
  }

  protected override restoredState(saved: ImageShape): ImageTransformerState {
    return { ...saved, mapper: this.makeMapper(saved, `${this.kind}.fromJSON`) };
  }
}

// transform writes a new matrix for each call and keeps none (see newOutputHook).
provide(newOutputHook, ImageTransformer, () => true);
