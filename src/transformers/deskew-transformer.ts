/**
 * Deskew as an estimator-style transformer: images in, deskewed images out.
 */
import { registerModel } from '../base/registry.js';
import { deskewInto } from './deskew.js';
import { ImageTransformer, type ImageSizeParams } from './image-transformer.js';

/** The parameters of {@link Deskew}: optionally, the image size. */
export type DeskewParams = ImageSizeParams;

/**
 * A transformer that straightens every image with {@link deskew}: one image
 * per row (or an {@link ImageSet}) in, the deskewed images (same size, as
 * float rows) out.
 *
 * `fit` learns the image size (the `width` and `height` parameters, else an
 * ImageSet's size, else square images); `transform` then needs images of that size.
 */
export class Deskew extends ImageTransformer {
  protected readonly kind = 'Deskew';

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: DeskewParams = {}) {
    super(params, 'Deskew', []);
  }

  /** The parameters, `null` for a size learnt at fit. */
  getParams(): { width: number | null; height: number | null } {
    return { width: this.width, height: this.height };
  }

  /**
   * Rebuilds a Deskew from {@link Deskew.toJSON}'s output, fitted when it was.
   * @throws TypeError / RangeError for another model's JSON, another format version, or a damaged field.
   */
  static fromJSON(json: unknown): Deskew {
    return ImageTransformer.readJSON(json, 'Deskew', (p) => new Deskew(p as DeskewParams));
  }

  protected mapImage(src: ArrayLike<number>, offset: number, w: number, h: number, out: Float64Array, outOffset: number): void {
    deskewInto(src, offset, w, h, out, outOffset);
  }

  protected checkOwnParams(): void {}
}

registerModel('Deskew', Deskew.fromJSON);
