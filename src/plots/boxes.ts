/**
 * A greyscale photo with labelled boxes drawn over it: where digits were found
 * in a picture, and what was read in each.
 */
import { describe, paramMessage } from '../core/errors.js';
import { Canvas, checkPictureSize } from './canvas.js';
import type { Color } from './color.js';
import { RED, WHITE, isColor } from './color.js';
import { measureText } from './text.js';
import { positiveInt, resolveImageSpec, toImages } from './validate.js';

/** A box in the photo's own pixel coordinates, with an optional label written over it. */
export interface LabelledBox {
  /** Left column of the box, in photo pixels. */
  x: number;
  /** Top row of the box, in photo pixels. */
  y: number;
  /** Width in photo pixels (> 0). */
  width: number;
  /** Height in photo pixels (> 0). */
  height: number;
  /** Text written just above the box (e.g. the digit read), if any. */
  label?: string | number;
  /** Colour of this box and its label; the `color` option by default. */
  color?: Color;
}

/** Options of {@link labelledBoxesPng}. */
export interface LabelledBoxesPngOptions {
  /** Photo width in pixels (required unless the photo is square). */
  width?: number;
  /** Photo height in pixels. */
  height?: number;
  /** Value painted white (or black with `invert`); 255 by default, or the largest pixel when that is larger. */
  maxValue?: number;
  /** `false` (default) paints values as brightness, as a photo is; `true` paints high values dark. */
  invert?: boolean;
  /** Integer nearest-neighbour factor for the photo (default 1). Boxes scale with it. */
  scale?: number;
  /** Colour of boxes and labels that do not set their own; red by default. */
  color?: Color;
  /** Box outline thickness in output pixels (default 2). */
  thickness?: number;
  /** Integer scale of the labels (default 3: 21-pixel capitals). */
  textScale?: number;
}

/**
 * Draws a greyscale photo with a rectangle around each box and the box's label just
 * above it (inside the picture, on a white patch so that it reads on any photo).
 * A margin above the photo keeps labels of boxes at the top edge visible.
 *
 * @param image the photo's pixels, row-major.
 * @param boxes boxes in photo coordinates; boxes reaching outside the photo are clipped.
 * @returns the bytes of an RGB PNG file.
 * @throws RangeError for a photo of the wrong size or a box with non-finite or non-positive size.
 */
export function labelledBoxesPng(image: ArrayLike<number>, boxes: readonly LabelledBox[], options: LabelledBoxesPngOptions = {}): Uint8Array {
  const where = 'labelledBoxesPng';
  const [photo] = toImages([image], where, 'image');
  const spec = resolveImageSpec([photo], options, where, 'image');
  if (options.maxValue === undefined && spec.maxValue < 255) spec.maxValue = 255;
  if (!Array.isArray(boxes)) throw new TypeError(`${where}: argument 'boxes' must be an array of boxes, got ${describe(boxes)}`);
  const scale = positiveInt(options.scale, where, 'scale', 1, 256);
  const thickness = positiveInt(options.thickness, where, 'thickness', 2, 64);
  const s = positiveInt(options.textScale, where, 'textScale', 3, 16);
  const invert = options.invert ?? false;
  if (typeof invert !== 'boolean') throw new TypeError(paramMessage(where, 'invert', 'a boolean', invert));
  const defaultColor = options.color ?? RED;
  if (!isColor(defaultColor)) throw new TypeError(paramMessage(where, 'color', 'an RGB triple of integers 0..255', defaultColor));
  boxes.forEach((b, i) => {
    const ok = b !== null && typeof b === 'object' &&
      [b.x, b.y].every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      [b.width, b.height].every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0);
    if (!ok) {
      throw new RangeError(`${where}: argument 'boxes' must hold {x, y, width, height} with finite x, y and width, height > 0, but box ${i} is ${JSON.stringify(b)}`);
    }
    if (b.color !== undefined && !isColor(b.color)) {
      throw new TypeError(`${where}: argument 'boxes' has box ${i} whose color is not an RGB triple of integers 0..255`);
    }
  });
  const labelH = measureText('Mg', s).height + 4;
  const hasLabels = boxes.some((b) => b.label !== undefined && b.label !== '');
  const top = hasLabels ? labelH : 0;
  const width = spec.width * scale;
  const height = spec.height * scale + top;
  checkPictureSize(width, height, where, 'pass a smaller scale');
  const canvas = new Canvas(width, height);
  canvas.drawGray(photo, spec.width, spec.height, 0, top, { scale, maxValue: spec.maxValue, invert });
  for (const b of boxes) {
    const color = b.color ?? defaultColor;
    const bx = Math.round(b.x * scale);
    const by = Math.round(b.y * scale) + top;
    canvas.strokeRect(bx, by, Math.max(1, Math.round(b.width * scale)), Math.max(1, Math.round(b.height * scale)), color, thickness);
  }
  // Labels last, so that no box line crosses them.
  for (const b of boxes) {
    if (b.label === undefined || b.label === '') continue;
    const text = String(b.label);
    const size = measureText(text, s);
    const lx = Math.max(0, Math.min(width - size.width - 4, Math.round(b.x * scale)));
    const ly = Math.max(0, Math.round(b.y * scale) + top - labelH);
    canvas.fillRect(lx, ly, size.width + 4, labelH, WHITE);
    canvas.text(text, lx + 2, ly + 2, { scale: s, color: b.color ?? defaultColor });
  }
  return canvas.encodePng();
}
