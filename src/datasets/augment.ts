/**
 * `augmentImages`: seeded copies of digit images, moved a little as people's
 * writing varies — shifted, turned, scaled, slanted, with thinner or thicker
 * strokes — to train a model that reads more than its training set's style.
 */
import { paramMessage } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { checkNumber, toLabels, toMatrix, type FeatureInput, type LabelInput } from '../core/validation.js';
import { Mt19937 } from '../core/mt19937.js';

/** Options of {@link augmentImages}. Every amount is drawn uniformly in [−max, max] per copy. */
export interface AugmentOptions {
  /** Copies made of each image, an integer ≥ 1 (default 1). */
  copies?: number;
  /** Keep the originals in the result, before the copies (default true). */
  includeOriginals?: boolean;
  /** The seed of the draws, an integer in 0..2³²−1 (default 0): the same seed gives the same copies. */
  seed?: number;
  /** Image width and height; by default square images (√features a side). */
  width?: number;
  height?: number;
  /** Largest shift, in pixels, along each axis (default 1.5). */
  maxShift?: number;
  /** Largest turn, in degrees (default 8). */
  maxRotation?: number;
  /** Largest change of size, as a fraction (default 0.08: 92% to 108%). */
  maxScale?: number;
  /** Largest horizontal slant, as the shear factor x += s · y (default 0.15). */
  maxShear?: number;
  /**
   * Share of copies whose strokes are made thicker or thinner, half each
   * (default 0.4): a grey dilation or erosion of the 4-neighbourhood,
   * blended at a random strength.
   */
  strokeChange?: number;
}

/**
 * Makes `copies` moved copies of each image (one image per row of `X`, its
 * pixels row by row, ink bright on dark as in MNIST): each copy is the image
 * under a random affine map about its centre (shift, rotation, scale, slant),
 * resampled bilinearly (outside the image is 0), then, for a share of copies,
 * strokes thickened or thinned. Draws come from a Mersenne Twister seeded with
 * `seed`, so a run is reproducible.
 *
 * ```ts
 * const train = loadMnistSync({ split: 'train', limit: 1000 });
 * const more = augmentImages(train.features, train.labels, { copies: 2, seed: 1 }); // 3,000 rows: originals, then copies
 * ```
 *
 * @returns the images (`X`, rows in the order: originals, then each image's copies in turn) and their labels (`y`).
 * @throws TypeError / RangeError for bad images, labels, sizes or options.
 */
export function augmentImages(X: FeatureInput, y: LabelInput, options: AugmentOptions = {}): { X: Matrix; y: Int32Array } {
  const where = 'augmentImages';
  const images = toMatrix(X, where, 'X');
  const labels = toLabels(y, where, images.rows);
  const o = readOptions(options, images.cols, where);
  const n = images.rows;
  const d = images.cols;
  const first = o.includeOriginals ? n : 0;
  const out = new Matrix(first + n * o.copies, d);
  const outY = new Int32Array(out.rows);
  if (o.includeOriginals) {
    out.data.set(images.data.subarray(0, n * d));
    outY.set(labels);
  }
  const rng = new Mt19937(o.seed);
  const uniform = (max: number) => (rng.nextUint32() / 4294967296 - 0.5) * 2 * max;
  const scratch = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const src = images.data.subarray(i * d, (i + 1) * d);
    for (let c = 0; c < o.copies; c++) {
      const row = first + i * o.copies + c;
      const dst = out.data.subarray(row * d, (row + 1) * d);
      const angle = (uniform(o.maxRotation) * Math.PI) / 180;
      const scale = 1 + uniform(o.maxScale);
      const shear = uniform(o.maxShear);
      const dx = uniform(o.maxShift);
      const dy = uniform(o.maxShift);
      warp(src, dst, o.width, o.height, angle, scale, shear, dx, dy);
      const stroke = rng.nextUint32() / 4294967296;
      const strength = 0.5 + 0.5 * (rng.nextUint32() / 4294967296);
      if (stroke < o.strokeChange / 2) changeStrokes(dst, scratch, o.width, o.height, strength, true);
      else if (stroke < o.strokeChange) changeStrokes(dst, scratch, o.width, o.height, strength, false);
      outY[row] = labels[i];
    }
  }
  return { X: out, y: outY };
}

/**
 * dst = src under the map (about the image centre) that turns by `angle`,
 * scales by `scale`, slants by `shear` and shifts by (dx, dy): each output pixel
 * samples the source at the inverse map, bilinearly.
 */
function warp(src: Float64Array, dst: Float64Array, w: number, h: number, angle: number, scale: number, shear: number, dx: number, dy: number): void {
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  // Forward: p' = S·R·H·(p − c) + c + d, with H = [[1, shear], [0, 1]]. Inverse of the 2×2 part, applied per pixel.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const a = scale * cos;
  const b = scale * (cos * shear - sin);
  const c = scale * sin;
  const e = scale * (sin * shear + cos);
  const det = a * e - b * c;
  const ia = e / det;
  const ib = -b / det;
  const ic = -c / det;
  const ie = a / det;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = x - cx - dx;
      const v = y - cy - dy;
      const sx = ia * u + ib * v + cx;
      const sy = ic * u + ie * v + cy;
      dst[y * w + x] = bilinear(src, w, h, sx, sy);
    }
  }
}

function bilinear(src: Float64Array, w: number, h: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx >= 0 && yy >= 0 && xx < w && yy < h ? src[yy * w + xx] : 0);
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

/**
 * Thickens (the brightest of each pixel and its 4 neighbours) or thins (the
 * darkest) the strokes, blended with the image at `strength` in [0.5, 1].
 */
function changeStrokes(img: Float64Array, scratch: Float64Array, w: number, h: number, strength: number, thicker: boolean): void {
  scratch.set(img.subarray(0, w * h));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let m = scratch[i];
      const around = [x > 0 ? scratch[i - 1] : 0, x < w - 1 ? scratch[i + 1] : 0, y > 0 ? scratch[i - w] : 0, y < h - 1 ? scratch[i + w] : 0];
      for (const v of around) m = thicker ? Math.max(m, v) : Math.min(m, v);
      img[i] = (1 - strength) * scratch[i] + strength * m;
    }
  }
}

function readOptions(options: AugmentOptions, d: number, where: string) {
  const o = checkOptions(options, where, ['copies', 'includeOriginals', 'seed', 'width', 'height', 'maxShift', 'maxRotation', 'maxScale', 'maxShear', 'strokeChange']) as AugmentOptions;
  const num = (name: keyof AugmentOptions, fallback: number, bounds: { gt?: number; ge?: number; le?: number; integer?: boolean }) =>
    o[name] === undefined ? fallback : checkNumber(o[name], where, name, bounds);
  const side = Math.round(Math.sqrt(d));
  const width = num('width', side, { integer: true, ge: 1 });
  const height = num('height', o.width === undefined ? side : Math.round(d / width), { integer: true, ge: 1 });
  if (width * height !== d) {
    throw new RangeError(`${where}: options 'width' × 'height' must equal the ${d} features of each image, got ${width}×${height}; pass the images' width and height`);
  }
  if (o.includeOriginals !== undefined && typeof o.includeOriginals !== 'boolean') throw new TypeError(paramMessage(where, 'includeOriginals', 'a boolean', o.includeOriginals));
  return {
    copies: num('copies', 1, { integer: true, ge: 1, le: 1000 }),
    includeOriginals: o.includeOriginals ?? true,
    seed: num('seed', 0, { integer: true, ge: 0, le: 2 ** 32 - 1 }),
    width,
    height,
    maxShift: num('maxShift', 1.5, { ge: 0, le: Math.max(width, height) }),
    maxRotation: num('maxRotation', 8, { ge: 0, le: 180 }),
    maxScale: num('maxScale', 0.08, { ge: 0, le: 0.9 }),
    maxShear: num('maxShear', 0.15, { ge: 0, le: 2 }),
    strokeChange: num('strokeChange', 0.4, { ge: 0, le: 1 }),
  };
}
