/**
 * `readDigits` / `readDigit`: a picture and a fitted model → the digits written in it.
 */
import { pretrainedModelSync } from '../pretrained/pretrained-model.js';
import type { Classifier } from '../base/protocol.js';
import { isClassifier } from '../base/protocol.js';
import { describe } from '../core/errors.js';
import { Matrix } from '../core/matrix.js';
import { checkBoolean, checkChoice, checkNumber } from '../core/validation.js';
import type { PixelBox } from './components.js';
import { checkGreyImage, type GreyImage } from './grey-image.js';
import { inkMap } from './ink.js';
import { predictWithConfidence } from '../base/confidence.js';
import { FORMAT_FEATURES, modelFormat, type DigitFormat } from './model-input.js';
import { patchTo8x8, patchToMnist, regionPatch } from './normalize.js';
import { decodeGreyPicture } from './picture.js';
import { findDigits, resolveSegmentOptions, type SegmentOptions } from './segment.js';

/** Options of {@link readDigits} and {@link readDigit}: segmentation, and the model's input format. */
export interface ReadDigitsOptions extends SegmentOptions {
  /**
   * The format the model reads: `'mnist'` (784 values in 0..1) or `'digits8x8'` (64 counts in 0..16).
   * By default (`'auto'`) it follows the model's `nFeaturesIn`: 784 or 64.
   */
  format?: DigitFormat | 'auto';
  /** The picture holds one digit: all its ink but specks is that digit, never split (default false). */
  single?: boolean;
  /**
   * A digit whose confidence is under this, in 0..1, is flagged `uncertain` and
   * shown as `?` in the text (default {@link DEFAULT_MIN_CONFIDENCE}; 0 flags none).
   */
  minConfidence?: number;
}

/**
 * The default `minConfidence` of {@link readDigits} and `digitkit predict`.
 * Chosen on the MNIST validation split with the SVC on HOG features fitted
 * with `probability: true` on the other 50,000 training images: the smallest
 * threshold at which the error among the digits accepted is at most 0.2% was
 * 0.8739 (1.93% of the 10,000 digits rejected), rounded up to 0.875 (1.95%
 * rejected, 0.19% error). `npm run example:mnist-calibration` measures it; the
 * figures on the test set are in docs/reading-digits.md.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.875;

/** Another digit the model thought possible, with its probability. */
export interface DigitAlternative {
  digit: number;
  probability: number;
}

/** One digit read. */
export interface DigitRead {
  /** The class the model predicted. */
  digit: number;
  /**
   * The probability the model gives `digit`, 0..1; NaN for a model that gives
   * no probabilities (an SVC fitted without `probability: true`).
   */
  probability: number;
  /** The three most probable other digits, most probable first (empty without probabilities). */
  alternatives: DigitAlternative[];
  /**
   * The model's confidence, 0..1: `probability` when the model gives
   * probabilities, else its own score (an SVC without probabilities: the share
   * of its one-vs-one contests the digit won, which is no probability); NaN for
   * a model with no score. See {@link predictWithConfidence}.
   */
  confidence: number;
  /**
   * True when `confidence` is under `minConfidence`: the digit should go to a
   * person. Always false for a model with no score (NaN).
   */
  uncertain: boolean;
  /** Where the digit is in the picture, in its pixels. */
  box: PixelBox;
}

/** What {@link readDigits} returns. */
export interface ReadDigitsResult {
  /** The digits read, left to right, as one string (e.g. `'4057'`; an uncertain digit is `?`: `'40?7'`). */
  text: string;
  /** Each digit with its confidence and box, left to right. */
  digits: DigitRead[];
  /** The format the digits were given to the model in. */
  format: DigitFormat;
  /** The picture's size. */
  width: number;
  height: number;
}

/**
 * Reads the digits written in a picture, left to right, with a fitted model or the shipped one.
 *
 * 1. The picture (PNG bytes, see {@link readPng}, or a {@link GreyImage}) becomes an ink map
 *    (dark ink on light paper and light ink on dark paper both work).
 * 2. Ink pixels are those above a threshold (Otsu's by default), followed down to half of it;
 *    their 8-connected pieces are grouped into digits: pieces of one digit (overlapping
 *    horizontally by half the narrower one's width, or a piece under half the line's height
 *    and the piece nearest to it, when close) are merged, specks (under `minArea` of the largest piece) ignored, and a piece wider than
 *    `splitRatio` × the line's height is cut where a column crosses the fewest strokes.
 *    The picture is taken to hold one line of digits.
 * 3. Each digit is normalised to the model's format ({@link toMnist} or {@link toDigits8x8}),
 *    chosen from the model's `nFeaturesIn` (784 or 64) unless `options.format` says.
 * 4. All digits are predicted at once, with the probability of each class
 *    when the model gives probabilities; a digit whose confidence is under
 *    `options.minConfidence` (default {@link DEFAULT_MIN_CONFIDENCE}) is flagged
 *    `uncertain` and written `?` in the text.
 *
 * @param png the picture: the bytes of a PNG file, or a GreyImage.
 * @param model a fitted digitkit classifier or pipeline taking 784 or 64 features; when left out
 *   (undefined), the model that ships with digitkit (see {@link loadPretrainedModel}; in a
 *   browser, load it once first).
 * @throws TypeError / RangeError for a bad picture (readPng's errors, named after readDigits),
 *   a picture without ink, a model that is not a classifier or takes another number of features,
 *   or bad options; NotFittedError for a model not fitted.
 */
export function readDigits(png: Uint8Array | GreyImage, model?: Classifier, options?: ReadDigitsOptions): ReadDigitsResult {
  return read([png], model, options, 'readDigits', () => 'png')[0];
}

/**
 * Reads a picture holding a single digit: all its ink but specks is one digit
 * (no splitting), as with the option `single: true`. Same arguments and errors as {@link readDigits}.
 */
export function readDigit(png: Uint8Array | GreyImage, model?: Classifier, options?: ReadDigitsOptions): DigitRead {
  return read([png], model, options, 'readDigit', () => 'png', true)[0].digits[0];
}

/**
 * {@link readDigits} on several pictures at once: the digits of all of them go to the
 * model in one call, which is much faster for k-NN and SVC than one call per picture
 * (for a command line reading many files, or a test).
 *
 * @returns one result per picture, in order.
 * @throws as {@link readDigits}, naming the picture (`pngs[3]`); TypeError when `pngs` is not an array.
 */
export function readDigitsBatch(pngs: readonly (Uint8Array | GreyImage)[], model?: Classifier, options?: ReadDigitsOptions): ReadDigitsResult[] {
  if (!Array.isArray(pngs)) {
    throw new TypeError(`readDigitsBatch: argument 'pngs' must be an array of pictures (PNG bytes or GreyImages), got ${describe(pngs)}`);
  }
  return read(pngs, model, options, 'readDigitsBatch', (i) => `pngs[${i}]`);
}

/** A picture given as the bytes of a PNG or JPEG file, or as a GreyImage, checked. */
export function toGreyImage(png: unknown, where: string, name = 'png'): GreyImage {
  if (png instanceof Uint8Array) return decodeGreyPicture(png, where, name);
  if (png !== null && typeof png === 'object' && 'data' in png) return checkGreyImage(png, where, name);
  throw new TypeError(`${where}: argument '${name}' must be the bytes of a PNG or JPEG file (Uint8Array) or a GreyImage, got ${describe(png)}`);
}

function read(
  pngs: readonly (Uint8Array | GreyImage)[],
  given: Classifier | undefined,
  options: ReadDigitsOptions | undefined,
  where: string,
  nameOf: (i: number) => string,
  forceSingle = false,
): ReadDigitsResult[] {
  const seg = resolveSegmentOptions(options, where, ['format', 'single', 'minConfidence']);
  const minConfidence = options?.minConfidence === undefined ? DEFAULT_MIN_CONFIDENCE : checkNumber(options.minConfidence, where, 'minConfidence', { ge: 0, le: 1 });
  const formatOption = options?.format ?? 'auto';
  checkChoice(formatOption, where, 'format', ['auto', 'mnist', 'digits8x8'] as const);
  const single = forceSingle || (options?.single === undefined ? false : checkBoolean(options.single, where, 'single'));
  // No model: the one that ships with the package.
  const model = given === undefined ? pretrainedModelSync(where) : given;
  if (!isClassifier(model)) {
    throw new TypeError(`${where}: argument 'model' must be a fitted classifier (with fit and predict), got ${describe(model)}`);
  }
  const format = formatOption === 'auto' ? modelFormat(model, where) : formatOption;
  const d = FORMAT_FEATURES[format];
  const found = pngs.map((png, k) => {
    const name = nameOf(k);
    const image = toGreyImage(png, where, name);
    const map = inkMap(image, where, name);
    const regions = findDigits(map, seg, single, where, name);
    const rows = regions.map((r) => {
      const patch = regionPatch(map, r);
      return format === 'mnist' ? patchToMnist(patch) : patchTo8x8(patch);
    });
    return { image, regions, rows };
  });
  const total = found.reduce((n, f) => n + f.rows.length, 0);
  if (total === 0) return [];
  const X = new Matrix(total, d);
  let at = 0;
  for (const f of found) for (const row of f.rows) X.data.set(row, d * at++);
  const { labels, confidence, proba } = predictWithConfidence(model, X);
  const classes = model.classes;
  at = 0;
  return found.map(({ image, regions }) => {
    const digits = regions.map((r): DigitRead => {
      const i = at++;
      const c = confidence[i];
      return {
        digit: labels[i],
        probability: proba ? c : NaN,
        alternatives: proba ? alternativesOf(proba.data.subarray(i * proba.cols, (i + 1) * proba.cols), classes, labels[i]) : [],
        confidence: c,
        uncertain: c < minConfidence,
        box: { ...r.box },
      };
    });
    return { text: digits.map((x) => (x.uncertain ? '?' : String(x.digit))).join(''), digits, format, width: image.width, height: image.height };
  });
}

/** The three most probable classes other than `digit`, most probable first (the smaller class first on a tie). */
function alternativesOf(row: Float64Array, classes: Int32Array, digit: number): DigitAlternative[] {
  const others = Array.from(classes, (c, j) => ({ digit: c, probability: row[j] })).filter((a) => a.digit !== digit);
  others.sort((a, b) => b.probability - a.probability || a.digit - b.digit);
  return others.slice(0, 3);
}
