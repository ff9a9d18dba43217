/**
 * The HOG computation for one image size and parameter set, with reusable
 * buffers: extracting many images allocates nothing per image.
 */
import { normalizeBlock } from './block-norm.js';
import { hogLayout, type HogLayout, type ResolvedHogParams } from './hog-params.js';
import { OrientationBins } from './orientation-bins.js';

/**
 * Computes scikit-image 0.19's `hog(image, feature_vector=True)` for
 * `width` × `height` images:
 *
 * 1. gradients by central differences, 0 on the first/last row (row gradient)
 *    and first/last column (column gradient);
 * 2. per cell and orientation bin, the sum of gradient magnitudes (accumulated
 *    in 32-bit floats, as scikit-image does) divided by the cell's pixel count;
 * 3. every block of cells (one cell apart) normalised; blocks laid out
 *    block row, block column, cell row, cell column, orientation.
 */
export class HogExtractor {
  readonly params: ResolvedHogParams;
  readonly width: number;
  readonly height: number;
  readonly layout: HogLayout;
  private readonly bins: OrientationBins;
  private readonly img: Float64Array;
  private readonly acc: Float32Array;
  private readonly hist: Float64Array;
  private readonly block: Float64Array;
  private readonly tmp: Float64Array;

  /** @throws RangeError when the image is too small for one block. */
  constructor(params: ResolvedHogParams, width: number, height: number, where: string) {
    this.params = params;
    this.width = width;
    this.height = height;
    this.layout = hogLayout(params, width, height, where);
    this.bins = new OrientationBins(params.orientations);
    this.img = new Float64Array(width * height);
    this.acc = new Float32Array(this.layout.cellsRow * this.layout.cellsCol * params.orientations);
    this.hist = new Float64Array(this.acc.length);
    const blockLen = params.cellsPerBlock[0] * params.cellsPerBlock[1] * params.orientations;
    this.block = new Float64Array(blockLen);
    this.tmp = new Float64Array(blockLen);
  }

  /** Length of one feature vector. */
  get length(): number {
    return this.layout.length;
  }

  /**
   * Writes the features of the image `src[offset .. offset + width*height)`
   * (row-major) to `out[outOffset ..)`. Values must be finite (and ≥ 0 with
   * `transformSqrt`); the caller checks.
   */
  extract(src: ArrayLike<number>, offset: number, out: Float64Array, outOffset: number): void {
    const img = this.img;
    const n = img.length;
    if (this.params.transformSqrt) {
      for (let k = 0; k < n; k++) img[k] = Math.sqrt(src[offset + k]);
    } else {
      for (let k = 0; k < n; k++) img[k] = src[offset + k];
    }
    this.histograms();
    this.normalize(out, outOffset);
  }

  /** Cell histograms from `img` into `hist`. */
  private histograms(): void {
    const { width: w, height: h, img, acc, hist, bins } = this;
    const [cr, cc] = this.params.pixelsPerCell;
    const { cellsRow, cellsCol } = this.layout;
    const no = this.params.orientations;
    acc.fill(0);
    // Pixels in cell-row order; within a cell row, in image-row order, so
    // every (cell, bin) sum sees its pixels in scikit-image's order.
    const rows = cellsRow * cr;
    const cols = cellsCol * cc;
    for (let y = 0; y < rows; y++) {
      const rowBase = Math.floor(y / cr) * cellsCol;
      const interiorRow = y > 0 && y < h - 1;
      const p = y * w;
      for (let x = 0; x < cols; x++) {
        const gRow = interiorRow ? img[p + x + w] - img[p + x - w] : 0;
        const gCol = x > 0 && x < w - 1 ? img[p + x + 1] - img[p + x - 1] : 0;
        if (gRow === 0 && gCol === 0) continue; // adds nothing
        const mag = Math.sqrt(gRow * gRow + gCol * gCol);
        const b = bins.bin(gRow, gCol, mag);
        if (b < 0) continue;
        const cell = rowBase + ((x / cc) | 0);
        acc[cell * no + b] += mag; // rounded to float32 on store, like scikit-image's `float total`
      }
    }
    const area = Math.fround(cr * cc);
    for (let k = 0; k < acc.length; k++) hist[k] = Math.fround(acc[k] / area);
  }

  /** Normalised blocks from `hist` into `out`. */
  private normalize(out: Float64Array, outOffset: number): void {
    const { hist, block, tmp } = this;
    const [br, bc] = this.params.cellsPerBlock;
    const { cellsCol, blocksRow, blocksCol } = this.layout;
    const no = this.params.orientations;
    const blockLen = block.length;
    const norm = this.params.blockNorm;
    let o = outOffset;
    for (let r = 0; r < blocksRow; r++) {
      for (let c = 0; c < blocksCol; c++) {
        let k = 0;
        for (let i = 0; i < br; i++) {
          const base = ((r + i) * cellsCol + c) * no;
          for (let j = 0; j < bc * no; j++) block[k++] = hist[base + j];
        }
        normalizeBlock(block, blockLen, norm, tmp);
        out.set(block, o);
        o += blockLen;
      }
    }
  }
}
