/**
 * A small RGB raster: the surface every plot is drawn on. Pure TypeScript with
 * no Node-only API; `encodePng()` returns the PNG file's bytes.
 */
import { encode } from 'fast-png';
import { describe, paramMessage } from '../core/errors.js';
import type { Color } from './color.js';
import { WHITE, isColor } from './color.js';
import type { ColorMap } from './colormap.js';
import { graysReversed, grays } from './colormap.js';
import type { Box, TextOptions } from './text.js';
import { drawText } from './text.js';

/** The largest width or height a canvas may have. */
export const MAX_CANVAS_SIDE = 16384;

/** How a greyscale image is painted by {@link Canvas.drawGray}. */
export interface GrayImageOptions {
  /** Each image pixel becomes a `scale`×`scale` block (nearest neighbour); integer ≥ 1, default 1. */
  scale?: number;
  /** The value painted at full ink: 16 for the 8×8 digits, 255 for MNIST. Default 255. */
  maxValue?: number;
  /**
   * `true` (the default) paints dark ink on light paper, like matplotlib's `gray_r`, as in
   * scikit-learn's digits figure; `false` paints light on dark, like MNIST's raw bytes.
   */
  invert?: boolean;
  /** Paint through this colour map instead of greys (then `invert` is ignored). */
  colorMap?: ColorMap;
}

/** An RGB image in memory, 3 bytes per pixel, row-major from the top-left corner. */
export class Canvas {
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** RGB bytes, `3 * width * height` of them; pixel (x, y) starts at `3 * (y * width + x)`. */
  readonly data: Uint8Array;

  /**
   * @param width width in pixels, an integer from 1 to {@link MAX_CANVAS_SIDE}.
   * @param height height in pixels, same range.
   * @param background the colour the canvas starts with; white by default.
   */
  constructor(width: number, height: number, background: Color = WHITE) {
    for (const [name, v] of [['width', width], ['height', height]] as const) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_CANVAS_SIDE) {
        throw new RangeError(paramMessage('Canvas', name, `an integer from 1 to ${MAX_CANVAS_SIDE}`, v));
      }
    }
    checkColor(background, 'Canvas', 'background');
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  /** The colour at (x, y); throws RangeError outside the canvas. */
  getPixel(x: number, y: number): Color {
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= this.width || y >= this.height) {
      throw new RangeError(`Canvas.getPixel: (x, y) must be integer coordinates inside the ${this.width}×${this.height} canvas, got (${x}, ${y})`);
    }
    const i = 3 * (y * this.width + x);
    return [this.data[i], this.data[i + 1], this.data[i + 2]];
  }

  /** Paints one pixel; coordinates are rounded and pixels outside the canvas are ignored. */
  setPixel(x: number, y: number, color: Color): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const i = 3 * (py * this.width + px);
    this.data[i] = color[0];
    this.data[i + 1] = color[1];
    this.data[i + 2] = color[2];
  }

  /** Fills the rectangle with top-left (x, y) and size w×h, clipped to the canvas. */
  fillRect(x: number, y: number, w: number, h: number, color: Color): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    const [r, g, b] = color;
    const d = this.data;
    for (let py = y0; py < y1; py++) {
      let i = 3 * (py * this.width + x0);
      for (let px = x0; px < x1; px++, i += 3) {
        d[i] = r;
        d[i + 1] = g;
        d[i + 2] = b;
      }
    }
  }

  /** Outlines the rectangle (x, y, w, h) with a border `thickness` pixels wide drawn inside it. */
  strokeRect(x: number, y: number, w: number, h: number, color: Color, thickness = 1): void {
    const t = Math.max(1, Math.min(Math.round(thickness), Math.ceil(w / 2), Math.ceil(h / 2)));
    this.fillRect(x, y, w, t, color);
    this.fillRect(x, y + h - t, w, t, color);
    this.fillRect(x, y + t, t, h - 2 * t, color);
    this.fillRect(x + w - t, y + t, t, h - 2 * t, color);
  }

  /** Draws a straight line from (x0, y0) to (x1, y1), both ends included, `thickness` pixels wide. */
  line(x0: number, y0: number, x1: number, y1: number, color: Color, thickness = 1): void {
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xe = Math.round(x1);
    const ye = Math.round(y1);
    const t = Math.max(1, Math.round(thickness));
    const off = Math.floor((t - 1) / 2);
    const dx = Math.abs(xe - x);
    const dy = -Math.abs(ye - y);
    const sx = x < xe ? 1 : -1;
    const sy = y < ye ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.fillRect(x - off, y - off, t, t, color);
      if (x === xe && y === ye) break;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  /**
   * Paints a greyscale image (row-major, `imageWidth`×`imageHeight` values) with its
   * top-left corner at (x, y), each pixel scaled up to a `scale`×`scale` block.
   * Values are mapped linearly from 0..maxValue and clamped; NaN paints as 0.
   */
  drawGray(pixels: ArrayLike<number>, imageWidth: number, imageHeight: number, x: number, y: number, options: GrayImageOptions = {}): void {
    const where = 'Canvas.drawGray';
    if (!isNumberArray(pixels)) throw new TypeError(paramMessage(where, 'pixels', 'an array of numbers', pixels));
    for (const [name, v] of [['imageWidth', imageWidth], ['imageHeight', imageHeight]] as const) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(paramMessage(where, name, 'a positive integer', v));
    }
    if (pixels.length !== imageWidth * imageHeight) {
      throw new RangeError(`${where}: argument 'pixels' must hold imageWidth×imageHeight = ${imageWidth}×${imageHeight} = ${imageWidth * imageHeight} values, got ${pixels.length}`);
    }
    const scale = options.scale ?? 1;
    if (!Number.isInteger(scale) || scale < 1) throw new RangeError(paramMessage(where, 'scale', 'a positive integer', scale));
    const maxValue = options.maxValue ?? 255;
    if (typeof maxValue !== 'number' || !Number.isFinite(maxValue) || maxValue <= 0) {
      throw new RangeError(paramMessage(where, 'maxValue', 'a finite number > 0', maxValue));
    }
    const map = options.colorMap ?? ((options.invert ?? true) ? graysReversed : grays);
    for (let r = 0; r < imageHeight; r++) {
      for (let c = 0; c < imageWidth; c++) {
        const v = pixels[r * imageWidth + c];
        this.fillRect(x + c * scale, y + r * scale, scale, scale, map.at(Number.isNaN(v) ? 0 : v / maxValue));
      }
    }
  }

  /** Draws text; see {@link drawText}. Returns the box the text occupies. */
  text(text: string, x: number, y: number, options: TextOptions = {}): Box {
    return drawText(this, text, x, y, options);
  }

  /** The canvas as the bytes of an 8-bit RGB PNG file. */
  encodePng(): Uint8Array {
    return encode({ width: this.width, height: this.height, data: this.data, channels: 3, depth: 8 });
  }
}

/** Throws when a picture about to be drawn would exceed {@link MAX_CANVAS_SIDE}. */
export function checkPictureSize(width: number, height: number, where: string, hint: string): void {
  if (width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE) {
    throw new RangeError(`${where}: the picture would be ${width}×${height} pixels, more than ${MAX_CANVAS_SIDE} on a side; ${hint}`);
  }
}

function checkColor(value: unknown, where: string, name: string): void {
  if (!isColor(value)) throw new TypeError(`${where}: parameter '${name}' must be an RGB triple of integers 0..255, got ${describe(value)}`);
}

function isNumberArray(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}
