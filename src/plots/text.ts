/**
 * Measuring and drawing text with digitkit's bitmap font (see glyphs.ts),
 * at an integer scale, optionally turned a quarter turn for vertical axis titles.
 */
import { paramMessage } from '../core/errors.js';
import type { Canvas } from './canvas.js';
import type { Color } from './color.js';
import { INK } from './color.js';
import { CAP_HEIGHT, DESCENT, LETTER_SPACING, LINE_GAP, glyphFor } from './glyphs.js';

/** How text is placed and painted. */
export interface TextOptions {
  /** Pixel size of one font pixel (integer ≥ 1); 2 by default, which gives 14-pixel capitals. */
  scale?: number;
  /** Ink colour; dark grey by default. */
  color?: Color;
  /** Where `x` is on the text's box on screen: its left edge (default), centre or right edge. Lines are aligned the same way. */
  align?: 'left' | 'center' | 'right';
  /**
   * Where `y` is on the text's box on screen: its top (default), its middle or its bottom.
   * For upright text the middle is taken between the top of the capitals and the last
   * baseline, so that a number is centred on its ink whatever the descenders.
   */
  valign?: 'top' | 'middle' | 'bottom';
  /** `'up'` turns the text a quarter turn anticlockwise, to read bottom to top (a y-axis title). */
  rotate?: 'none' | 'up';
}

/** The size of a piece of text, in canvas pixels, before any rotation. */
export interface TextSize {
  /** Width of the widest line. */
  width: number;
  /** From the top of the first line's capitals to the bottom of the last line's descenders. */
  height: number;
  /** From the top of the first line's capitals to the last line's baseline (the bottom of its capitals). */
  inkHeight: number;
}

/** A placed rectangle on a canvas. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Default text scale used throughout the plots. */
export const DEFAULT_TEXT_SCALE = 2;

function checkScale(scale: unknown, where: string): number {
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new RangeError(paramMessage(where, 'scale', 'an integer from 1 to 64', scale));
  }
  return scale;
}

function lineWidth(line: string): number {
  let w = 0;
  let n = 0;
  for (const ch of line) {
    w += glyphFor(ch).width;
    n++;
  }
  return n > 0 ? w + (n - 1) * LETTER_SPACING : 0;
}

/**
 * The size `text` takes when drawn at `scale`. Lines are separated by `\n`.
 * Characters the font lacks are measured (and drawn) as an empty box.
 */
export function measureText(text: string, scale = DEFAULT_TEXT_SCALE): TextSize {
  if (typeof text !== 'string') throw new TypeError(paramMessage('measureText', 'text', 'a string', text));
  checkScale(scale, 'measureText');
  const lines = text.split('\n');
  const width = Math.max(...lines.map(lineWidth));
  const pitch = CAP_HEIGHT + DESCENT + LINE_GAP;
  const inkHeight = (lines.length - 1) * pitch + CAP_HEIGHT;
  return { width: width * scale, height: (inkHeight + DESCENT) * scale, inkHeight: inkHeight * scale };
}

/**
 * Draws `text` on `canvas` and returns the box it occupies (after rotation).
 * See {@link TextOptions} for how `x` and `y` anchor the box.
 */
export function drawText(canvas: Canvas, text: string, x: number, y: number, options: TextOptions = {}): Box {
  const where = 'drawText';
  if (typeof text !== 'string') throw new TypeError(paramMessage(where, 'text', 'a string', text));
  const scale = checkScale(options.scale ?? DEFAULT_TEXT_SCALE, where);
  const color = options.color ?? INK;
  const align = options.align ?? 'left';
  const valign = options.valign ?? 'top';
  const up = (options.rotate ?? 'none') === 'up';
  const size = measureText(text, scale);
  // Along-text extent (u) and across-text extent (v) of the unrotated box.
  const uLen = size.width;
  const vLen = size.height;
  const boxW = up ? vLen : uLen;
  const boxH = up ? uLen : vLen;
  // Anchor the on-screen box. Upright text centres vertically on its ink (capitals to
  // last baseline); turned text is anchored by its plain box.
  const left = Math.round(align === 'center' ? x - Math.floor(boxW / 2) : align === 'right' ? x - boxW : x);
  const midH = up ? boxH : size.inkHeight;
  const top = Math.round(valign === 'middle' ? y - Math.floor(midH / 2) : valign === 'bottom' ? y - boxH : y);
  const pitch = (CAP_HEIGHT + DESCENT + LINE_GAP) * scale;
  text.split('\n').forEach((line, li) => {
    const lw = lineWidth(line) * scale;
    let u = align === 'center' ? Math.floor((uLen - lw) / 2) : align === 'right' ? uLen - lw : 0;
    const v0 = li * pitch;
    for (const ch of line) {
      const g = glyphFor(ch);
      for (let k = 0; k < g.ink.length; k += 2) {
        const gu = u + g.ink[k] * scale;
        const gv = v0 + g.ink[k + 1] * scale;
        if (!up) canvas.fillRect(left + gu, top + gv, scale, scale, color);
        else canvas.fillRect(left + gv, top + uLen - gu - scale, scale, scale, color);
      }
      u += (g.width + LETTER_SPACING) * scale;
    }
  });
  return { x: left, y: top, width: boxW, height: boxH };
}
