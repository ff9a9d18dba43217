/**
 * HOG as an estimator-style transformer: images in, HOG descriptors out.
 */
import { registerEstimator } from '../base/estimator.js';
import { HogExtractor } from './hog-extractor.js';
import { HOG_DESCRIPTOR_PARAMS, type HogBlockNorm, type HogDescriptorParams } from './hog-params.js';
import type { ImageShape } from './image-shape.js';
import { checkImageState, IMAGE_SIZE_PARAMS, IMAGE_STATE, ImageTransformer, type ImageMapper, type ImageSizeParams, type ImageTransformerSpec } from './image-transformer.js';

/** The parameters of {@link HOG}: the {@link HogDescriptorParams} and, optionally, the image size. */
export interface HOGParams extends HogDescriptorParams, ImageSizeParams {}

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

const HOG_SPEC: ImageTransformerSpec<HOGParams> = {
  name: 'HOG',
  version: 1,
  kind: 'transformer',
  params: { ...HOG_DESCRIPTOR_PARAMS, ...IMAGE_SIZE_PARAMS },
  state: IMAGE_STATE,
  checkState: checkImageState,
};

/**
 * A transformer from images (one per row, or an `ImageSet`) to their
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
export class HOG extends ImageTransformer<HOGParams> {
  /** The class's parameters, format and saved state (see `Estimator`). */
  static readonly spec = HOG_SPEC;

  /** Number of orientation bins over 0..180°. */
  declare readonly orientations: number;
  /** Cell size in pixels, `[rows, cols]`. */
  declare readonly pixelsPerCell: [number, number];
  /** Block size in cells, `[rows, cols]`. */
  declare readonly cellsPerBlock: [number, number];
  /** Block normalisation. */
  declare readonly blockNorm: HogBlockNorm;
  /** Whether pixels are square-rooted first. */
  declare readonly transformSqrt: boolean;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: HOGParams = {}) {
    super(params);
  }

  /** The parameters, as given to the constructor with defaults filled in. */
  override getParams(): HOGResolvedParams {
    return super.getParams() as HOGResolvedParams;
  }

  protected override requiresNonNegative(): boolean {
    return this.transformSqrt;
  }

  protected makeMapper({ width, height }: ImageShape, where: string): ImageMapper {
    const { orientations, pixelsPerCell, cellsPerBlock, blockNorm, transformSqrt } = this.getParams();
    const ex = new HogExtractor({ orientations, pixelsPerCell, cellsPerBlock, blockNorm, transformSqrt }, width, height, where);
    return { outputLength: ex.length, map: (src, offset, out, outOffset) => ex.extract(src, offset, out, outOffset) };
  }
}

registerEstimator(HOG);
