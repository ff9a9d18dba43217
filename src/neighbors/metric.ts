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
import { allocateSharedBytes, allocateSharedRows } from '../compute/shared-rows.js';
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
  /** Never set: what tells float rows from {@link ByteRows}. */
  readonly bytes?: undefined;
}

/**
 * Euclidean training rows whose every value is `values[b]` for a byte b
 * (pixels / 255 or / 16, or whole numbers 0..255), kept as those bytes: an eighth of
 * the memory (47 MB for MNIST's 60,000 training images, against 376). The
 * search reads `values[bytes[i]]`, which is the very float64 the caller gave
 * (checked value by value at fit), so every distance is the one the float
 * rows give, bit for bit.
 */
export interface ByteRows {
  /** Row-major, `rows × cols`; on a SharedArrayBuffer where the floats would be (1 MB of them), which worker threads read as it is. */
  readonly bytes: Uint8Array;
  /** The 256 values the bytes stand for: `values[b] = b / scale`. */
  readonly values: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Squared norm of each row, summed from the float values in the float path's order. */
  readonly sqNorms: Float64Array;
  /** Never set: what tells byte rows from float rows. */
  readonly data?: undefined;
}

/** A model's training rows: as floats, or as bytes when every value is one of 256 (see {@link ByteRows}). */
export type TrainRows = PreparedRows | ByteRows;

/**
 * The divisors tried for byte rows, in order: pixels / 255 (as `loadMnist` and `ImageSet.toMatrix(255)` give
 * them), pixels / 16 (scikit-learn's digits / 16) and whole numbers 0..255 (raw pixels, the 8×8 digits).
 */
const BYTE_SCALES = [255, 16, 1];

/**
 * `data` as bytes with the 256 values they stand for, when every value is `b / scale` exactly (as float64,
 * and not −0) for a byte b and one of {@link BYTE_SCALES}; else null. A value that is not stops the scan,
 * so other rows (HOG features, say) cost a few comparisons.
 */
export function asByteRows(data: Float64Array): { bytes: Uint8Array; values: Float64Array } | null {
  const n = data.length;
  for (const scale of BYTE_SCALES) {
    const values = new Float64Array(256);
    for (let b = 0; b < 256; b++) values[b] = b / scale;
    // Checked on the first values before anything is allocated, so a failing scale costs nothing.
    let ok = true;
    for (let i = 0; i < Math.min(n, 64) && ok; i++) ok = byteOf(data[i], scale, values) >= 0;
    if (!ok) continue;
    // On shared memory where the floats would be, so that worker threads read the bytes as they are.
    const bytes = allocateSharedBytes(n);
    let i = 0;
    for (; i < n; i++) {
      const b = byteOf(data[i], scale, values);
      if (b < 0) break;
      bytes[i] = b;
    }
    if (i === n) return { bytes, values };
  }
  return null;
}

/** The byte b with `values[b] === v` (v = b / scale), or −1. */
function byteOf(v: number, scale: number, values: Float64Array): number {
  const b = Math.round(v * scale);
  // `b >= 0` is false for NaN; −0 is refused so that the bytes give back every value, sign of zero included.
  if (!(b >= 0 && b <= 255) || values[b] !== v || (v === 0 && 1 / v < 0)) return -1;
  return b;
}

/** Whether training rows are kept as bytes. */
export function isByteRows(r: TrainRows): r is ByteRows {
  return r.bytes !== undefined;
}

/**
 * Rows `start .. end` of `r` as float64 values: a view of float rows, or byte rows decoded into `scratch`
 * (at least `(end − start) × cols` long). The values are the ones the float rows held.
 */
export function floatRows(r: TrainRows, start: number, end: number, scratch: Float64Array): Float64Array {
  const d = r.cols;
  if (!isByteRows(r)) return r.data.subarray(start * d, end * d);
  const { bytes, values } = r;
  const n = (end - start) * d;
  for (let k = 0, o = start * d; k < n; k++) scratch[k] = values[bytes[o + k]];
  return scratch.subarray(0, n);
}

/** Row i of `r` as float64 values, for any i: a view, or decoded into one row of scratch that the next call reuses. */
export function rowReader(r: TrainRows): (i: number) => Float64Array {
  const scratch = new Float64Array(r.bytes ? r.cols : 0);
  return (i) => floatRows(r, i, i + 1, scratch);
}

/** All of `r` as float64 values, what a saved model holds: float rows' own array, or byte rows decoded into a new one. */
export function floatValues(r: TrainRows): Float64Array {
  if (!isByteRows(r)) return r.data;
  return floatRows(r, 0, r.rows, new Float64Array(r.rows * r.cols));
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

/**
 * A model's training rows for `metric`: for `'euclidean'`, as bytes when every value allows it (see
 * {@link ByteRows}; the squared norms are summed from `X`'s floats, as for float rows), else as
 * `prepareRows(metric, X, true)` gives them. On MNIST's pixels / 255 this keeps 47 MB instead of 376.
 */
export function prepareTrainRows(metric: KNeighborsMetric, X: Matrix): TrainRows {
  if (metric === 'euclidean') {
    const coded = asByteRows(X.data);
    if (coded) return { ...coded, rows: X.rows, cols: X.cols, sqNorms: squaredNorms(X.data, X.rows, X.cols) };
  }
  return prepareRows(metric, X, true);
}

/** A copy of `data`, on shared memory when it is large (see `allocateSharedRows`). */
function copyRows(data: Float64Array): Float64Array {
  const out = allocateSharedRows(data.length);
  out.set(data);
  return out;
}
