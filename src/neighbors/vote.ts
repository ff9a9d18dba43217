/**
 * Turning each query's k neighbours into class votes, as scikit-learn's
 * `KNeighborsClassifier` does.
 */
import { Matrix } from '../core/matrix.js';

/** How neighbours vote: equally, or by the inverse of their distance. */
export type KNeighborsWeights = 'uniform' | 'distance';

/**
 * The votes of each query's neighbours, `nQueries × nClasses` (columns in
 * class order), not normalised.
 *
 * `'uniform'`: one vote per neighbour. `'distance'`: weight 1/d; when some
 * neighbours are at distance 0, they share all the weight (1 each) and the
 * others get 0 — scikit-learn's `_get_weights`.
 *
 * @param yIndex class index (into `classes`) of each training row.
 */
export function classVotes(
  distances: Float64Array,
  indices: Int32Array,
  k: number,
  yIndex: Int32Array,
  nClasses: number,
  weights: KNeighborsWeights,
): Matrix {
  const n = indices.length / k;
  const votes = new Matrix(n, nClasses);
  const v = votes.data;
  for (let q = 0; q < n; q++) {
    const o = q * k;
    const row = q * nClasses;
    let exact = false;
    if (weights === 'distance') {
      for (let j = 0; j < k; j++) if (distances[o + j] === 0) exact = true;
    }
    for (let j = 0; j < k; j++) {
      const c = yIndex[indices[o + j]];
      if (weights === 'uniform') v[row + c] += 1;
      else if (exact) v[row + c] += distances[o + j] === 0 ? 1 : 0;
      else v[row + c] += 1 / distances[o + j];
    }
  }
  return votes;
}

/** Divides each row by its sum (a row summing to 0 is left as it is), in place. */
export function normalizeRows(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += data[o + j];
    if (s === 0) continue;
    for (let j = 0; j < cols; j++) data[o + j] /= s;
  }
  return m;
}

/**
 * The column of the largest value in each row; on a tie the first (smallest
 * class) wins, as scikit-learn's `mode` / `weighted_mode` choose.
 */
export function argmaxRows(m: Matrix): Int32Array {
  const { rows, cols, data } = m;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let best = 0;
    for (let j = 1; j < cols; j++) if (data[o + j] > data[o + best]) best = j;
    out[i] = best;
  }
  return out;
}
