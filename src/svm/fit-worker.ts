/**
 * A job of the parallel SVC fit, run by the kept worker threads
 * (parallel/worker-pool.ts): it receives the training rows, the grouping of
 * the samples and the solver options once per call, then solves one-vs-one
 * pairs by number. The kernel comes as
 * the whole matrix (computed once by the parent, on shared memory), or as the
 * rows for kernel rows computed on demand: on shared WebAssembly memory that
 * every thread reads (compressed, or dense), or a shared array without WebAssembly.
 */
import { Matrix } from '../core/matrix.js';
import type { Kernel } from '../compute/kernels.js';
import { ComputedKernelRows, PrecomputedKernelRows } from './kernel-rows.js';
import { ovoKernelRows, solvePair, type CacheMemory, type OvoOptions, type OvoPlan } from './ovo.js';
import { attachCsrRowsKernel, type SharedCsrRows } from '../compute/wasm/csr-rows-kernel.js';
import { attachDotRowsKernel, type SharedDotRows } from '../compute/wasm/dot-rows-kernel.js';
import type { RangeHandler } from '../parallel/worker-pool.js';

export interface SvcFitJob {
  rows:
    | { kernelMatrix: Float32Array; n: number; diag: Float64Array; exactRows?: { rows: number; cols: number; data: Float64Array } }
    | { csr: SharedCsrRows; norms: Float64Array }
    | { simd: SharedDotRows; norms: Float64Array }
    | { matrix: { rows: number; cols: number; data: Float64Array } };
  kernel: Kernel;
  plan: OvoPlan;
  options: OvoOptions;
  /** With probability estimates: each pair's cross-validation permutation (see probability.ts). */
  folds?: Int32Array[];
}

function kernelRowsOf(job: SvcFitJob) {
  const rows = job.rows;
  if ('kernelMatrix' in rows) {
    const exact = rows.exactRows;
    const source = exact && (() => ovoKernelRows(new Matrix(exact.rows, exact.cols, exact.data), job.kernel, 0));
    return new PrecomputedKernelRows(rows.kernelMatrix, rows.n, rows.diag, source);
  }
  if ('matrix' in rows) return ovoKernelRows(new Matrix(rows.matrix.rows, rows.matrix.cols, rows.matrix.data), job.kernel, job.options.cacheBytes);
  const simd = 'csr' in rows ? attachCsrRowsKernel(rows.csr) : attachDotRowsKernel(rows.simd);
  if (!simd) throw new Error('no memory for the WebAssembly kernel of the training rows');
  return new ComputedKernelRows(job.kernel, rows.norms, (a, samples, start, end, out) => simd.dots(a, samples, start, end, out));
}

export function startJob(job: SvcFitJob): RangeHandler {
  const kernelRows = kernelRowsOf(job);
  // The kernel-row cache's memory, handed from each pair this thread solves to the next.
  const memory: CacheMemory = {};
  return (start, end) => {
    const solutions = [];
    for (let p = start; p < end; p++) solutions.push(solvePair(kernelRows, job.plan, p, job.options, memory, job.folds?.[p]));
    return { message: { start, solutions } };
  };
}
