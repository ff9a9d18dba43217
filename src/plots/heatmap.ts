/**
 * A labelled heatmap with a colour scale: e.g. validation accuracy over a grid
 * of C (rows) × gamma (columns).
 */
import { paramMessage } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import type { ColorMap, ColorMapName } from './colormap.js';
import { resolveColorMap, viridis } from './colormap.js';
import { renderMatrixPlot } from './matrix-plot.js';
import { DEFAULT_TEXT_SCALE } from './text.js';
import { formatValue } from './ticks.js';
import { optionalString, positiveInt, toGrid, toLabelStrings } from './validate.js';

/** Options of {@link heatmapPng}. */
export interface HeatmapPngOptions {
  /** One label per row (e.g. the C values); `0, 1, …` by default. */
  rowLabels?: ArrayLike<number | string>;
  /** One label per column (e.g. the gamma values); `0, 1, …` by default. */
  colLabels?: ArrayLike<number | string>;
  /** Title of the vertical axis, written up the left side (e.g. `'C'`). */
  rowTitle?: string;
  /** Title of the horizontal axis, written under the column labels (e.g. `'gamma'`). */
  colTitle?: string;
  /** A title over the plot. */
  title?: string;
  /** How a cell's value is written; 3 significant digits by default. */
  valueFormat?: (value: number) => string;
  /** Write each value in its cell (default true). */
  showValues?: boolean;
  /** Colour map by name or object; `'viridis'` by default. */
  colorMap?: ColorMap | ColorMapName;
  /** Value at the bottom of the colour scale; the smallest value by default. */
  vmin?: number;
  /** Value at the top of the colour scale; the largest value by default. */
  vmax?: number;
  /** Draw the colour scale bar with its tick values (default true). */
  colorBar?: boolean;
  /** Smallest cell side in pixels (default 44); cells grow to fit their text and column labels. */
  cellSize?: number;
  /** Integer scale of all text (default 2). */
  textScale?: number;
}

/**
 * Draws `values` (rows × columns) as coloured cells on a colour map, with row and
 * column tick labels, axis titles, an optional title, the values in the cells and a
 * colour bar with tick values.
 *
 * @returns the bytes of an RGB PNG file.
 * @throws RangeError for an empty or ragged `values`, a non-finite value, label lists
 *   of the wrong length, or `vmin` not below `vmax`.
 */
export function heatmapPng(values: Matrix | ArrayLike<ArrayLike<number>>, options: HeatmapPngOptions = {}): Uint8Array {
  const where = 'heatmapPng';
  const grid = toGrid(values, where, 'values');
  const labelsOrIndex = (given: unknown, name: string, n: number, what: string): string[] =>
    given === undefined ? Array.from({ length: n }, (_, i) => String(i)) : toLabelStrings(given, where, name, n, what, 'parameter');
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid.values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const limit = (v: unknown, name: string, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(paramMessage(where, name, 'a finite number', v));
    return v;
  };
  const vmin = limit(options.vmin, 'vmin', lo);
  const vmax = limit(options.vmax, 'vmax', hi);
  if (vmin > vmax || (vmin === vmax && (options.vmin !== undefined || options.vmax !== undefined) && lo !== hi)) {
    throw new RangeError(`${where}: parameters 'vmin' and 'vmax' must satisfy vmin < vmax, got vmin = ${vmin} and vmax = ${vmax}`);
  }
  const format = options.valueFormat ?? formatValue;
  if (typeof format !== 'function') throw new TypeError(paramMessage(where, 'valueFormat', 'a function', format));
  const { canvas } = renderMatrixPlot({
    where,
    ...grid,
    rowLabels: labelsOrIndex(options.rowLabels, 'rowLabels', grid.rows, 'row'),
    colLabels: labelsOrIndex(options.colLabels, 'colLabels', grid.cols, 'column'),
    rowTitle: optionalString(options.rowTitle, where, 'rowTitle'),
    colTitle: optionalString(options.colTitle, where, 'colTitle'),
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
