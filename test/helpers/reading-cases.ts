/**
 * Test helper: pictures of numbers written with MNIST digits (chosen by label from
 * a split) and separators, lines, rules and boxes drawn here, in memory. Shared by
 * the reading tests and examples/reading-eval.ts. Nothing is written to disk.
 */
import jpeg from 'jpeg-js';
import { blankInk, digitBox, drawDigit, inkToPng, type InkCanvas } from './render-digits.js';

/** One picture and the text it should read as. */
export interface ReadingCase {
  name: string;
  text: string;
  png: Uint8Array;
}

/** Picks MNIST images by label: the next unused image with that label from `first` on. */
export class DigitPicker {
  private used = new Set<number>();
  constructor(
    readonly pixels: (id: number) => ArrayLike<number>,
    readonly labels: ArrayLike<number>,
    readonly first: number,
  ) {}
  next(label: number): number {
    for (let i = this.first; i < this.labels.length; i++) {
      if (this.labels[i] === label && !this.used.has(i)) {
        this.used.add(i);
        return i;
      }
    }
    throw new RangeError(`DigitPicker: no image of label ${label} left`);
  }
}

/** A filled disk of ink. */
export function disk(c: InkCanvas, cx: number, cy: number, r: number): void {
  for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
    for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
      if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      const v = Math.max(0, Math.min(1, r + 0.5 - d));
      c.ink[y * c.width + x] = Math.max(c.ink[y * c.width + x], v);
    }
  }
}

/** A stroke of ink of the given thickness from (x0, y0) to (x1, y1). */
export function stroke(c: InkCanvas, x0: number, y0: number, x1: number, y1: number, thickness: number): void {
  const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2) + 1;
  for (let k = 0; k <= steps; k++) disk(c, x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps, thickness / 2);
}

/** How a line of characters is laid out: the digits' scale, where the line's top is, the stroke width of separators. */
export interface LineStyle {
  scale: number;
  top: number;
  left: number;
  gap: number;
}

/**
 * Writes `text` (digits and `. , / - :`) on the canvas, digits from MNIST, and
 * returns the x after the last character. A digit's box is about 20·scale tall.
 */
export function writeLine(c: InkCanvas, pick: DigitPicker, text: string, style: LineStyle): number {
  const { scale, top, gap } = style;
  const h = 20 * scale; // a digit's height
  const pen = Math.max(2, 0.11 * h); // separators' stroke width, as thick as MNIST's strokes at this size
  let x = style.left;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') {
      const id = pick.next(Number(ch));
      const px = pick.pixels(id);
      const b = digitBox(px);
      drawDigit(c, px, x - b.x * scale, top + (h - b.height * scale) - b.y * scale, scale);
      x += b.width * scale + gap;
    } else if (ch === '.') {
      disk(c, x + pen, top + h - pen, pen);
      x += 2 * pen + gap;
    } else if (ch === ',') {
      disk(c, x + pen * 1.2, top + h - pen, pen);
      stroke(c, x + pen * 1.5, top + h - pen, x + pen * 0.6, top + h + 0.12 * h, pen * 0.8);
      x += 2.4 * pen + gap;
    } else if (ch === ':') {
      disk(c, x + pen, top + 0.35 * h, pen);
      disk(c, x + pen, top + h - pen, pen);
      x += 2 * pen + gap;
    } else if (ch === '-') {
      stroke(c, x + pen, top + 0.55 * h, x + 0.45 * h, top + 0.52 * h, pen);
      x += 0.45 * h + pen + gap;
    } else if (ch === '/') {
      // A date's slash: from below the baseline to above the digits' tops, leaning right by about 30°.
      const w = 0.7 * h;
      stroke(c, x + pen, top + 1.12 * h, x + pen + w, top - 0.1 * h, pen);
      x += w + 2 * pen + gap;
    } else if (ch !== ' ') throw new RangeError(`writeLine: cannot write ${JSON.stringify(ch)}`);
    else x += 0.5 * h;
  }
  return x;
}

/** A canvas holding the given lines of text (each line 20·scale tall, `lineGap` apart). */
export function writeLines(pick: DigitPicker, lines: string[], scale = 2, lineGap = 24): InkCanvas {
  const h = 20 * scale;
  const width = Math.max(...lines.map((l) => l.length)) * (h * 0.8 + 12) + 40;
  const c = blankInk(Math.ceil(width), Math.ceil(lines.length * (h + lineGap) + 30));
  lines.forEach((text, k) => writeLine(c, pick, text, { scale, top: 20 + k * (h + lineGap), left: 16, gap: 8 }));
  return c;
}

/** Draws a horizontal rule (full width unless told) of the given thickness at row y. */
export function hRule(c: InkCanvas, y: number, thickness = 2, x0 = 0, x1 = c.width): void {
  for (let t = 0; t < thickness; t++) for (let x = Math.max(0, x0); x < Math.min(c.width, x1); x++) c.ink[(y + t) * c.width + x] = Math.max(0.85, c.ink[(y + t) * c.width + x]);
}

/** Draws a vertical rule of the given thickness at column x, rows y0..y1. */
export function vRule(c: InkCanvas, x: number, y0: number, y1: number, thickness = 2): void {
  for (let t = 0; t < thickness; t++) for (let y = Math.max(0, y0); y < Math.min(c.height, y1); y++) c.ink[y * c.width + x + t] = Math.max(0.85, c.ink[y * c.width + x + t]);
}

/** Erases a band of rows [y0, y1) over the whole width (a pen lifted: a stroke cut in two). */
export function eraseRows(c: InkCanvas, y0: number, y1: number, x0 = 0, x1 = c.width): void {
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(c.height, Math.ceil(y1)); y++) for (let x = x0; x < x1; x++) c.ink[y * c.width + x] = 0;
}

/** An ink canvas as a JPEG file (dark ink on white, jpeg-js's encoder at the given quality). */
export function inkToJpeg(c: InkCanvas, quality = 85): Uint8Array {
  const data = new Uint8Array(c.width * c.height * 4);
  for (let i = 0; i < c.ink.length; i++) {
    data.fill(Math.round(255 * (1 - c.ink[i])), 4 * i, 4 * i + 3);
    data[4 * i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: c.width, height: c.height, data }, quality).data);
}

/**
 * The evaluation's cases (c): separators, lines, rules and boxes, from the images
 * `first` on of a split (`pixels(id)`: 28×28, 0..255, white on black).
 */
export function readingCases(pixels: (id: number) => ArrayLike<number>, labels: ArrayLike<number>, first: number): ReadingCase[] {
  const pick = new DigitPicker(pixels, labels, first);
  const cases: ReadingCase[] = [];
  const add = (name: string, text: string, c: InkCanvas, jpegFile = false) => cases.push({ name, text, png: jpegFile ? inkToJpeg(c) : inkToPng(c, 'grey8') });
  for (const t of ['4.5', '12/03/2026', '10:45', '3-7', '9,50', '31.12', '23:59', '1/2']) add(`separators ${t}`, t, writeLines(pick, [t]));
  add('two lines', '12\n34', writeLines(pick, ['12', '34']));
  add('three lines', '507\n26\n8193', writeLines(pick, ['507', '26', '8193']));
  for (let k = 0; k < 3; k++) {
    // Ruled paper: rules every line, the digits sitting on them; one rule runs across the digits' middle.
    const c = writeLines(pick, ['58', '2046'], 2, 24);
    const h = 40;
    for (let line = 0; line < 2; line++) hRule(c, 20 + line * (h + 24) + h + 1, 2);
    hRule(c, 20 + h / 2 + k * 4, 1);
    add(`ruled paper ${k + 1}`, '58\n2046', c);
  }
  {
    const c = writeLines(pick, ['7316']);
    hRule(c, 6, 2);
    hRule(c, c.height - 8, 2);
    vRule(c, 4, 6, c.height - 6, 2);
    vRule(c, c.width - 7, 6, c.height - 6, 2);
    add('boxed field', '7316', c);
  }
  {
    // A small box around a field in a wider picture (40% of its width), and text beside it.
    const c0 = writeLines(pick, ['64']);
    const c = blankInk(c0.width * 2 + 60, c0.height);
    for (let y = 0; y < c0.height; y++) for (let x = 0; x < c0.width; x++) c.ink[y * c.width + x + 20] = c0.ink[y * c0.width + x];
    hRule(c, 6, 2, 22, 22 + 110);
    hRule(c, c.height - 8, 2, 22, 22 + 110);
    vRule(c, 22, 6, c.height - 6, 2);
    vRule(c, 22 + 108, 6, c.height - 6, 2);
    add('small box', '64', c);
  }
  {
    const c = writeLines(pick, ['2890']);
    hRule(c, 20 + 40 + 4, 2, 10, c.width - 10);
    add('underlined', '2890', c);
  }
  add('JPEG 4.5 on two lines', '4.5\n61', writeLines(pick, ['4.5', '61']), true);
  return cases;
}
