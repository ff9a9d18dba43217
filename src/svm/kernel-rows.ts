/**
 * The providers of kernel rows that the solver's Q matrix reads: computed on
 * demand from the rows' dot products, or read from the kernel matrix
 * computed once. The kernels' formulas are in compute/kernels.ts.
 */
import { Matrix } from '../core/matrix.js';
import { dotBlock, dotRowAgainst, rowSquaredNorms } from '../compute/dot-products.js';
import { kernelDiagonal, kernelFunction, kernelRow, type Kernel } from '../compute/kernels.js';
import { createCsrRowsKernel } from '../compute/wasm/csr-rows-kernel.js';
import { createDotBlockKernel } from '../compute/wasm/dot-block-kernel.js';
import { createDotRowsKernel } from '../compute/wasm/dot-rows-kernel.js';
import type { SmoKernelMatrix } from '../compute/wasm/smo-kernel.js';


/**
 * Serves kernel values K(a, b) between training samples (by their index in
 * the training set) to the solver, as float32 like libsvm's Q.
 */
export interface KernelRows {
  /** out[j] = y_i·y[j]·K(a, samples[j]) for j in [start, end). */
  fill(a: number, yi: number, samples: Int32Array, y: Int8Array, start: number, end: number, out: Float32Array): void;
  /** K(a, a). */
  diagonal(a: number): number;
  /**
   * out[j] = K(a, samples[j]) in double precision, for j in [start, end): the
   * kernel of prediction, which the cross-validation of probability estimates needs.
   */
  exact(a: number, samples: Int32Array, start: number, end: number, out: Float64Array): void;
}

/** out[j] = row a · row samples[j] of the training set, for j in [start, end). */
export type RowDots = (a: number, samples: Int32Array, start: number, end: number, out: Float64Array) => void;

/**
 * Kernel values computed when asked, from the rows' dot products and squared
 * norms. Memory: the training set only.
 */
export class ComputedKernelRows implements KernelRows {
  private buffer = new Float64Array(0);
  private readonly k: (dot: number, na: number, nb: number) => number;

  /**
   * @param norms the squared norm of every training row.
   * @param dots the dot products of training rows (see {@link rowDotsOf}).
   */
  constructor(
    private readonly kernel: Kernel,
    private readonly norms: Float64Array,
    private readonly dots: RowDots,
  ) {
    this.k = kernelFunction(kernel);
  }

  fill(a: number, yi: number, samples: Int32Array, y: Int8Array, start: number, end: number, out: Float32Array): void {
    if (this.buffer.length < end) this.buffer = new Float64Array(Math.max(end, 2 * this.buffer.length));
    const dots = this.buffer;
    this.dots(a, samples, start, end, dots);
    const k = this.k;
    const na = this.norms[a];
    for (let j = start; j < end; j++) out[j] = yi * y[j] * k(dots[j], na, this.norms[samples[j]]);
  }

  diagonal(a: number): number {
    return kernelDiagonal(this.kernel, this.norms[a]);
  }

  exact(a: number, samples: Int32Array, start: number, end: number, out: Float64Array): void {
    if (this.buffer.length < end) this.buffer = new Float64Array(Math.max(end, 2 * this.buffer.length));
    this.dots(a, samples, start, end, this.buffer);
    const k = this.k;
    const na = this.norms[a];
    for (let j = start; j < end; j++) out[j] = k(this.buffer[j], na, this.norms[samples[j]]);
  }
}

/**
 * The dot products of X's rows: in WebAssembly (with its own copy of X) where
 * available and `simd` is true, else the TypeScript loop. Rows that are mostly
 * zeros with few distinct values (MNIST) are kept compressed; others dense, in SIMD.
 */
export function rowDotsOf(X: Matrix, simd = true): RowDots {
  const wasm = simd ? (createCsrRowsKernel(X.data, X.rows, X.cols, X.rows) ?? createDotRowsKernel(X.data, X.rows, X.cols, X.rows)) : null;
  if (wasm) return (a, samples, start, end, out) => wasm.dots(a, samples, start, end, out);
  return (a, samples, start, end, out) => dotRowAgainst(X.data, X.cols, a, samples, start, end, out);
}

/**
 * The whole kernel matrix, computed once (blocked) and shared by every
 * one-vs-one pair: each sample takes part in (nClasses − 1) pairs, so this
 * saves most kernel evaluations. Memory: 4·n² bytes.
 */
export class PrecomputedKernelRows implements KernelRows {
  private exactRows: KernelRows | null = null;

  /**
   * @param K the n × n kernel matrix of the training rows (see {@link kernelMatrix}).
   * @param n the number of training rows.
   * @param diag K(a, a) of every row in double precision: libsvm's diagonal QD is double, and K is float32
   *   (for RBF both are exactly 1; for the linear kernel the rounding would change the solver's path).
   * @param exactSource makes, when first needed, the rows that give double-precision values (K is float32).
   * @param matrix K's WebAssembly solver, when K lives in its memory (see smoKernelMatrix).
   */
  constructor(
    private readonly K: Float32Array<ArrayBufferLike>,
    private readonly n: number,
    private readonly diag: Float64Array,
    private readonly exactSource?: () => KernelRows,
    readonly matrix?: SmoKernelMatrix,
  ) {}

  fill(a: number, yi: number, samples: Int32Array, y: Int8Array, start: number, end: number, out: Float32Array): void {
    const K = this.K;
    const o = a * this.n;
    for (let j = start; j < end; j++) out[j] = yi * y[j] * K[o + samples[j]];
  }

  diagonal(a: number): number {
    return this.diag[a];
  }

  /** out[j] = K(samples[j], samples[j]) for every j: one call per problem, not one per sample. */
  diagonals(samples: Int32Array, out: Float64Array): void {
    const diag = this.diag;
    for (let j = 0; j < samples.length; j++) out[j] = diag[samples[j]];
  }

  exact(a: number, samples: Int32Array, start: number, end: number, out: Float64Array): void {
    if (!this.exactRows) {
      if (!this.exactSource) throw new Error('PrecomputedKernelRows.exact: no source of double-precision kernel values was given');
      this.exactRows = this.exactSource();
    }
    this.exactRows.exact(a, samples, start, end, out);
  }
}

/**
 * The symmetric n × n kernel matrix of X's rows, as float32, computed in blocks of rows
 * (the dot products in WebAssembly SIMD unless `simd` is false or it is missing),
 * into `K` when given (n² values, e.g. on shared memory).
 */
export function kernelMatrix(X: Matrix, kernel: Kernel, simd = true, K: Float32Array<ArrayBufferLike> = new Float32Array(X.rows * X.rows)): Float32Array<ArrayBufferLike> {
  const n = X.rows;
  const d = X.cols;
  const norms = rowSquaredNorms(X);
  const block = Math.max(2, Math.floor(65536 / Math.max(1, n)) & ~1);
  // In WebAssembly SIMD where available: each block of rows against the rows from its first on
  // (the square's upper half and the block's own square), at about three times the speed of the loop.
  const wasm = simd ? createDotBlockKernel(X.data, n, d, block) : null;
  const dots: Float64Array = new Float64Array(block * n);
  for (let i0 = 0; i0 < n; i0 += block) {
    const rows = Math.min(block, n - i0);
    // Only columns from i0 on are computed: the rest is mirrored from earlier blocks.
    const cols = n - i0;
    // Where the dot product of rows i0 + r and i0 + c sits: src[r * rowStride + c].
    let src = dots;
    let rowStride = cols;
    if (wasm) {
      wasm.rows.set(wasm.stride === d ? X.data.subarray(i0 * d, (i0 + rows) * d) : padRows(X, i0, rows, wasm.stride));
      wasm.run(rows, i0);
      src = wasm.coords;
      rowStride = wasm.coordStride - i0;
    } else {
      dotBlock(X.data.subarray(i0 * d), rows, X.data.subarray(i0 * d), cols, d, dots);
    }
    // The upper half, row by row; each dot product is computed as it was for the whole square (the
    // same sums in the same order), so the values are the same bits.
    for (let r = 0; r < rows; r++) {
      const i = i0 + r;
      kernelRow(kernel, src, r * rowStride + r, norms[i], norms, i, n - i, K, i * n + i);
    }
    // The mirrored half, one row at a time: row j's entries of this block are contiguous, and the
    // block's rows (rows × 4 bytes apart by n) stay in the processor's cache. Writing K[j][i] beside
    // each K[i][j] instead cost 2.9 ms of the digits example's 34 ms fit.
    for (let j = i0 + 1; j < n; j++) {
      const end = Math.min(rows, j - i0);
      const o = j * n + i0;
      for (let r = 0; r < end; r++) K[o + r] = K[(i0 + r) * n + j];
    }
  }
  return K;
}

/** Rows i0 .. i0 + count of X, each padded with zeros to `stride` values. */
function padRows(X: Matrix, i0: number, count: number, stride: number): Float64Array {
  const out = new Float64Array(count * stride);
  for (let r = 0; r < count; r++) out.set(X.data.subarray((i0 + r) * X.cols, (i0 + r + 1) * X.cols), r * stride);
  return out;
}
