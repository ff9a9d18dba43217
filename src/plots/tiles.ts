/**
 * The layout shared by the digit pictures: a grid of tiles, each one image
 * scaled up crisply with a few lines of caption above or below it.
 */
import { Canvas, checkPictureSize } from './canvas.js';
import type { Color } from './color.js';
import { INK, LIGHT_GREY } from './color.js';
import { measureText } from './text.js';
import type { ImageSpec } from './validate.js';

/** One line of a caption, with an optional colour. */
export interface CaptionLine {
  text: string;
  color?: Color;
}

/** Everything the tile renderer needs, already validated. */
export interface TileSpec extends ImageSpec {
  /** The public call, for error messages. */
  where: string;
  images: ArrayLike<number>[];
  captions: CaptionLine[][];
  captionPosition: 'above' | 'below';
  columns: number;
  scale: number;
  invert: boolean;
  textScale: number;
  title?: string;
  /** Shown instead of the grid when there are no images. */
  emptyMessage?: string;
}

/** Where tile i's image landed, for tests and for callers that draw over it. */
export interface TileLayout {
  imageX: number[];
  imageY: number[];
}

const MARGIN = 16;
const GAP_X = 20;
const GAP_Y = 20;
const CAPTION_GAP = 6;
const LINE_GAP = 4;

/** The default nearest-neighbour factor: about 96 pixels for the longer side, at least 1. */
export function defaultScale(width: number, height: number): number {
  return Math.max(1, Math.round(96 / Math.max(width, height)));
}

/** Draws the tiles on a new canvas sized to fit. */
export function renderTiles(spec: TileSpec): { canvas: Canvas; layout: TileLayout } {
  const s = spec.textScale;
  const lineH = measureText('Mg', s).height;
  const imgW = spec.width * spec.scale;
  const imgH = spec.height * spec.scale;
  const n = spec.images.length;
  const columns = Math.max(1, Math.min(spec.columns, n));
  const rows = Math.ceil(n / columns);
  const nLines = Math.max(0, ...spec.captions.map((c) => c.length));
  const captionH = nLines > 0 ? nLines * lineH + (nLines - 1) * LINE_GAP + CAPTION_GAP : 0;
  const captionW = Math.max(0, ...spec.captions.flat().map((l) => measureText(l.text, s).width));
  // The frame around each image sits one pixel outside it.
  const tileW = Math.max(imgW + 2, captionW);
  const tileH = imgH + 2 + captionH;
  const titleSize = spec.title ? measureText(spec.title, s) : { width: 0, height: 0 };
  const titleH = spec.title ? titleSize.height + 2 * CAPTION_GAP + 4 : 0;

  if (n === 0) {
    const msg = spec.emptyMessage ?? 'No images';
    const m = measureText(msg, s);
    const canvas = new Canvas(Math.max(m.width, titleSize.width) + 2 * MARGIN, titleH + m.height + 2 * MARGIN);
    if (spec.title) canvas.text(spec.title, canvas.width / 2, MARGIN, { scale: s, align: 'center' });
    canvas.text(msg, canvas.width / 2, MARGIN + titleH, { scale: s, align: 'center', color: INK });
    return { canvas, layout: { imageX: [], imageY: [] } };
  }

  const gridW = columns * tileW + (columns - 1) * GAP_X;
  const width = Math.max(gridW, titleSize.width) + 2 * MARGIN;
  const height = MARGIN + titleH + rows * tileH + (rows - 1) * GAP_Y + MARGIN;
  checkPictureSize(width, height, spec.where, 'pass fewer images, or change columns or scale');
  const canvas = new Canvas(width, height);
  if (spec.title) canvas.text(spec.title, width / 2, MARGIN, { scale: s, align: 'center' });
  const x0 = Math.floor((width - gridW) / 2);
  const imageX: number[] = [];
  const imageY: number[] = [];
  spec.images.forEach((img, i) => {
    const tx = x0 + (i % columns) * (tileW + GAP_X);
    const ty = MARGIN + titleH + Math.floor(i / columns) * (tileH + GAP_Y);
    const cx = tx + Math.floor(tileW / 2);
    const ix = cx - Math.floor(imgW / 2);
    const iy = ty + 1 + (spec.captionPosition === 'above' ? captionH : 0);
    canvas.strokeRect(ix - 1, iy - 1, imgW + 2, imgH + 2, LIGHT_GREY);
    canvas.drawGray(img, spec.width, spec.height, ix, iy, { scale: spec.scale, maxValue: spec.maxValue, invert: spec.invert });
    imageX.push(ix);
    imageY.push(iy);
    let ly = spec.captionPosition === 'above' ? ty : iy + imgH + 1 + CAPTION_GAP;
    for (const line of spec.captions[i] ?? []) {
      canvas.text(line.text, cx, ly, { scale: s, align: 'center', color: line.color ?? INK });
      ly += lineH + LINE_GAP;
    }
  });
  return { canvas, layout: { imageX, imageY } };
}
