/**
 * The layout shared by the confusion matrix and the heatmap: a grid of
 * colour-coded cells with optional values written in them, row and column tick
 * labels, axis titles, a plot title and a colour bar.
 */
import { Canvas, checkPictureSize } from './canvas.js';
import { INK, contrastText } from './color.js';
import type { ColorMap } from './colormap.js';
import { colorBarWidth, drawColorBar } from './colorbar.js';
import { measureText } from './text.js';

/** Everything the renderer needs, already validated. */
export interface MatrixPlotSpec {
  /** The public call, for error messages. */
  where: string;
  rows: number;
  cols: number;
  values: Float64Array;
  rowLabels: string[];
  colLabels: string[];
  rowTitle?: string;
  colTitle?: string;
  title?: string;
  colorMap: ColorMap;
  vmin: number;
  vmax: number;
  /** Text written in cell (i, j), or null for none. */
  cellText: ((value: number, i: number, j: number) => string) | null;
  /** Smallest cell side in pixels. */
  minCell: number;
  textScale: number;
  colorBar: boolean;
}

/** Where the cells ended up, for tests and for callers that draw over them. */
export interface MatrixPlotLayout {
  gridX: number;
  gridY: number;
  cellWidth: number;
  cellHeight: number;
}

const MARGIN = 16;
const TICK = 4;
const PAD = 6;
// Between a tick mark and its label: wide enough not to read as a minus sign.
const LABEL_GAP = 10;

/** Draws the plot on a new canvas sized to fit. */
export function renderMatrixPlot(spec: MatrixPlotSpec): { canvas: Canvas; layout: MatrixPlotLayout } {
  const s = spec.textScale;
  const lineH = measureText('Mg', s).height;
  const texts = spec.cellText ? spec.values.reduce<string[]>((acc, v, k) => {
    acc.push(spec.cellText!(v, Math.floor(k / spec.cols), k % spec.cols));
    return acc;
  }, []) : [];
  const widest = (list: string[]): number => Math.max(0, ...list.map((t) => measureText(t, s).width));
  const cellWidth = Math.max(spec.minCell, widest(texts) + 2 * PAD, widest(spec.colLabels) + 2 * PAD);
  const cellHeight = Math.max(spec.minCell, lineH + 2 * PAD, ...texts.map((t) => measureText(t, s).height + 2 * PAD));
  const gridW = cellWidth * spec.cols;
  const gridH = cellHeight * spec.rows;

  const rowTitleW = spec.rowTitle ? measureText(spec.rowTitle, s).height + 2 * PAD : 0;
  const rowLabelW = widest(spec.rowLabels);
  const titleH = spec.title ? measureText(spec.title, s).height + 3 * PAD : 0;
  const gridX = MARGIN + rowTitleW + rowLabelW + TICK + LABEL_GAP;
  const gridY = MARGIN + titleH;
  const colLabelsY = gridY + gridH + TICK + PAD;
  const colTitleY = colLabelsY + lineH + PAD;
  const bottom = spec.colTitle ? colTitleY + measureText(spec.colTitle, s).height : colLabelsY + lineH;
  const barX = gridX + gridW + 3 * PAD;
  const right = spec.colorBar ? barX + colorBarWidth(spec.vmin, spec.vmax, gridH, s) : gridX + gridW;
  const titleW = spec.title ? measureText(spec.title, s).width : 0;
  const colTitleW = spec.colTitle ? measureText(spec.colTitle, s).width : 0;
  const width = Math.max(right + MARGIN, gridX + Math.ceil((gridW + Math.max(titleW, colTitleW)) / 2) + MARGIN);
  const height = Math.max(bottom + MARGIN, spec.rowTitle ? gridY + measureText(spec.rowTitle, s).width + MARGIN : 0);
  checkPictureSize(width, height, spec.where, 'pass fewer rows or columns, or a smaller cellSize or textScale');
  const canvas = new Canvas(width, height);

  // Cells, then their values.
  const span = spec.vmax - spec.vmin;
  for (let i = 0; i < spec.rows; i++) {
    for (let j = 0; j < spec.cols; j++) {
      const v = spec.values[i * spec.cols + j];
      const color = spec.colorMap.at(span > 0 ? (v - spec.vmin) / span : 0.5);
      const x = gridX + j * cellWidth;
      const y = gridY + i * cellHeight;
      canvas.fillRect(x, y, cellWidth, cellHeight, color);
      if (spec.cellText) {
        canvas.text(texts[i * spec.cols + j], x + cellWidth / 2, y + cellHeight / 2, { scale: s, align: 'center', valign: 'middle', color: contrastText(color) });
      }
    }
  }
  canvas.strokeRect(gridX - 1, gridY - 1, gridW + 2, gridH + 2, INK);

  // Row ticks and labels on the left, column ticks and labels below.
  for (let i = 0; i < spec.rows; i++) {
    const cy = gridY + Math.floor(i * cellHeight + cellHeight / 2);
    canvas.fillRect(gridX - 1 - TICK, cy, TICK, 1, INK);
    canvas.text(spec.rowLabels[i], gridX - 1 - TICK - LABEL_GAP, cy, { scale: s, align: 'right', valign: 'middle' });
  }
  for (let j = 0; j < spec.cols; j++) {
    const cx = gridX + Math.floor(j * cellWidth + cellWidth / 2);
    canvas.fillRect(cx, gridY + gridH + 1, 1, TICK, INK);
    canvas.text(spec.colLabels[j], cx, colLabelsY, { scale: s, align: 'center' });
  }

  // Titles.
  const gridMidX = gridX + Math.floor(gridW / 2);
  const centreX = (w: number): number => Math.min(Math.max(gridMidX, MARGIN + Math.ceil(w / 2)), width - MARGIN - Math.ceil(w / 2));
  if (spec.title) canvas.text(spec.title, centreX(titleW), MARGIN, { scale: s, align: 'center' });
  if (spec.colTitle) canvas.text(spec.colTitle, centreX(colTitleW), colTitleY, { scale: s, align: 'center' });
  if (spec.rowTitle) canvas.text(spec.rowTitle, MARGIN, gridY + Math.floor(gridH / 2), { scale: s, rotate: 'up', valign: 'middle' });

  if (spec.colorBar) drawColorBar(canvas, barX, gridY, gridH, spec.colorMap, spec.vmin, spec.vmax, s);
  return { canvas, layout: { gridX, gridY, cellWidth, cellHeight } };
}
