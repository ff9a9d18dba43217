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
  /** For each column x, the offset of its cell in a row of cell histograms. */
  private readonly cellOfColumn: Int32Array;
  /** Per row, the first and last column with ink (see {@link HogExtractor.inkSpans}). */
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
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
    this.lo = new Int32Array(height);
    this.hi = new Int32Array(height);
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
    // Only pixels next to ink can have a gradient: per row, the span that can.
    this.inkSpans(src, offset, Math.min(rows + 1, h));
    const { lo, hi } = this;
    let rowBase = 0;
    let inCell = 0;
    for (let y = 0; y < rows; y++) {
      const p = offset + y * w;
      if (y > 0 && y < h - 1) {
        // Interior row: both gradients are differences (column gradient 0 at x = 0 and x = w − 1).
        const xa = Math.min(lo[y - 1], lo[y + 1], lo[y] - 1);
        const xb = Math.max(hi[y - 1], hi[y + 1], hi[y] + 1);
        if (xa <= 0) this.add(0, src[p + w] - src[p - w], 0, rowBase, byteBins);
        const end = Math.min(xEnd, xb + 1);
        for (let x = Math.max(xa, 1); x < end; x++) {
          const gRow = src[p + x + w] - src[p + x - w];
          const gCol = src[p + x + 1] - src[p + x - 1];
          if (gRow !== 0 || gCol !== 0) this.add(x, gRow, gCol, rowBase, byteBins);
        }
        if (xEnd > 0 && xEnd < cols && xb >= xEnd) this.add(xEnd, src[p + xEnd + w] - src[p + xEnd - w], 0, rowBase, byteBins);
      } else {
        // First or last image row: row gradient 0.
        const end = Math.min(xEnd, hi[y] + 2);
        for (let x = Math.max(lo[y] - 1, 1); x < end; x++) {
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

  /**
   * For rows 0..rows−1, the first (`lo`) and last (`hi`) column holding a
   * non-zero pixel; `lo` = width + 1 and `hi` = −2 for an empty row.
   */
  private inkSpans(src: ArrayLike<number>, offset: number, rows: number): void {
    const { width: w, lo, hi } = this;
    for (let y = 0; y < rows; y++) {
      const p = offset + y * w;
      let a = 0;
      while (a < w && src[p + a] === 0) a++;
      if (a === w) {
        lo[y] = w + 1;
        hi[y] = -2;
        continue;
      }
      let b = w - 1;
      while (src[p + b] === 0) b--;
      lo[y] = a;
      hi[y] = b;
    }
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
    const hist = this.hist;
    const br = this.params.cellsPerBlock[0];
    const rowLen = this.params.cellsPerBlock[1] * this.params.orientations;
    const { cellsCol, blocksRow, blocksCol } = this.layout;
    const no = this.params.orientations;
    const blockLen = br * rowLen;
    const norm = this.params.blockNorm;
    let o = outOffset;
    for (let r = 0; r < blocksRow; r++) {
      for (let c = 0; c < blocksCol; c++) {
        let k = o;
        for (let i = 0; i < br; i++) {
          const base = ((r + i) * cellsCol + c) * no;
          for (let j = 0; j < rowLen; j++) out[k++] = hist[base + j];
        }
        normalizeBlock(out, o, blockLen, norm);
        o += blockLen;
      }
    }
  }
}
