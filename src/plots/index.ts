/**
 * Pictures: a small RGB canvas with a bitmap font, colour maps, and plot
 * builders that return PNG bytes. Free of Node-only APIs.
 */
export { Canvas, MAX_CANVAS_SIDE } from './canvas.js';
export type { GrayImageOptions } from './canvas.js';
export { BLACK, BLUE, GREEN, INK, LIGHT_GREY, RED, WHITE, contrastText, luminance } from './color.js';
export type { Color } from './color.js';
export { blues, colorMaps, grays, graysReversed, makeColorMap, viridis } from './colormap.js';
export type { ColorMap, ColorMapName } from './colormap.js';
export { drawText, measureText } from './text.js';
export type { Box, TextOptions, TextSize } from './text.js';
export { confusionMatrixPng } from './confusion-png.js';
export type { ConfusionMatrixPngOptions } from './confusion-png.js';
export { heatmapPng } from './heatmap.js';
export type { HeatmapPngOptions } from './heatmap.js';
export { digitGridPng, misclassifiedGalleryPng } from './digit-pictures.js';
export type { DigitGridOptions, DigitPictureOptions, MisclassifiedGalleryOptions } from './digit-pictures.js';
export type { ImageList } from './validate.js';
export { barChartPng } from './bars.js';
export type { BarChartPngOptions } from './bars.js';
export { labelledBoxesPng } from './boxes.js';
export type { LabelledBox, LabelledBoxesPngOptions } from './boxes.js';
export { reliabilityDiagramPng } from './reliability.js';
export type { ReliabilityDiagramPngOptions } from './reliability.js';
