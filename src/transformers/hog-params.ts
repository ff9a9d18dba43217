/**
 * The parameters of HOG: validation, defaults and the output size they imply.
 */
import { checkParams, paramRule, type ParamSpec } from '../base/params.js';
import { MAX_IMAGE_SIDE } from '../core/limits.js';
import { checkOptions } from '../core/options.js';
import { checkNumber } from '../core/validation.js';

/** The block normalisations of `skimage.feature.hog`. */
export const HOG_BLOCK_NORMS = ['L1', 'L1-sqrt', 'L2', 'L2-Hys'] as const;

/** A block normalisation: see {@link HogOptions.blockNorm}. */
export type HogBlockNorm = (typeof HOG_BLOCK_NORMS)[number];

/** The HOG parameters shared by {@link hog}, {@link hogBatch} and the {@link HOG} transformer. */
export interface HogDescriptorParams {
  /** Number of orientation bins over 0..180° (unsigned gradients). Default 9. */
  orientations?: number;
  /** Cell size in pixels, `[rows, cols]` as in scikit-image (`[height, width]` of a cell). Default `[8, 8]`. */
  pixelsPerCell?: readonly [number, number] | number[];
  /** Block size in cells, `[rows, cols]`. Default `[3, 3]`. */
  cellsPerBlock?: readonly [number, number] | number[];
  /**
   * Block normalisation, as in scikit-image (eps = 1e-5, v = the block's cell histograms):
   * `'L1'`: v / (‖v‖₁ + eps); `'L1-sqrt'`: sqrt(v / (‖v‖₁ + eps));
   * `'L2'`: v / sqrt(‖v‖₂² + eps²); `'L2-Hys'` (default): L2, clipped at 0.2, then L2 again.
   */
  blockNorm?: HogBlockNorm;
  /** Take the square root of every pixel first (gamma compression). Default false; pixels must then be ≥ 0. */
  transformSqrt?: boolean;
}

/**
 * The former name of {@link HogDescriptorParams}.
 * @deprecated Use `HogDescriptorParams`; `HogParams` was too close to the transformer's `HOGParams`.
 */
export type HogParams = HogDescriptorParams;

/** Options of {@link hog}: the image size plus the {@link HogDescriptorParams}. */
export interface HogOptions extends HogDescriptorParams {
  /** Image width in pixels (columns). */
  width: number;
  /** Image height in pixels (rows). */
  height: number;
}

/** Every HOG parameter, checked and with its default filled in. */
export interface ResolvedHogParams {
  orientations: number;
  pixelsPerCell: [number, number];
  cellsPerBlock: [number, number];
  blockNorm: HogBlockNorm;
  transformSqrt: boolean;
}

/** The HOG parameters' rules and defaults (scikit-image's `hog` defaults), shared by every HOG entry point. */
export const HOG_DESCRIPTOR_PARAMS: ParamSpec<HogDescriptorParams> = {
  // One-degree bins at the most (scikit-image sets no bound; a huge count only allocates).
  orientations: { rule: paramRule.number({ integer: true, ge: 1, cap: 360 }), default: 9 },
  pixelsPerCell: { rule: paramRule.pair({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }), default: [8, 8] },
  cellsPerBlock: { rule: paramRule.pair({ integer: true, ge: 1, cap: MAX_IMAGE_SIDE }), default: [3, 3] },
  blockNorm: { rule: paramRule.choice(HOG_BLOCK_NORMS), default: 'L2-Hys' },
  transformSqrt: { rule: paramRule.boolean(), default: false },
};

/** The names of {@link HogDescriptorParams}. */
export const HOG_PARAM_NAMES = Object.keys(HOG_DESCRIPTOR_PARAMS) as (keyof HogDescriptorParams)[];

/** Checks the HOG parameters of `params` (other keys are the caller's business) and fills in defaults. */
export function resolveHogParams(params: Record<string, unknown>, where: string): ResolvedHogParams {
  const filled: Record<string, unknown> = {};
  for (const name of HOG_PARAM_NAMES) filled[name] = params[name] ?? HOG_DESCRIPTOR_PARAMS[name].default;
  checkParams(HOG_DESCRIPTOR_PARAMS, filled, where);
  const pair = (v: unknown) => [...(v as number[])] as [number, number];
  return { ...(filled as unknown as ResolvedHogParams), pixelsPerCell: pair(filled.pixelsPerCell), cellsPerBlock: pair(filled.cellsPerBlock) };
}

/** Checks `options` of {@link hog}: known keys, sizes and HOG parameters. */
export function resolveHogOptions(options: unknown, where: string): ResolvedHogParams & { width: number; height: number } {
  const o = checkOptions(options, where, ['width', 'height', ...HOG_PARAM_NAMES]);
  const width = checkSize(o.width, where, 'width');
  const height = checkSize(o.height, where, 'height');
  return { ...resolveHogParams(o, where), width, height };
}

/** Checks an image side: an integer ≥ 1. */
export function checkSize(value: unknown, where: string, name: string): number {
  const v = checkNumber(value, where, name, { integer: true, ge: 1 });
  if (v > MAX_IMAGE_SIDE) throw new RangeError(`${where}: parameter '${name}' must be an integer >= 1 and at most ${MAX_IMAGE_SIDE}, got ${v}`);
  return v;
}

/** The cell and block grid that a parameter set gives on a `width` × `height` image. */
export interface HogLayout {
  cellsRow: number;
  cellsCol: number;
  blocksRow: number;
  blocksCol: number;
  /** Length of the feature vector. */
  length: number;
}

/**
 * The grid on a `width` × `height` image: as many whole cells as fit (pixels
 * beyond the last whole cell are ignored, as in scikit-image), and every block
 * position, one cell apart.
 *
 * @throws RangeError when not even one block fits.
 */
export function hogLayout(p: ResolvedHogParams, width: number, height: number, where: string): HogLayout {
  const cellsRow = Math.floor(height / p.pixelsPerCell[0]);
  const cellsCol = Math.floor(width / p.pixelsPerCell[1]);
  const blocksRow = cellsRow - p.cellsPerBlock[0] + 1;
  const blocksCol = cellsCol - p.cellsPerBlock[1] + 1;
  if (blocksRow < 1 || blocksCol < 1) {
    throw new RangeError(
      `${where}: a ${width}×${height} image (width×height) is too small for pixelsPerCell [${p.pixelsPerCell.join(', ')}] ` +
        `and cellsPerBlock [${p.cellsPerBlock.join(', ')}] (rows, cols): it must hold at least ` +
        `${p.pixelsPerCell[0] * p.cellsPerBlock[0]} rows and ${p.pixelsPerCell[1] * p.cellsPerBlock[1]} columns`,
    );
  }
  const length = blocksRow * blocksCol * p.cellsPerBlock[0] * p.cellsPerBlock[1] * p.orientations;
  return { cellsRow, cellsCol, blocksRow, blocksCol, length };
}
