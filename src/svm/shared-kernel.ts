/**
 * Kernel matrices shared by the cells of one search. In a grid search every
 * fold's training rows are a selection of the same data, and every candidate
 * with the same kernel (the same gamma) reads the same kernel values: the
 * kernel matrix of all the rows, computed once per kernel, holds every fold's
 * matrix. Its entries are the same bits as a fold's own matrix gives (each
 * value comes from the same dot-product sum and norms, row before column,
 * since the fold's rows keep their order), so the models are unchanged.
 *
 * Digits grid (898 rows, 4 C × 5 gamma × 5 folds): the 100 fold matrices were
 * 0.83 s of the 3.0 s sequential search (a profile); now 5 fold matrices and
 * 5 matrices of all the rows (each 1.56× a fold's), and a gather per cell.
 */
import { rowOrigin } from '../core/row-origin.js';
import type { Matrix } from '../core/matrix.js';
import type { Kernel } from '../compute/kernels.js';
import { kernelMatrix } from './kernel-rows.js';

/**
 * The most a search keeps in shared kernel matrices (per thread): 64 MB, 20
 * kernels of the 898 digits, 4 of 2,000 rows, none from 4,096 rows on (a
 * search there computes each fold's matrix, as before). When a new kernel
 * would pass it, that kernel's cells compute their own matrices: nothing is
 * evicted and computed twice.
 */
const MAX_SHARED_BYTES = 64 * 2 ** 20;

/** Per search and kernel: the fold that asked first, and the matrix of all the rows once a second fold asks. */
interface Shared {
  firstRows: ArrayLike<number>;
  full: Float32Array | null;
}
const shared = new WeakMap<object, Map<string, Shared>>();
const buffers = new WeakMap<object, Float32Array>();

/**
 * Room for a fold's gathered matrix, one per search, reused fold after fold: a
 * fit reads its kernel matrix only while it runs, and the cells of a search
 * run one after the other on a thread. A new 2 MB array per cell (the digits
 * folds) kept V8's old-generation collector busy: about 20 full collections a
 * search, and the search spent 0.25–0.4 s more CPU than with the collector on
 * one thread (`--single-threaded-gc`), its helper threads competing for the
 * two cores.
 */
function foldBuffer(scope: object, size: number): Float32Array {
  let buffer = buffers.get(scope);
  if (!buffer || buffer.length < size) buffers.set(scope, (buffer = new Float32Array(size)));
  return buffer.subarray(0, size);
}

/**
 * The n × n kernel matrix of X's rows (float32). When X is a marked selection
 * of a search's rows (core/row-origin.ts), the first fold to ask for a kernel
 * computes its own; from the second fold on, the folds gather from the matrix
 * of all the rows, computed then, while the budget allows. Waiting for a second
 * fold keeps a kernel that one fold alone uses (gamma 'scale' differs by fold)
 * from costing a whole matrix; the marking's rule (cells.ts) makes a kernel
 * used once on each fold cost no more than before.
 */
export function trainingKernelMatrix(X: Matrix, kernel: Kernel): Float32Array {
  const origin = rowOrigin(X);
  if (!origin) return kernelMatrix(X, kernel) as Float32Array;
  const { scope, source, rows } = origin;
  const N = source.rows;
  const key = JSON.stringify(kernel);
  let kernels = shared.get(scope);
  if (!kernels) shared.set(scope, (kernels = new Map()));
  const entry = kernels.get(key);
  if (!entry) {
    kernels.set(key, { firstRows: rows, full: null });
    return kernelMatrix(X, kernel) as Float32Array;
  }
  if (!entry.full) {
    const held = [...kernels.values()].filter((e) => e.full).length;
    if (entry.firstRows === rows || (held + 1) * N * N * 4 > MAX_SHARED_BYTES) return kernelMatrix(X, kernel) as Float32Array;
    entry.full = kernelMatrix(source, kernel) as Float32Array;
  }
  const full = entry.full;
  const n = rows.length;
  const K = foldBuffer(scope, n * n);
  for (let i = 0; i < n; i++) {
    const from = rows[i] * N;
    const to = i * n;
    for (let j = 0; j < n; j++) K[to + j] = full[from + rows[j]];
  }
  return K;
}
