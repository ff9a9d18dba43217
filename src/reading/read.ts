/**
 * `readDigits` / `readDigit`: a picture and a fitted model → the digits written in it.
 */
import { DEFAULT_MIN_CONFIDENCE } from './min-confidence.js';
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
import { findLayout, resolveSegmentOptions, type FoundChar, type SegmentOptions } from './segment.js';
import { resolveSeparators, type SeparatorChar } from './separators.js';
import { keepWhole } from './cut-choice.js';

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
  /** Give each digit the features the model saw, as `input` (default false). */
  inputs?: boolean;
  /**
   * The separators to read inside numbers: by default all of `.` `,` `/` `-` `:`
   * (see {@link SEPARATORS}); `[]` or `false` reads none (every piece is then a
   * digit or a speck).
   */
  separators?: readonly SeparatorChar[] | boolean;
  /** Take long straight rules (ruled paper, a box around a field, an underline) out before reading (default true). */
  rules?: boolean;
}

export { DEFAULT_MIN_CONFIDENCE } from './min-confidence.js';

/** Another digit the model thought possible, with its probability. */
export interface DigitAlternative {
  digit: number;
  probability: number;
}

/** One digit read. */
export interface DigitRead {
  /** Always `'digit'` (a {@link SeparatorRead} has `'separator'`). */
  kind: 'digit';
  /** The character written for it in the text: the digit, or `'?'` when uncertain. */
  char: string;
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
  /**
   * With the option `inputs: true`: the features the model was given for this digit (784 values in 0..1 for
   * MNIST's format, ink bright; 64 counts for the 8×8 digits'), to show the image the model saw.
   */
  input?: Float64Array;
}

/** A separator read between digits (`.` `,` `/` `-` `:`), told by its shape in the line. */
export interface SeparatorRead {
  kind: 'separator';
  /** The separator. */
  char: SeparatorChar;
  /** Where it is in the picture, in its pixels. */
  box: PixelBox;
}

/** One character read: a digit or a separator. */
export type CharacterRead = DigitRead | SeparatorRead;

/** One line of writing. */
export interface LineRead {
  /** Its characters as a string (e.g. `'12/03/2026'`). */
  text: string;
  /** The box of its characters. */
  box: PixelBox;
  /** Its characters, left to right. */
  characters: CharacterRead[];
}

/** What {@link readDigits} returns. */
export interface ReadDigitsResult {
  /**
   * What was read: the lines top to bottom, joined by `'\n'`, each left to right
   * (e.g. `'4057'`, `'12/03/2026'`, `'12\n34'`; an uncertain digit is `?`: `'40?7'`).
   */
  text: string;
  /** Each digit with its confidence and box (separators left out), line after line, left to right. */
  digits: DigitRead[];
  /** Every character, digits and separators, line after line, left to right. */
  characters: CharacterRead[];
  /** The lines of writing, top to bottom. */
  lines: LineRead[];
  /** The format the digits were given to the model in. */
  format: DigitFormat;
  /** The picture's size. */
  width: number;
  height: number;
}

/**
 * Reads the digits (and separators) written in a picture, line by line, left to right, with a fitted model
 * or the shipped one.
 *
 * 1. The picture (PNG bytes, see {@link readPng}, or a {@link GreyImage}) becomes an ink map
 *    (dark ink on light paper and light ink on dark paper both work).
 * 2. Ink pixels are those above a threshold (Otsu's by default), followed down to half of it;
 *    their 8-connected pieces are grouped into digits: pieces of one digit (overlapping
 *    horizontally by half the narrower one's width, or a piece under half the line's height
 *    and the piece nearest to it, when close) are merged, specks (under `minArea` of the largest piece) ignored, and a piece wider than
 *    `splitRatio` × the line's height is cut where a column crosses the fewest strokes.
 *    Long straight rules are taken out first; pieces are grouped into lines (top to bottom),
 *    separators (`.` `,` `/` `-` `:`) told by their shape in the line, and a piece cut as
 *    touching digits stays whole when the model reads it more surely whole.
 * 3. Each digit is normalised to the model's format ({@link toMnist} or {@link toDigits8x8}),
 *    chosen from the model's `nFeaturesIn` (784 or 64) unless `options.format` says.
 * 4. All digits are predicted at once, with the probability of each class
 *    when the model gives probabilities; a digit whose confidence is under
 *    `options.minConfidence` (default {@link DEFAULT_MIN_CONFIDENCE}) is flagged
 *    `uncertain` and written `?` in the text.
 *
 * @param png the picture: the bytes of a PNG file, or a GreyImage.
 * @param model a fitted digitkit classifier or pipeline taking 784 or 64 features; when left out
 *   (undefined), the model that ships with digitkit (see `loadPretrainedModel`; in a
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
  const seg = resolveSegmentOptions(options, where, ['format', 'single', 'minConfidence', 'separators', 'rules', 'inputs']);
  const withInputs = options?.inputs === undefined ? false : checkBoolean(options.inputs, where, 'inputs');
  const minConfidence = options?.minConfidence === undefined ? DEFAULT_MIN_CONFIDENCE : checkNumber(options.minConfidence, where, 'minConfidence', { ge: 0, le: 1 });
  const formatOption = options?.format ?? 'auto';
  checkChoice(formatOption, where, 'format', ['auto', 'mnist', 'digits8x8'] as const);
  const single = forceSingle || (options?.single === undefined ? false : checkBoolean(options.single, where, 'single'));
  const separators = resolveSeparators(options?.separators, where);
  const rules = options?.rules === undefined ? true : checkBoolean(options.rules, where, 'rules');
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
    const layout = findLayout(map, seg, single, { separators, rules }, where, name);
    const toRow = (r: FoundChar['region']) => {
      const patch = regionPatch(map, r);
      return format === 'mnist' ? patchToMnist(patch) : patchTo8x8(patch);
    };
    const digitChars = layout.chars.filter((c) => c.separator === null);
    const rows = digitChars.map((c) => toRow(c.region)).concat(layout.wholes.map((w) => toRow(w.region)));
    return { image, layout, digitChars, rows };
  });
  const total = found.reduce((n, f) => n + f.rows.length, 0);
  const X = new Matrix(total, d);
  let at = 0;
  for (const f of found) for (const row of f.rows) X.data.set(row, d * at++);
  const { labels, confidence, proba } = total > 0 ? predictWithConfidence(model, X) : { labels: new Int32Array(0), confidence: new Float64Array(0), proba: null };
  const classes = model.classes;
  const digitAt = (i: number, box: PixelBox): DigitRead => {
    const c = confidence[i];
    const uncertain = c < minConfidence;
    const read: DigitRead = {
      kind: 'digit',
      char: uncertain ? '?' : String(labels[i]),
      digit: labels[i],
      probability: proba ? c : NaN,
      alternatives: proba ? alternativesOf(proba.data.subarray(i * proba.cols, (i + 1) * proba.cols), classes, labels[i]) : [],
      confidence: c,
      uncertain,
      box: { ...box },
    };
    if (withInputs) read.input = X.data.slice(i * d, (i + 1) * d);
    return read;
  };
  at = 0;
  return found.map(({ image, layout, digitChars, rows }) => {
    const base = at;
    at += rows.length;
    const rowOf = new Map(digitChars.map((c, k) => [c, base + k]));
    const wholeRow = (w: number) => base + digitChars.length + w;
    // A piece cut as touching digits stays whole when it reads better whole (see keepWhole).
    const whole = layout.wholes.map((_, w) => {
      const parts = digitChars.filter((c) => c.cutFrom === w).map((c) => confidence[rowOf.get(c)!]);
      return keepWhole(confidence[wholeRow(w)], parts);
    });
    const characters: (CharacterRead & { line: number })[] = [];
    const placed = new Set<number>();
    for (const c of layout.chars) {
      if (c.separator !== null) {
        characters.push({ kind: 'separator', char: c.separator, box: { ...c.region.box }, line: c.line });
      } else if (c.cutFrom !== undefined && whole[c.cutFrom]) {
        if (placed.has(c.cutFrom)) continue;
        placed.add(c.cutFrom);
        characters.push({ ...digitAt(wholeRow(c.cutFrom), layout.wholes[c.cutFrom].region.box), line: c.line });
      } else {
        characters.push({ ...digitAt(rowOf.get(c)!, c.region.box), line: c.line });
      }
    }
    const lines: LineRead[] = layout.lines.map((box, line) => {
      const chars = characters.filter((c) => c.line === line).map(({ line: _, ...rest }) => rest as CharacterRead);
      return { text: chars.map((x) => x.char).join(''), box: { ...box }, characters: chars };
    });
    const all = lines.flatMap((l) => l.characters);
    const digits = all.filter((x): x is DigitRead => x.kind === 'digit');
    return { text: lines.map((l) => l.text).join('\n'), digits, characters: all, lines, format, width: image.width, height: image.height };
  });
}

/** The three most probable classes other than `digit`, most probable first (the smaller class first on a tie). */
function alternativesOf(row: Float64Array, classes: Int32Array, digit: number): DigitAlternative[] {
  const others = Array.from(classes, (c, j) => ({ digit: c, probability: row[j] })).filter((a) => a.digit !== digit);
  others.sort((a, b) => b.probability - a.probability || a.digit - b.digit);
  return others.slice(0, 3);
}
