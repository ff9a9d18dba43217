/**
 * One-vs-one decision values of a fitted SVC, block by block of queries:
 * the kernel between a block and every support vector is computed once and
 * shared by all pairs. The SVC and the worker threads of the Node entry
 * (which receive these arrays on shared memory) both predict through here.
 */
import { Matrix } from '../core/matrix.js';
import type { ProgressCallback } from '../core/progress.js';
import { createDotRowsKernel, type DotRowsKernel } from '../wasm/dot-rows-kernel.js';
import { dotBlock } from './gram.js';
import { applyKernel, rowSquaredNorms, type Kernel } from './kernel.js';
import { ovoDecisionValues } from './ovo.js';

/** What prediction needs of a fitted SVC, besides the support vectors' dot products. */
export interface OvoPredictor {
  kernel: Kernel;
  /** The squared norm of each support vector. */
  svNorms: Float64Array;
  nSupport: Int32Array;
  dualCoef: Matrix;
  rho: Float64Array;
}

/** out (block.rows × nSV, row-major) = the dot products of a block of queries with every support vector. */
export type SupportVectorDots = (block: Matrix, out: Float64Array) => void;

/** The most queries per block of the kernel against the support vectors. */
const MAX_BLOCK = 256;
/** A block's kernel is kept to about this size (16 MB): with many support vectors, blocks get fewer queries. */
const BLOCK_BYTES = 16 << 20;

/** Queries per block of the kernel against `nSV` support vectors: 256, fewer past 8,192 support vectors (32 at least). */
export function predictBlock(nSV: number): number {
  return Math.max(32, Math.min(MAX_BLOCK, Math.floor(BLOCK_BYTES / (8 * Math.max(1, nSV)))));
}

const svDots = new WeakMap<Float64Array, SupportVectorDots>();

/** The dot products with the support vectors `sv`: in WebAssembly SIMD (made on first use) where available, else the TypeScript loop. */
export function supportVectorDots(sv: Matrix): SupportVectorDots {
  let dots = svDots.get(sv.data);
  if (!dots) {
    const simd = createDotRowsKernel(sv.data, sv.rows, sv.cols, 0, predictBlock(sv.rows));
    dots = simd ? dotsOf(simd) : (block, out) => dotBlock(block.data, block.rows, sv.data, sv.rows, sv.cols, out);
    svDots.set(sv.data, dots);
  }
  return dots;
}

/** The dot products with the rows held by a dot-rows kernel. */
export function dotsOf(simd: DotRowsKernel): SupportVectorDots {
  return (block, out) => simd.blockDots(block.data, block.rows, out);
}

/** Room for the kernel of one block of queries against every support vector (tens of MB on MNIST), reused call after call. */
export class KernelBlockBuffer {
  private data = new Float64Array(0);

  /** At least `length` values. */
  get(length: number): Float64Array {
    if (this.data.length < length) this.data = new Float64Array(length);
    return this.data;
  }
}

/**
 * The decision value of every pair (columns in libsvm's pair order) for each
 * row of X (checked by the caller); `onProgress` after each block of queries.
 * `buffer` holds each block's kernel; a caller that predicts again and again
 * (a worker thread) passes the same one.
 */
export function ovoValues(p: OvoPredictor, X: Matrix, dots: SupportVectorDots, onProgress?: ProgressCallback, buffer = new KernelBlockBuffer()): Matrix {
  const nSV = p.svNorms.length;
  const out = new Matrix(X.rows, p.rho.length);
  const size = predictBlock(nSV);
  const room = buffer.get(Math.min(size, X.rows) * nSV);
  for (let start = 0; start < X.rows; start += size) {
    const end = Math.min(X.rows, start + size);
    const block = new Matrix(end - start, X.cols, X.data.subarray(start * X.cols, end * X.cols));
    // The kernel between the block and every support vector, shared by every pair.
    const K = new Matrix(block.rows, nSV, room.subarray(0, block.rows * nSV));
    dots(block, K.data);
    applyKernel(p.kernel, K.data, rowSquaredNorms(block), p.svNorms, nSV);
    out.data.set(ovoDecisionValues(K, p.nSupport, p.dualCoef, p.rho).data, start * p.rho.length);
    onProgress?.(end, X.rows);
  }
  return out;
}
