/**
 * `greyFromImageData`: a canvas's pixels (`ctx.getImageData(…)`) → a
 * {@link GreyImage} that `readDigits` reads, in browsers and workers alike.
 */
import { describe } from '../core/errors.js';
import type { GreyImage } from './grey-image.js';

/**
 * What `CanvasRenderingContext2D.getImageData` returns, reduced to what is
 * read: RGBA bytes, four per pixel, row-major from the top-left corner. An
 * `ImageData`, or any object of this shape (an `OffscreenCanvas`'s, a copy
 * posted to a worker).
 */
export interface ImageDataLike {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** `width * height * 4` bytes: red, green, blue, alpha of each pixel. */
  data: Uint8ClampedArray | Uint8Array;
}

/**
 * A canvas's RGBA pixels as a greyscale picture: brightness by the Rec. 601
 * weights (0.299 R + 0.587 G + 0.114 B, as {@link readPng} does), and
 * transparency composited onto white paper, so that a canvas never filled
 * (transparent, RGBA 0,0,0,0) with black strokes reads as black ink on white.
 *
 * ```ts
 * const image = greyFromImageData(ctx.getImageData(0, 0, canvas.width, canvas.height));
 * readDigits(image, model).text;
 * ```
 * @throws TypeError when `imageData` is not of that shape; RangeError for sizes that are not integers ≥ 1 or a `data` of the wrong length.
 */
export function greyFromImageData(imageData: ImageDataLike): GreyImage {
  const where = 'greyFromImageData';
  if (imageData === null || typeof imageData !== 'object') {
    throw new TypeError(`${where}: argument 'imageData' must be an ImageData { width, height, data }, got ${describe(imageData)}`);
  }
  const { width, height, data } = imageData;
  for (const [key, v] of [['width', width], ['height', height]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new RangeError(`${where}: argument 'imageData' must have an integer ${key} >= 1, got ${describe(v)}`);
    }
  }
  if (!(data instanceof Uint8ClampedArray) && !(data instanceof Uint8Array)) {
    throw new TypeError(`${where}: argument 'imageData' must have 'data' as a Uint8ClampedArray (or Uint8Array) of RGBA bytes, got ${describe(data)}`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`${where}: argument 'imageData' must hold width × height × 4 = ${width}×${height}×4 = ${width * height * 4} bytes, got ${data.length}`);
  }
  const out = new Float64Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    const alpha = data[j + 3] / 255;
    const grey = (0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2]) / 255;
    // Over white paper: what shows is grey where opaque, white where transparent.
    out[i] = Math.min(1, Math.max(0, grey * alpha + (1 - alpha)));
  }
  return { width, height, data: out };
}
