/**
 * Blur as an estimator-style transformer: images in, blurred images out.
 */
import { registerModel } from '../base/registry.js';
import { binomialWeights, blurInto, checkRadius } from './blur.js';
import { ImageTransformer, type ImageSizeParams } from './image-transformer.js';

/** The parameters of {@link Blur}. */
export interface BlurParams extends ImageSizeParams {
  /** The filter's radius in pixels, an integer 1..10. Default 1: weights [1/4, 1/2, 1/4]. */
  radius?: number;
}

/**
 * A transformer that blurs every image with {@link blur}: one image per row
 * (or an {@link ImageSet}) in, the blurred images (same size, as float rows) out.
 *
 * ```ts
 * makePipeline(new Deskew(), new Blur(), new HOG({ pixelsPerCell: [4, 4], cellsPerBlock: [3, 3], blockNorm: 'L1-sqrt' }), new KNeighborsClassifier({ nNeighbors: 3 }));
 * ```
 *
 * `fit` learns the image size (the `width` and `height` parameters, else an
 * ImageSet's size, else square images); `transform` then needs images of that size.
 */
export class Blur extends ImageTransformer {
  protected readonly kind = 'Blur';
  readonly radius: number;
  private weights: Float64Array | null = null;
  private scratch: Float64Array | null = null;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: BlurParams = {}) {
    super(params, 'Blur', ['radius']);
    this.radius = params.radius ?? 1;
  }

  /** The parameters, `null` for a size learnt at fit. */
  getParams(): { width: number | null; height: number | null; radius: number } {
    return { width: this.width, height: this.height, radius: this.radius };
  }

  /**
   * Rebuilds a Blur from {@link Blur.toJSON}'s output, fitted when it was.
   * @throws TypeError / RangeError for another model's JSON, another format version, or a damaged field.
   */
  static fromJSON(json: unknown): Blur {
    return ImageTransformer.readJSON(json, 'Blur', (p) => new Blur(p as BlurParams));
  }

  protected mapImage(src: ArrayLike<number>, offset: number, w: number, h: number, out: Float64Array, outOffset: number): void {
    // The weights and the scratch image are made once, not once per image.
    if (this.weights?.length !== 2 * this.radius + 1) this.weights = binomialWeights(this.radius);
    if (this.scratch?.length !== w * h) this.scratch = new Float64Array(w * h);
    blurInto(src, offset, w, h, this.weights, out, outOffset, this.scratch);
  }

  protected checkOwnParams(where: string): void {
    checkRadius(this.radius, where);
  }
}

registerModel('Blur', Blur.fromJSON);
