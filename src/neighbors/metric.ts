/**
 * The distances of {@link KNeighborsClassifier} and how rows are prepared so
 * that each distance costs one dot product:
 *
 * - `'euclidean'`: ‖q − x‖ = √(‖q‖² + ‖x‖² − 2 q·x), with the squared norms
 *   computed once (training rows at fit, query rows per call);
 * - `'cosine'`: 1 − q·x / (‖q‖ ‖x‖), on rows scaled to unit length;
 * - `'correlation'`: 1 − Pearson correlation, i.e. the cosine distance of the
 *   rows after subtracting each row's mean.
 */
import { squaredNorms } from '../compute/dot-products.js';
import { allocateSharedRows } from '../compute/shared-rows.js';
import { takeOver } from '../core/handed-over.js';
import type { Matrix } from '../core/matrix.js';

/** The distances {@link KNeighborsClassifier} knows, by scikit-learn's names. */
export type KNeighborsMetric = 'euclidean' | 'cosine' | 'correlation';

/** Rows ready for the search: what the dot products run on. */
export interface PreparedRows {
  /** Row-major, `rows × cols`. */
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Squared norm of each row (euclidean only; empty otherwise). */
  readonly sqNorms: Float64Array;
}

/**
 * Prepares the rows of `X` for `metric`.
 *
 * @param copy for `'euclidean'`, whether to copy `X`'s values (true for the
 *   training set, which the model keeps; false for queries, used once). The
 *   other metrics always write new arrays.
 *
 * New arrays of 1 MB or more are made on shared memory (`allocateSharedRows`),
 * where worker threads read them as they are: a model's training rows are
 * then its only copy. Before, the fit's plain copy was copied again to shared
 * memory by the first threaded prediction (376 MB more for MNIST's 60,000
 * pixel rows, 972 MB for their 2,025 HOG features). Rows a pipeline handed
 * over (`handOver`: its transformers' output, which nothing else holds) are
 * kept as they are, with no copy at all.
 */
export function prepareRows(metric: KNeighborsMetric, X: Matrix, copy: boolean): PreparedRows {
  const { rows, cols } = X;
  if (metric === 'euclidean') {
    const data = copy && !takeOver(X.data) ? copyRows(X.data) : X.data;
    return { data, rows, cols, sqNorms: squaredNorms(data, rows, cols) };
  }
  const data = copyRows(X.data);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    if (metric === 'correlation') {
      let mean = 0;
      for (let k = o; k < o + cols; k++) mean += data[k];
      mean /= cols;
      for (let k = o; k < o + cols; k++) data[k] -= mean;
    }
    let s = 0;
    for (let k = o; k < o + cols; k++) s += data[k] * data[k];
    // A zero row (or a constant row, for correlation) stays zero: its
    // similarity with anything is 0, so its distance is 1, as scikit-learn's
    // cosine gives for a zero vector.
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let k = o; k < o + cols; k++) data[k] *= inv;
    }
  }
  return { data, rows, cols, sqNorms: new Float64Array(0) };
}

/** A copy of `data`, on shared memory when it is large (see `allocateSharedRows`). */
function copyRows(data: Float64Array): Float64Array {
  const out = allocateSharedRows(data.length);
  out.set(data);
  return out;
}
