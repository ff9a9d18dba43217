/**
 * Pictures of digits: a captioned grid (scikit-learn's "Training: 3" figure)
 * and a gallery of misclassified digits.
 */
import { describe, paramMessage } from '../core/errors.js';
import { INK, RED } from './color.js';
import { DEFAULT_TEXT_SCALE } from './text.js';
import type { CaptionLine } from './tiles.js';
import { defaultScale, renderTiles } from './tiles.js';
import type { ImageList } from './validate.js';
import { optionalString, positiveInt, resolveImageSpec, toImages, toLabelStrings } from './validate.js';

/** Options shared by the digit pictures. */
export interface DigitPictureOptions {
  /** Image width in pixels; with neither width nor height, images must be square (64 → 8×8, 784 → 28×28). */
  width?: number;
  /** Image height in pixels. */
  height?: number;
  /**
   * The value shown as full ink: 16 for the 8×8 digits, 255 for MNIST. By default the
   * largest pixel decides: ≤ 1 → 1, ≤ 16 → 16, ≤ 255 → 255, otherwise that value.
   */
  maxValue?: number;
  /** Dark ink on light paper (default `true`, like scikit-learn's `cmap=gray_r`); `false` for light on dark. */
  invert?: boolean;
  /** Images per row; 8 by default (fewer when there are fewer images). */
  columns?: number;
  /** Integer nearest-neighbour factor; by default about 96 pixels per image side (12 for 8×8, 3 for 28×28). */
  scale?: number;
  /** Integer scale of the text (default 2: 14-pixel capitals). */
  textScale?: number;
  /** A title over the whole picture. */
  title?: string;
}

/** Options of {@link digitGridPng}. */
export interface DigitGridOptions extends DigitPictureOptions {
  /** One caption per image, written above it (e.g. `'Training: 3'`); may hold `\n` for more lines. */
  titles?: ArrayLike<string>;
}

/**
 * Draws digits in a grid, each with its title above it, as in scikit-learn's
 * "Recognizing hand-written digits" figure: `digitGridPng(X.slice(0, 4), { titles: y.slice(0, 4).map(l => `Training: ${l}`) })`.
 *
 * @param images the images: rows of a Matrix, `number[][]` or typed arrays, row-major pixels.
 * @returns the bytes of an RGB PNG file.
 * @throws RangeError for an empty list, images of the wrong size, non-finite pixels, or a
 *   `titles` list whose length is not the number of images.
 */
export function digitGridPng(images: ImageList, options: DigitGridOptions = {}): Uint8Array {
  const where = 'digitGridPng';
  const list = toImages(images, where);
  const spec = resolveImageSpec(list, options, where);
  let captions: CaptionLine[][] = list.map(() => []);
  if (options.titles !== undefined) {
    const titles = toLabelStrings(options.titles, where, 'titles', list.length, 'image', 'parameter');
    captions = titles.map((t) => t.split('\n').map((text) => ({ text })));
  }
  const { canvas } = renderTiles({
    where,
    ...spec,
    images: list,
    captions,
    captionPosition: 'above',
    ...common(options, spec.width, spec.height, where),
  });
  return canvas.encodePng();
}

/** Options of {@link misclassifiedGalleryPng}. */
export interface MisclassifiedGalleryOptions extends DigitPictureOptions {
  /** Show at most this many misclassified digits, the first ones in order (default 40). */
  maxImages?: number;
  /** Names of the classes, used instead of the raw labels: `labelNames[label]`. */
  labelNames?: ArrayLike<string>;
}

/**
 * Draws the digits whose predicted label differs from the true one, each with
 * "True: 3" and "Pred: 8" (in red) under it. Images that were classified right are
 * skipped, so the whole test set can be passed; when none is wrong, the picture says so.
 * The default title reads "Misclassified: k of n".
 *
 * @param images the images, as for {@link digitGridPng}.
 * @param trueLabels one true label per image.
 * @param predLabels one predicted label per image.
 * @returns the bytes of an RGB PNG file.
 * @throws RangeError for an empty list, images of the wrong size, non-finite pixels, or
 *   label lists whose length is not the number of images.
 */
export function misclassifiedGalleryPng(
  images: ImageList,
  trueLabels: ArrayLike<number | string>,
  predLabels: ArrayLike<number | string>,
  options: MisclassifiedGalleryOptions = {},
): Uint8Array {
  const where = 'misclassifiedGalleryPng';
  const list = toImages(images, where);
  const spec = resolveImageSpec(list, options, where);
  const truth = toLabelStrings(trueLabels, where, 'trueLabels', list.length, 'image');
  const pred = toLabelStrings(predLabels, where, 'predLabels', list.length, 'image');
  const maxImages = positiveInt(options.maxImages, where, 'maxImages', 40, 1 << 20);
  const names = options.labelNames;
  if (names !== undefined && !(Array.isArray(names) || ArrayBuffer.isView(names))) {
    throw new TypeError(paramMessage(where, 'labelNames', 'an array of strings', names));
  }
  const name = (label: string): string => {
    if (names === undefined) return label;
    const v = (names as ArrayLike<unknown>)[Number(label)];
    if (typeof v !== 'string') {
      throw new RangeError(`${where}: parameter 'labelNames' must have a name for every label, but labelNames[${label}] is ${describe(v)}`);
    }
    return v;
  };
  const wrong: number[] = [];
  for (let i = 0; i < list.length; i++) if (truth[i] !== pred[i]) wrong.push(i);
  const shown = wrong.slice(0, maxImages);
  const title = optionalString(options.title, where, 'title') ??
    `Misclassified: ${wrong.length} of ${list.length}${shown.length < wrong.length ? ` (first ${shown.length} shown)` : ''}`;
  const { canvas } = renderTiles({
    where,
    ...spec,
    images: shown.map((i) => list[i]),
    captions: shown.map((i) => [
      { text: `True: ${name(truth[i])}`, color: INK },
      { text: `Pred: ${name(pred[i])}`, color: RED },
    ]),
    captionPosition: 'below',
    ...common(options, spec.width, spec.height, where),
    title,
    emptyMessage: 'All digits were classified correctly.',
  });
  return canvas.encodePng();
}

function common(options: DigitPictureOptions, width: number, height: number, where: string) {
  const invert = options.invert ?? true;
  if (typeof invert !== 'boolean') throw new TypeError(paramMessage(where, 'invert', 'a boolean', invert));
  return {
    columns: positiveInt(options.columns, where, 'columns', 8),
    scale: positiveInt(options.scale, where, 'scale', defaultScale(width, height), 256),
    invert,
    textScale: positiveInt(options.textScale, where, 'textScale', DEFAULT_TEXT_SCALE, 16),
    title: optionalString(options.title, where, 'title'),
  };
}
