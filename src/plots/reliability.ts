/**
 * A reliability diagram: for each bin of confidence, a bar as high as the
 * accuracy of its predictions, over the diagonal a calibrated model would
 * follow; a red frame spans the gap between the accuracy and the bin's mean
 * confidence (above the bar: over-confident; inside it: under-confident).
 */
import { describe } from '../core/errors.js';
import type { ReliabilityBin } from '../metrics/calibration.js';
import { Canvas } from './canvas.js';
import { BLUE, INK, RED } from './color.js';
import { drawText } from './text.js';

/** Options of {@link reliabilityDiagramPng}. */
export interface ReliabilityDiagramPngOptions {
  /** A title over the plot, e.g. the model and its expected calibration error. */
  title?: string;
  /** The plot's side in pixels (default 360). */
  size?: number;
}

/**
 * Draws a reliability diagram from the bins of `reliabilityBins` (metrics).
 * @returns the bytes of an RGB PNG file.
 * @throws TypeError when `bins` is not an array of bins.
 */
export function reliabilityDiagramPng(bins: readonly ReliabilityBin[], options: ReliabilityDiagramPngOptions = {}): Uint8Array {
  const where = 'reliabilityDiagramPng';
  if (!Array.isArray(bins) || bins.length === 0 || !bins.every((b) => b && typeof b.lower === 'number' && typeof b.count === 'number')) {
    throw new TypeError(`${where}: argument 'bins' must be a non-empty array of reliabilityBins() bins, got ${describe(bins)}`);
  }
  const size = options.size ?? 360;
  const left = 70;
  const top = options.title ? 44 : 16;
  const bottom = 56;
  const canvas = new Canvas(left + size + 20, top + size + bottom);
  if (options.title) drawText(canvas, options.title, left + size / 2, 12, { align: 'center' });
  const x = (v: number) => left + Math.round(v * size);
  const y = (v: number) => top + size - Math.round(v * size);
  canvas.strokeRect(left, top, size + 1, size + 1, INK);
  for (const b of bins) {
    if (!b.count) continue;
    const x0 = x(b.lower) + 1;
    const w = Math.max(1, x(b.upper) - x(b.lower) - 1);
    canvas.fillRect(x0, y(b.accuracy), w, y(0) - y(b.accuracy), BLUE);
    // The gap between accuracy and confidence: what calibration gets wrong in this bin.
    const [lo, hi] = b.accuracy < b.confidence ? [b.accuracy, b.confidence] : [b.confidence, b.accuracy];
    canvas.strokeRect(x0, y(hi), w, Math.max(2, y(lo) - y(hi) + 1), RED);
  }
  canvas.line(x(0), y(0), x(1), y(1), INK);
  // The legend, top left, where a calibrated model's bars are short.
  canvas.fillRect(left + 10, top + 10, 12, 12, BLUE);
  drawText(canvas, 'accuracy', left + 28, top + 16, { valign: 'middle' });
  canvas.strokeRect(left + 10, top + 28, 12, 12, RED, 2);
  drawText(canvas, 'gap to confidence', left + 28, top + 34, { valign: 'middle' });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    drawText(canvas, t.toFixed(2), x(t), top + size + 8, { align: 'center' });
    drawText(canvas, t.toFixed(2), left - 8, y(t), { align: 'right', valign: 'middle' });
  }
  drawText(canvas, 'confidence', left + size / 2, top + size + 34, { align: 'center' });
  drawText(canvas, 'accuracy', 12, top + size / 2, { rotate: 'up', valign: 'middle', align: 'center' });
  return canvas.encodePng();
}
