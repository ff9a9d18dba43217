/**
 * A horizontal bar chart: one labelled bar per item with its value written at
 * the bar's end, e.g. accuracy or fit time per estimator.
 */
import { describe, paramMessage } from '../core/errors.js';
import { Canvas, checkPictureSize } from './canvas.js';
import type { Color } from './color.js';
import { BLUE, INK, LIGHT_GREY, isColor } from './color.js';
import { DEFAULT_TEXT_SCALE, measureText } from './text.js';
import { formatTick, formatValue, niceTicks } from './ticks.js';
import { optionalString, positiveInt, toLabelStrings } from './validate.js';

/** Options of {@link barChartPng}. */
export interface BarChartPngOptions {
  /** One label per bar, written to its left; `0, 1, …` by default. */
  labels?: ArrayLike<number | string>;
  /** A title over the chart. */
  title?: string;
  /** Title of the value axis, under it (e.g. `'accuracy'` or `'fit time (s)'`). */
  valueTitle?: string;
  /** How a value is written at the end of its bar; 3 significant digits by default. */
  valueFormat?: (value: number) => string;
  /** Bar colour, an RGB triple; a calm blue by default. */
  color?: Color;
  /** Length in pixels of the longest bar (or of `maxValue`); 360 by default. */
  barLength?: number;
  /** Value at the right end of the axis; by default the first nice tick value at or above the largest value. */
  maxValue?: number;
  /** Integer scale of all text (default 2). */
  textScale?: number;
}

const MARGIN = 16;
const GAP = 10;
const TICK = 4;

/**
 * Draws one horizontal bar per value, from a common zero line, with its label on the
 * left, its value at its end, and a value axis with nice tick values below.
 *
 * @param values non-negative finite numbers, one per bar, drawn top to bottom.
 * @returns the bytes of an RGB PNG file.
 * @throws RangeError for an empty list, a negative or non-finite value, or labels of the wrong length.
 */
export function barChartPng(values: ArrayLike<number>, options: BarChartPngOptions = {}): Uint8Array {
  const where = 'barChartPng';
  if (!(Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView)))) {
    throw new TypeError(`${where}: argument 'values' must be an array of numbers, got ${describe(values)}`);
  }
  const n = values.length;
  if (n === 0) throw new RangeError(`${where}: argument 'values' must hold at least one value, got 0 values`);
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${where}: argument 'values' must hold finite numbers >= 0, got ${String(v)} at index ${i}`);
    }
    vals.push(v);
  }
  const labels = options.labels === undefined ? vals.map((_, i) => String(i)) : toLabelStrings(options.labels, where, 'labels', n, 'value', 'parameter');
  const format = options.valueFormat ?? formatValue;
  if (typeof format !== 'function') throw new TypeError(paramMessage(where, 'valueFormat', 'a function', format));
  const color = options.color ?? BLUE;
  if (!isColor(color)) throw new TypeError(paramMessage(where, 'color', 'an RGB triple of integers 0..255', color));
  const s = positiveInt(options.textScale, where, 'textScale', DEFAULT_TEXT_SCALE, 16);
  const barLength = positiveInt(options.barLength, where, 'barLength', 360, 8192);
  const largest = Math.max(...vals);
  // By default the axis ends at the first nice tick at or beyond the largest value.
  let axisMax = 1;
  if (largest > 0) {
    const { step } = niceTicks(0, largest, Math.max(2, Math.floor(barLength / 70)));
    axisMax = Math.ceil(largest / step - 1e-9) * step;
  }
  if (options.maxValue !== undefined) {
    if (typeof options.maxValue !== 'number' || !Number.isFinite(options.maxValue) || options.maxValue <= 0) {
      throw new RangeError(paramMessage(where, 'maxValue', 'a finite number > 0', options.maxValue));
    }
    axisMax = options.maxValue;
  }
  const title = optionalString(options.title, where, 'title');
  const valueTitle = optionalString(options.valueTitle, where, 'valueTitle');

  const lineH = measureText('Mg', s).height;
  const barH = lineH + 8;
  const texts = vals.map((v) => format(v));
  const labelW = Math.max(...labels.map((l) => measureText(l, s).width));
  const valueW = Math.max(...texts.map((t) => measureText(t, s).width));
  const { ticks, step } = niceTicks(0, axisMax, Math.max(2, Math.floor(barLength / 70)));
  const tickLabels = ticks.map((t) => formatTick(t, step));
  const titleH = title ? measureText(title, s).height + 2 * GAP : 0;
  const x0 = MARGIN + labelW + GAP;
  const y0 = MARGIN + titleH;
  const plotH = n * barH + (n + 1) * GAP;
  const axisY = y0 + plotH;
  const bottom = axisY + TICK + 4 + lineH + (valueTitle ? GAP + lineH : 0);
  const lastTickHalf = Math.ceil(measureText(tickLabels[tickLabels.length - 1], s).width / 2);
  const width = Math.max(x0 + Math.max(barLength + GAP + valueW, barLength + lastTickHalf) + MARGIN, title ? measureText(title, s).width + 2 * MARGIN : 0);
  const height = bottom + MARGIN;
  checkPictureSize(width, height, where, 'pass fewer values or a smaller barLength or textScale');
  const canvas = new Canvas(width, height);
  const px = (v: number): number => Math.round((Math.min(v, axisMax) / axisMax) * barLength);

  if (title) canvas.text(title, Math.floor(width / 2), MARGIN, { scale: s, align: 'center' });
  // Light grid lines at the ticks, then the bars over them.
  ticks.forEach((t, k) => {
    const x = x0 + px(t);
    if (k > 0) canvas.fillRect(x, y0, 1, plotH, LIGHT_GREY);
    canvas.fillRect(x, axisY, 1, TICK, INK);
    canvas.text(tickLabels[k], x, axisY + TICK + 4, { scale: s, align: 'center' });
  });
  vals.forEach((v, i) => {
    const by = y0 + GAP + i * (barH + GAP);
    // Bars start right of the zero line, so that a bar ends on its value's tick.
    canvas.fillRect(x0 + 1, by, px(v), barH, color);
    canvas.text(labels[i], x0 - GAP, by + Math.floor(barH / 2), { scale: s, align: 'right', valign: 'middle' });
    canvas.text(texts[i], x0 + 1 + px(v) + GAP, by + Math.floor(barH / 2), { scale: s, valign: 'middle' });
  });
  canvas.fillRect(x0, y0, 1, plotH + 1, INK);
  canvas.fillRect(x0, axisY, barLength + 1, 1, INK);
  if (valueTitle) canvas.text(valueTitle, x0 + Math.floor(barLength / 2), axisY + TICK + 4 + lineH + GAP, { scale: s, align: 'center' });
  return canvas.encodePng();
}
