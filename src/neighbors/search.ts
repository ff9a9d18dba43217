/**
 * Exact brute-force k-nearest-neighbour search: blocks of queries against
 * blocks of training rows, one dot-product block at a time (the 2×2
 * register-blocked `dotBlock` of the SVC), each block reduced at once into
 * every query's buffer of its k nearest.
 */
import { dotBlock } from '../compute/dot-products.js';
import { floatRows, type KNeighborsMetric, type PreparedRows, type TrainRows } from './metric.js';
import { insertCandidate } from './select.js';

/** Queries per block: their rows stay in cache while a training block streams past. */
const QUERY_BLOCK = 64;
/** Training rows per block: about 0.8 MB of 784-pixel rows, which fits in L2. */
const TRAIN_BLOCK = 128;

/** The k nearest training rows of each query, nearest first. */
export interface NeighborResult {
  /** `nQueries × k` row-major distances, ascending in each row. */
  distances: Float64Array;
  /** `nQueries × k` row-major training-row indices, matching `distances`. */
  indices: Int32Array;
}

/**
 * For every query row, the `k` nearest training rows under `metric`.
 * `train` and `queries` must be prepared for the same metric (see `prepareRows`).
 * Ties: among equal distances the lower training index comes first, and wins
 * the last place.
 */
export function kNearest(metric: KNeighborsMetric, train: TrainRows, queries: PreparedRows, k: number): NeighborResult {
  const nQ = queries.rows;
  const nT = train.rows;
  const d = train.cols;
  const keys = new Float64Array(nQ * k).fill(Infinity);
  const indices = new Int32Array(nQ * k).fill(-1);
  const dots = new Float64Array(QUERY_BLOCK * TRAIN_BLOCK);
  const euclidean = metric === 'euclidean';
  // Byte rows are decoded a training block at a time (once per 64 queries) into the float64 values the
  // float rows hold, so the dot products and every distance are the same.
  const decoded = train.bytes ? new Float64Array(TRAIN_BLOCK * d) : new Float64Array(0);
  for (let qs = 0; qs < nQ; qs += QUERY_BLOCK) {
    const qe = Math.min(nQ, qs + QUERY_BLOCK);
    const qBlock = queries.data.subarray(qs * d, qe * d);
    for (let ts = 0; ts < nT; ts += TRAIN_BLOCK) {
      const te = Math.min(nT, ts + TRAIN_BLOCK);
      dotBlock(qBlock, qe - qs, floatRows(train, ts, te, decoded), te - ts, d, dots);
      if (euclidean) reduceEuclidean(dots, qs, qe, ts, te, queries.sqNorms, train.sqNorms, keys, indices, k);
      else reduceCosine(dots, qs, qe, ts, te, keys, indices, k);
    }
  }
  if (euclidean) for (let i = 0; i < keys.length; i++) keys[i] = Math.sqrt(keys[i]);
  return { distances: keys, indices };
}

/** Squared euclidean distances ‖q‖² + ‖x‖² − 2 q·x, clamped at 0 (rounding can make them slightly negative). */
function reduceEuclidean(
  dots: Float64Array,
  qs: number,
  qe: number,
  ts: number,
  te: number,
  qNorms: Float64Array,
  tNorms: Float64Array,
  keys: Float64Array,
  indices: Int32Array,
  k: number,
): void {
  const nB = te - ts;
  for (let q = qs; q < qe; q++) {
    const o = q * k;
    const last = o + k - 1;
    const qn = qNorms[q];
    const row = (q - qs) * nB;
    let worst = keys[last];
    for (let j = 0; j < nB; j++) {
      let v = qn + tNorms[ts + j] - 2 * dots[row + j];
      if (v < worst) {
        // Clamp, then re-check: a clamped 0 must not displace an earlier 0.
        if (v < 0 && (v = 0) >= worst) continue;
        insertCandidate(keys, indices, o, k, v, ts + j);
        worst = keys[last];
      }
    }
  }
}

/** Cosine distances 1 − q·x of unit rows, clipped to [0, 2] as scikit-learn clips them. */
function reduceCosine(dots: Float64Array, qs: number, qe: number, ts: number, te: number, keys: Float64Array, indices: Int32Array, k: number): void {
  const nB = te - ts;
  for (let q = qs; q < qe; q++) {
    const o = q * k;
    const last = o + k - 1;
    const row = (q - qs) * nB;
    let worst = keys[last];
    for (let j = 0; j < nB; j++) {
      let v = 1 - dots[row + j];
      if (v < worst) {
        if (v < 0 && (v = 0) >= worst) continue;
        if (v > 2) v = 2;
        insertCandidate(keys, indices, o, k, v, ts + j);
        worst = keys[last];
      }
    }
  }
}
