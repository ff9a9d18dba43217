/**
 * The confusion matrix as a picture, laid out like scikit-learn's
 * `ConfusionMatrixDisplay`: true labels down the rows, predicted labels across.
 */
import { paramMessage } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import type { ColorMap, ColorMapName } from './colormap.js';
import { resolveColorMap, viridis } from './colormap.js';
import { renderMatrixPlot } from './matrix-plot.js';
import { DEFAULT_TEXT_SCALE } from './text.js';
import { formatValue } from './ticks.js';
import { optionalString, positiveInt, toGrid, toLabelStrings } from './validate.js';

/** Options of {@link confusionMatrixPng}. */
export interface ConfusionMatrixPngOptions {
  /** One name per class, in the matrix's order; `0, 1, …` by default. */
  labels?: ArrayLike<number | string>;
  /** A title over the matrix; none by default. */
  title?: string;
  /** Colour map by name or object; `'viridis'` by default, as scikit-learn. `'blues'` is the other classic. */
  colorMap?: ColorMap | ColorMapName;
  /** Write the count in each cell (default true). */
  showValues?: boolean;
  /** How a count is written; integers as they are, others with 3 significant digits by default. */
  valueFormat?: (value: number) => string;
  /** Draw the colour scale bar (default true). */
  colorBar?: boolean;
  /** Smallest cell side in pixels (default 44); cells grow to fit their text. */
  cellSize?: number;
  /** Integer scale of all text (default 2). */
  textScale?: number;
}

/**
 * Draws a confusion matrix: cells coloured by count on a sequential colour map,
 * the count written in each cell (white on dark cells, dark on light ones),
 * "True label" down the left, "Predicted label" along the bottom, the class names
 * as tick labels, and a colour bar. Rows are true classes, columns predictions,
 * as `confusionMatrix` returns them.
 *
 * @param matrix a square matrix of non-negative counts (or normalised rates).
 * @returns the bytes of an RGB PNG file.
 * @throws RangeError for an empty, non-square or ragged matrix, a non-finite or negative
 *   value, or a `labels` list whose length is not the number of classes.
 */
export function confusionMatrixPng(matrix: Matrix | ArrayLike<ArrayLike<number>>, options: ConfusionMatrixPngOptions = {}): Uint8Array {
  const where = 'confusionMatrixPng';
  const grid = toGrid(matrix, where, 'matrix');
  if (grid.rows !== grid.cols) {
    throw new RangeError(`${where}: argument 'matrix' must be square (one row and one column per class), got ${grid.rows}×${grid.cols}`);
  }
  grid.values.forEach((v, k) => {
    if (v < 0) throw new RangeError(`${where}: argument 'matrix' must hold counts >= 0, got ${v} at [${Math.floor(k / grid.cols)}][${k % grid.cols}]`);
  });
  const labels = options.labels === undefined
    ? Array.from({ length: grid.rows }, (_, i) => String(i))
    : toLabelStrings(options.labels, where, 'labels', grid.rows, 'class', 'parameter');
  const format = options.valueFormat ?? formatValue;
  if (typeof format !== 'function') throw new TypeError(paramMessage(where, 'valueFormat', 'a function', format));
  let vmin = Infinity;
  let vmax = -Infinity;
  for (const v of grid.values) {
    vmin = Math.min(vmin, v);
    vmax = Math.max(vmax, v);
  }
  const { canvas } = renderMatrixPlot({
    where,
    ...grid,
    rowLabels: labels,
    colLabels: labels,
    rowTitle: 'True label',
    colTitle: 'Predicted label',
    title: optionalString(options.title, where, 'title'),
    colorMap: resolveColorMap(options.colorMap, viridis, where),
    vmin,
    vmax,
    cellText: (options.showValues ?? true) ? (v) => format(v) : null,
    minCell: positiveInt(options.cellSize, where, 'cellSize', 44),
    textScale: positiveInt(options.textScale, where, 'textScale', DEFAULT_TEXT_SCALE, 16),
    colorBar: options.colorBar ?? true,
  });
  return canvas.encodePng();
}
