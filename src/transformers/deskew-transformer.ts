/**
 * Deskew as an estimator-style transformer: images in, deskewed images out.
 */
import { registerEstimator } from '../base/estimator.js';
import { deskewInto } from './deskew.js';
import type { ImageShape } from './image-shape.js';
import { checkImageState, IMAGE_SIZE_PARAMS, IMAGE_STATE, ImageTransformer, type ImageMapper, type ImageSizeParams, type ImageTransformerSpec } from './image-transformer.js';

/** The parameters of {@link Deskew}: optionally, the image size. */
export type DeskewParams = ImageSizeParams;

const DESKEW_SPEC: ImageTransformerSpec<DeskewParams> = {
  name: 'Deskew',
  version: 1,
  kind: 'transformer',
  params: IMAGE_SIZE_PARAMS,
  state: IMAGE_STATE,
  checkState: checkImageState,
};

/**
 * A transformer that straightens every image with {@link deskew}: one image
 * per row (or an `ImageSet`) in, the deskewed images (same size, as
 * float rows) out.
 *
 * `fit` learns the image size (the `width` and `height` parameters, else an
 * ImageSet's size, else square images); `transform` then needs images of that size.
 */
export class Deskew extends ImageTransformer<DeskewParams> {
  /** The class's parameters, format and saved state (see `Estimator`). */
  static readonly spec = DESKEW_SPEC;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: DeskewParams = {}) {
    super(params);
  }

  protected makeMapper({ width, height }: ImageShape): ImageMapper {
    return { outputLength: width * height, map: (src, offset, out, outOffset) => deskewInto(src, offset, width, height, out, outOffset) };
  }
}

registerEstimator(Deskew);
