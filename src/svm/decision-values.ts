/**
 * One-vs-one decision values of a fitted SVC, block by block of queries:
 * the kernel between a block and the support vectors is computed once,
 * chunk by chunk, and shared by all pairs. The SVC and the worker threads of
 * the Node entry (which receive these arrays on shared memory) both predict
 * through here.
 */
import { Matrix } from '../core/matrix.js';
import type { ProgressCallback } from '../core/progress.js';
import { checkFeatureCount, toMatrix, type FeatureInput } from '../core/validation.js';
import { checkLinearRange } from './svc-fit.js';
import { attachDotRowsKernel, createDotRowsKernel, shareDotRows, type DotRowsKernel } from '../compute/wasm/dot-rows-kernel.js';
import { memoryOf } from '../compute/shared-rows.js';
import { dotBlock } from '../compute/dot-products.js';
import { rowSquaredNorms } from '../compute/dot-products.js';
import { applyKernel, type Kernel } from '../compute/kernels.js';
import { addDecisionTerms, groupStarts } from './ovo.js';
import { takeDecisionBlocks } from '../compute/wasm/smo-kernel.js';

/** What prediction needs of a fitted SVC, besides the support vectors' dot products. */
export interface OvoPredictor {
  kernel: Kernel;
  /** The squared norm of each support vector. */
  svNorms: Float64Array;
  nSupport: Int32Array;
  dualCoef: Matrix;
  rho: Float64Array;
}

/** out (queries × (to − from), row-major) = the dot products of a block's queries with the support vectors [from, to). */
export type BlockDots = (from: number, to: number, out: Float64Array) => void;
/** The dot products of a block of queries with ranges of the support vectors (the queries are prepared once per block). */
export type SupportVectorDots = (block: Matrix) => BlockDots;

/**
 * Queries per block: the support vectors are read once per block (a chunk at
 * a time, from cache) by all its queries. On MNIST (22,333 support vectors),
 * 128 took 5% longer than 256 and 15 MB less memory on two threads.
 */
export const PREDICT_BLOCK = 128;
/**
 * Support vectors per chunk of a block's kernel. A block's kernel is made,
 * used and dropped a chunk at a time (128 × 512 values, 512 KB), so the memory
 * of prediction does not grow with the number of support vectors.
 */
const SV_CHUNK = 512;

const svDots = new WeakMap<Float64Array, SupportVectorDots>();

/**
 * The dot products with the support vectors `sv`: in WebAssembly SIMD (made on
 * first use) where available, else the TypeScript loop. Support vectors on
 * shared WebAssembly memory (a fitted SVC's) are read where they are; others
 * are copied once into the kernel's memory.
 */
export function supportVectorDots(sv: Matrix): SupportVectorDots {
  let dots = svDots.get(sv.data);
  if (!dots) {
    const shared = memoryOf(sv.data) ? shareDotRows(sv.data, sv.rows, sv.cols, 0, PREDICT_BLOCK) : null;
    const simd = (shared && attachDotRowsKernel(shared)) ?? createDotRowsKernel(sv.data, sv.rows, sv.cols, 0, PREDICT_BLOCK);
    dots = simd
      ? dotsOf(simd)
      : (block) => (from, to, out) => dotBlock(block.data, block.rows, sv.data.subarray(from * sv.cols, to * sv.cols), to - from, sv.cols, out);
    svDots.set(sv.data, dots);
  }
  return dots;
}

/** The dot products with the rows held by a dot-rows kernel. */
export function dotsOf(simd: DotRowsKernel): SupportVectorDots {
  return (block) => {
    simd.loadQueries(block.data, block.rows);
    return (from, to, out) => simd.queryDots(out, from, to);
  };
}

/**
 * The decision value of every pair (columns in libsvm's pair order) for each
 * row of X (checked by the caller); `onProgress` after each block of queries.
 */
export function ovoValues(p: OvoPredictor, X: Matrix, dots: SupportVectorDots, onProgress?: ProgressCallback): Matrix {
  const nSV = p.svNorms.length;
  const nPairs = p.rho.length;
  const out = new Matrix(X.rows, nPairs);
  const svStart = groupStarts(p.nSupport);
  const blockRows = Math.min(PREDICT_BLOCK, X.rows);
  const chunkCols = Math.min(SV_CHUNK, nSV);
  // The sums in WebAssembly where it runs (the same bits as addDecisionTerms), else in TypeScript.
  const wasm = takeDecisionBlocks(p.nSupport, p.dualCoef.data, blockRows, chunkCols);
  const chunk = wasm ? wasm.values : new Float64Array(blockRows * chunkCols);
  try {
    for (let start = 0; start < X.rows; start += PREDICT_BLOCK) {
      const end = Math.min(X.rows, start + PREDICT_BLOCK);
      const block = new Matrix(end - start, X.cols, X.data.subarray(start * X.cols, end * X.cols));
      const norms = rowSquaredNorms(block);
      const sums = out.data.subarray(start * nPairs, end * nPairs);
      if (wasm) {
        wasm.sums.fill(0, 0, block.rows * wasm.sumsRow);
        wasm.normsA.set(norms);
      }
      const blockDots = dots(block);
      // The kernel between the block and a chunk of support vectors, shared by every pair.
      for (let from = 0; from < nSV; from += SV_CHUNK) {
        const to = Math.min(nSV, from + SV_CHUNK);
        const K = chunk.subarray(0, block.rows * (to - from));
        blockDots(from, to, K);
        if (wasm && p.kernel.kind === 'rbf') {
          wasm.normsB.set(p.svNorms.subarray(from, to));
          wasm.rbf(block.rows, to - from, p.kernel.gamma);
        } else {
          applyKernel(p.kernel, K, norms, p.svNorms.subarray(from, to), to - from);
        }
        if (wasm) wasm.add(block.rows, from, to);
        else addDecisionTerms(K, block.rows, from, to, p.nSupport, svStart, p.dualCoef, sums);
      }
      if (wasm) for (let q = 0; q < block.rows; q++) sums.set(wasm.sums.subarray(q * wasm.sumsRow, q * wasm.sumsRow + nPairs), q * nPairs);
      for (let q = 0; q < block.rows; q++) for (let k = 0; k < nPairs; k++) sums[q * nPairs + k] -= p.rho[k];
      onProgress?.(end, X.rows);
    }
  } finally {
    wasm?.release();
  }
  return out;
}

/** X as a checked matrix with the feature count of a model fitted on `nFeatures` (`where` names the call in errors). */
export function checkQueries(X: FeatureInput, nFeatures: number, where: string): Matrix {
  const Xm = toMatrix(X, where);
  checkFeatureCount(Xm, nFeatures, where);
  return Xm;
}

/** The one-vs-one decision values of a fitted SVC's state for the rows of X (checked here). */
export function svcDecisionValues(
  s: OvoPredictor & { nFeatures: number; supportVectors: Matrix },
  X: FeatureInput,
  where: string,
  onProgress?: ProgressCallback,
): Matrix {
  return ovoValues(s, checkSvcQueries(s, X, where), supportVectorDots(s.supportVectors), onProgress);
}

/** The queries of an SVC, checked: its feature count, and the linear kernel's range (see checkLinearRange). */
export function checkSvcQueries(s: OvoPredictor & { nFeatures: number }, X: FeatureInput, where: string): Matrix {
  const Xm = checkQueries(X, s.nFeatures, where);
  if (s.kernel.kind === 'linear') checkLinearRange(Xm, where);
  return Xm;
}
