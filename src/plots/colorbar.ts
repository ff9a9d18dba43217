/**
 * A vertical colour scale bar with tick marks and tick values, drawn beside a
 * colour-coded plot.
 */
import type { Canvas } from './canvas.js';
import { INK } from './color.js';
import type { ColorMap } from './colormap.js';
import { measureText } from './text.js';
import { formatTick, niceTicks } from './ticks.js';

/** Bar width in pixels. */
export const COLOR_BAR_WIDTH = 18;
const TICK = 4;
// Wide enough that a tick mark is not read as a minus sign.
const GAP = 8;

/** The ticks a bar over [vmin, vmax] shows, with their labels. */
export function colorBarTicks(vmin: number, vmax: number, height: number, textScale: number): { value: number; label: string }[] {
  const maxTicks = Math.max(2, Math.min(8, Math.floor(height / (textScale * 16))));
  const { ticks, step } = niceTicks(vmin, vmax, maxTicks);
  return ticks.map((value) => ({ value, label: formatTick(value, step) }));
}

/** Total width of a bar with its tick labels. */
export function colorBarWidth(vmin: number, vmax: number, height: number, textScale: number): number {
  const labels = colorBarTicks(vmin, vmax, height, textScale).map((t) => measureText(t.label, textScale).width);
  return COLOR_BAR_WIDTH + TICK + GAP + Math.max(0, ...labels);
}

/**
 * Draws the bar with its top-left corner at (x, y): `vmax`'s colour at the top,
 * `vmin`'s at the bottom, ticks and values on the right.
 */
export function drawColorBar(canvas: Canvas, x: number, y: number, height: number, map: ColorMap, vmin: number, vmax: number, textScale: number): void {
  for (let i = 0; i < height; i++) {
    const t = height > 1 ? 1 - i / (height - 1) : 0.5;
    canvas.fillRect(x, y + i, COLOR_BAR_WIDTH, 1, map.at(t));
  }
  canvas.strokeRect(x - 1, y - 1, COLOR_BAR_WIDTH + 2, height + 2, INK);
  const span = vmax - vmin;
  for (const { value, label } of colorBarTicks(vmin, vmax, height, textScale)) {
    const frac = span > 0 ? (value - vmin) / span : 0.5;
    const ty = Math.round(y + (height - 1) * (1 - frac));
    canvas.fillRect(x + COLOR_BAR_WIDTH + 1, ty, TICK, 1, INK);
    canvas.text(label, x + COLOR_BAR_WIDTH + TICK + GAP, ty, { scale: textScale, valign: 'middle' });
  }
}
