/**
 * `explainPng`: the picture with a box around each digit found and the digit read above it.
 */
import { describe } from '../core/errors.js';
import { labelledBoxesPng } from '../plots/boxes.js';
import type { Color } from '../plots/color.js';
import type { DigitRead, ReadDigitsResult } from './read.js';
import { toGreyImage } from './read.js';
import type { GreyImage } from './grey-image.js';

/** Options of {@link explainPng}. */
export interface ExplainPngOptions {
  /** Integer enlargement of the picture; by default the smallest that makes it at least 200 pixels tall (at most 16). */
  scale?: number;
  /** Colour of the boxes and digits; red by default. */
  color?: Color;
}

/** What {@link explainPng} draws of one digit read: its box, and the digit (followed by `?` when uncertain). */
export type ExplainedDigit = Pick<DigitRead, 'digit' | 'box'> & { uncertain?: boolean; kind?: 'digit' | 'separator'; char?: string };

/**
 * Draws the picture (in grey) with a box around each digit of `result` and the
 * digit read written above its box (`7?` for an uncertain 7; a separator's box has
 * the separator above it): a picture for
 * people of what {@link readDigits} saw.
 *
 * @param image the picture that was read: PNG bytes or a GreyImage.
 * @param result what {@link readDigits} returned for it (or its `digits`, or one {@link readDigit} result).
 * @returns the bytes of an RGB PNG file.
 * @throws TypeError / RangeError for a bad picture or result, or boxes that do not fit the picture.
 */
export function explainPng(image: Uint8Array | GreyImage, result: ReadDigitsResult | { digits: readonly ExplainedDigit[] } | readonly ExplainedDigit[] | ExplainedDigit, options: ExplainPngOptions = {}): Uint8Array {
  const where = 'explainPng';
  const img = toGreyImage(image, where, 'image');
  const digits = digitsOf(result, where);
  digits.forEach((d, i) => {
    const b = d.box;
    const inside = b && b.x >= 0 && b.y >= 0 && b.width > 0 && b.height > 0 && b.x + b.width <= img.width && b.y + b.height <= img.height;
    if (!inside) {
      throw new RangeError(`${where}: argument 'result' must hold boxes inside the ${img.width}×${img.height} picture, but digit ${i} has box ${JSON.stringify(b)}`);
    }
  });
  const scale = options.scale ?? Math.min(16, Math.max(1, Math.ceil(200 / img.height)));
  return labelledBoxesPng(
    img.data,
    digits.map((d) => ({ ...d.box, label: 'kind' in d && d.kind === 'separator' ? String(d.char) : `${d.digit}${d.uncertain === true ? '?' : ''}` })),
    { width: img.width, height: img.height, maxValue: 1, invert: false, scale, color: options.color, thickness: 2 },
  );
}

function digitsOf(result: unknown, where: string): readonly ExplainedDigit[] {
  const r = result as { digits?: unknown; box?: unknown } | null;
  // A readDigits result's characters: its digits and its separators (each boxed, the separator written above it).
  const chars = r && typeof r === 'object' && Array.isArray((r as { characters?: unknown }).characters) ? (r as { characters: unknown[] }).characters : null;
  const list = Array.isArray(result) ? result : chars ?? (r && typeof r === 'object' && Array.isArray(r.digits) ? r.digits : r && typeof r === 'object' && 'box' in r ? [r] : null);
  if (list === null) {
    throw new TypeError(`${where}: argument 'result' must be what readDigits or readDigit returned ({ digits: [{ digit, box }] }), got ${describe(result)}`);
  }
  return list as ExplainedDigit[];
}
