/**
 * The HOG computation for one image size and parameter set, with reusable
 * buffers: extracting many images allocates nothing per image.
 */
import { normalizeBlock } from './block-norm.js';
import { hogLayout, type HogLayout, type ResolvedHogParams } from './hog-params.js';
import { OrientationBins, byteGradientBins } from './orientation-bins.js';

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
  /** For each column x, the offset of its cell in a row of cell histograms. */
  private readonly cellOfColumn: Int32Array;
  /** Bins of byte-image gradients, built on first use. */
  private byteBins: Int16Array | null = null;

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
    this.cellOfColumn = new Int32Array(width);
    for (let x = 0; x < width; x++) this.cellOfColumn[x] = Math.floor(x / params.pixelsPerCell[1]) * params.orientations;
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
    if (this.params.transformSqrt) {
      const img = this.img;
      for (let k = 0; k < img.length; k++) img[k] = Math.sqrt(src[offset + k]);
      this.histograms(img, 0, null);
    } else if (src instanceof Uint8Array || src instanceof Uint8ClampedArray) {
      // Integer gradients in −255..255: bins from a table.
      this.byteBins ??= byteGradientBins(this.params.orientations);
      this.histograms(src, offset, this.byteBins);
    } else {
      this.histograms(src, offset, null);
    }
    this.normalize(out, outOffset);
  }

  /**
   * Cell histograms of the image at `src[offset ..)` into `hist`; `byteBins`
   * (see {@link byteGradientBins}) when the pixels are bytes.
   */
  private histograms(src: ArrayLike<number>, offset: number, byteBins: Int16Array | null): void {
    const { width: w, height: h, acc, hist, bins, cellOfColumn } = this;
    const cr = this.params.pixelsPerCell[0];
    const cc = this.params.pixelsPerCell[1];
    const { cellsRow, cellsCol } = this.layout;
    const no = this.params.orientations;
    acc.fill(0);
    // Pixels in image-row order: every (cell, bin) sum sees its pixels in
    // scikit-image's order (row by row within the cell).
    const rows = cellsRow * cr;
    const cols = cellsCol * cc;
    // Columns whose column gradient is a central difference (the first and
    // last image columns have 0).
    const xEnd = Math.min(cols, w - 1);
    let rowBase = 0;
    let inCell = 0;
    for (let y = 0; y < rows; y++) {
      const p = offset + y * w;
      if (y > 0 && y < h - 1) {
        // Interior row: both gradients are differences (column gradient 0 at x = 0 and x = w − 1).
        this.add(0, src[p + w] - src[p - w], 0, rowBase, byteBins);
        for (let x = 1; x < xEnd; x++) {
          const gRow = src[p + x + w] - src[p + x - w];
          const gCol = src[p + x + 1] - src[p + x - 1];
          if (gRow !== 0 || gCol !== 0) this.add(x, gRow, gCol, rowBase, byteBins);
        }
        if (xEnd > 0 && xEnd < cols) this.add(xEnd, src[p + xEnd + w] - src[p + xEnd - w], 0, rowBase, byteBins);
      } else {
        // First or last image row: row gradient 0.
        for (let x = 1; x < xEnd; x++) {
          const gCol = src[p + x + 1] - src[p + x - 1];
          if (gCol !== 0) this.add(x, 0, gCol, rowBase, byteBins);
        }
      }
      if (++inCell === cr) {
        inCell = 0;
        rowBase += cellsCol * no;
      }
    }
    const area = Math.fround(cr * cc);
    for (let k = 0; k < acc.length; k++) hist[k] = Math.fround(acc[k] / area);
  }

  /** Adds the gradient (`gRow`, `gCol`) of a pixel in column `x` to its cell's histogram. */
  private add(x: number, gRow: number, gCol: number, rowBase: number, byteBins: Int16Array | null): void {
    if (gRow === 0 && gCol === 0) return; // adds nothing
    const mag = Math.sqrt(gRow * gRow + gCol * gCol);
    const b = byteBins !== null ? byteBins[(gRow + 255) * 511 + gCol + 255] : this.bins.bin(gRow, gCol, mag);
    // Stored as float32, rounded at every step like scikit-image's `float total`.
    if (b >= 0) this.acc[rowBase + this.cellOfColumn[x] + b] += mag;
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
