/**
 * Blur as an estimator-style transformer: images in, blurred images out.
 */
import { registerEstimator } from '../base/estimator.js';
import { paramRule } from '../base/params.js';
import { binomialWeights, blurInto } from './blur.js';
import type { ImageShape } from './image-shape.js';
import { checkImageState, IMAGE_SIZE_PARAMS, IMAGE_STATE, ImageTransformer, type ImageMapper, type ImageSizeParams, type ImageTransformerSpec } from './image-transformer.js';

/** The parameters of {@link Blur}. */
export interface BlurParams extends ImageSizeParams {
  /** The filter's radius in pixels, an integer 1..10. Default 1: weights [1/4, 1/2, 1/4]. */
  radius?: number;
}

const BLUR_SPEC: ImageTransformerSpec<BlurParams> = {
  name: 'Blur',
  version: 1,
  kind: 'transformer',
  params: { ...IMAGE_SIZE_PARAMS, radius: { rule: paramRule.number({ integer: true, ge: 1, le: 10 }), default: 1 } },
  state: IMAGE_STATE,
  checkState: checkImageState,
};

/**
 * A transformer that blurs every image with {@link blur}: one image per row
 * (or an `ImageSet`) in, the blurred images (same size, as float rows) out.
 *
 * ```ts
 * makePipeline(new Deskew(), new Blur(), new HOG({ pixelsPerCell: [4, 4], cellsPerBlock: [3, 3], blockNorm: 'L1-sqrt' }), new KNeighborsClassifier({ nNeighbors: 3 }));
 * ```
 *
 * `fit` learns the image size (the `width` and `height` parameters, else an
 * ImageSet's size, else square images); `transform` then needs images of that size.
 */
export class Blur extends ImageTransformer<BlurParams> {
  /** The class's parameters, format and saved state (see `Estimator`). */
  static readonly spec = BLUR_SPEC;

  /** The filter's radius in pixels. */
  declare readonly radius: number;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: BlurParams = {}) {
    super(params);
  }

  protected makeMapper({ width, height }: ImageShape): ImageMapper {
    // The weights and the scratch image are made once, not once per image.
    const weights = binomialWeights(this.radius);
    const scratch = new Float64Array(width * height);
    return { outputLength: width * height, map: (src, offset, out, outOffset) => blurInto(src, offset, width, height, weights, out, outOffset, scratch) };
  }
}

registerEstimator(Blur);
