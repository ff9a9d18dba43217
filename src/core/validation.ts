/**
 * The one place where user input becomes the dense types digitkit works on.
 * Every estimator converts X and y here, once, at the edge.
 */
import { describe, paramMessage } from './errors.js';
import { Matrix } from './matrix.js';

/** What digitkit accepts as a feature matrix: the dense type, or rows of numbers. */
export type FeatureInput = Matrix | ArrayLike<ArrayLike<number>>;

/** What digitkit accepts as labels: integers, one per sample. */
export type LabelInput = ArrayLike<number>;

/**
 * Converts and validates a feature matrix.
 *
 * @param X the user's input: a {@link Matrix}, `number[][]` or an array of typed-array rows.
 * @param where the call, for error messages, e.g. `'SVC.fit'`.
 * @param name the argument's name, `'X'` by default.
 * @throws TypeError when X is not a matrix or rows of numbers.
 * @throws RangeError when X is empty, ragged, or holds NaN or ±Infinity.
 */
export function toMatrix(X: unknown, where: string, name = 'X'): Matrix {
  let m: Matrix;
  if (X instanceof Matrix) {
    m = X;
  } else if (Array.isArray(X) || (X !== null && typeof X === 'object' && 'length' in X && !ArrayBuffer.isView(X))) {
    const rows = X as ArrayLike<unknown>;
    const n = rows.length;
    if (n === 0) {
      throw new RangeError(`${where}: argument '${name}' must have at least one sample, got 0 rows`);
    }
    const first = rows[0];
    if (!isRow(first)) {
      throw new TypeError(`${where}: argument '${name}' must be a 2-D array (rows of numbers), but row 0 is ${describe(first)}`);
    }
    const d = first.length;
    m = new Matrix(n, d);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      if (!isRow(r)) {
        throw new TypeError(`${where}: argument '${name}' must be a 2-D array (rows of numbers), but row ${i} is ${describe(r)}`);
      }
      if (r.length !== d) {
        throw new RangeError(`${where}: argument '${name}' must have rows of equal length, but row 0 has ${d} values and row ${i} has ${r.length}`);
      }
      for (let j = 0; j < d; j++) {
        const v = r[j];
        if (typeof v !== 'number') {
          throw new TypeError(`${where}: argument '${name}' must hold numbers, got ${describe(v)} at [${i}][${j}]`);
        }
        m.data[i * d + j] = v;
      }
    }
  } else {
    throw new TypeError(`${where}: argument '${name}' must be a Matrix or an array of rows, got ${describe(X)}`);
  }
  if (m.rows === 0) {
    throw new RangeError(`${where}: argument '${name}' must have at least one sample, got 0 rows`);
  }
  if (m.cols === 0) {
    throw new RangeError(`${where}: argument '${name}' must have at least one feature, got rows of length 0`);
  }
  const data = m.data;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (!(v >= -MAX_MAGNITUDE && v <= MAX_MAGNITUDE)) {
      const i = Math.floor(k / m.cols);
      const at = `at [${i}][${k - i * m.cols}]`;
      if (!Number.isFinite(v)) throw new RangeError(`${where}: argument '${name}' must hold finite numbers, got ${v} ${at}`);
      throw new RangeError(`${where}: argument '${name}' must hold numbers within ±${MAX_MAGNITUDE} (${MAGNITUDE_WHY}), got ${v} ${at}`);
    }
  }
  return m;
}

/**
 * The largest magnitude digitkit accepts in features and pixels. With d
 * features in ±1e150, every term of ‖a‖² + ‖b‖² − 2a·b is at most 2d·1e300,
 * finite (below 1.8e308) for d up to 10^7: kernels, distances and
 * correlations do not overflow. Beyond it they can, and answers would be
 * wrong (NaN decision values, a wrong nearest neighbour).
 */
export const MAX_MAGNITUDE = 1e150;

/** Why {@link MAX_MAGNITUDE}, in a few words for error messages. */
export const MAGNITUDE_WHY = 'larger ones overflow squared distances';

function isRow(r: unknown): r is ArrayLike<unknown> {
  return Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView));
}

/**
 * Converts and validates class labels.
 *
 * digitkit's labels are integers (any sign); scikit-learn also takes strings,
 * but digit labels are numbers and integer labels keep models compact. A label
 * that is not an integer is refused rather than silently rounded.
 *
 * @param y one label per sample.
 * @param where the call, for error messages.
 * @param nSamples the number of rows of X, which y must match.
 */
export function toLabels(y: unknown, where: string, nSamples: number, name = 'y'): Int32Array {
  if (!(Array.isArray(y) || (ArrayBuffer.isView(y) && !(y instanceof DataView)))) {
    throw new TypeError(`${where}: argument '${name}' must be an array of integer labels, got ${describe(y)}`);
  }
  const arr = y as ArrayLike<unknown>;
  if (arr.length !== nSamples) {
    throw new RangeError(`${where}: arguments 'X' and '${name}' must have the same number of samples, got ${nSamples} rows in X and ${arr.length} labels in ${name}`);
  }
  const out = new Int32Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new TypeError(`${where}: argument '${name}' must hold integer labels, got ${describe(v)} at index ${i}`);
    }
    out[i] = v;
  }
  return out;
}

/** The sorted distinct labels, as scikit-learn's `np.unique` gives them. */
export function uniqueSorted(labels: ArrayLike<number>): Int32Array {
  const set = new Set<number>();
  for (let i = 0; i < labels.length; i++) set.add(labels[i]);
  return Int32Array.from(set).sort();
}

/** Throws unless `X` has the feature count the model was fitted with. */
export function checkFeatureCount(X: Matrix, expected: number, where: string, name = 'X'): void {
  if (X.cols !== expected) {
    throw new RangeError(`${where}: argument '${name}' must have ${expected} features per sample (as at fit), got ${X.cols}`);
  }
}

/** Validates a number parameter: finite, with an optional open/closed lower bound. */
export function checkNumber(
  value: unknown,
  where: string,
  name: string,
  opts: { gt?: number; ge?: number; le?: number; integer?: boolean } = {},
): number {
  const kind = opts.integer ? 'an integer' : 'a finite number';
  const bounds: string[] = [];
  if (opts.gt !== undefined) bounds.push(`> ${opts.gt}`);
  if (opts.ge !== undefined) bounds.push(`>= ${opts.ge}`);
  if (opts.le !== undefined) bounds.push(`<= ${opts.le}`);
  const expected = bounds.length ? `${kind} ${bounds.join(' and ')}` : kind;
  if (typeof value !== 'number') throw new TypeError(paramMessage(where, name, expected, value));
  const ok =
    Number.isFinite(value) &&
    (!opts.integer || Number.isInteger(value)) &&
    (opts.gt === undefined || value > opts.gt) &&
    (opts.ge === undefined || value >= opts.ge) &&
    (opts.le === undefined || value <= opts.le);
  if (!ok) throw new RangeError(paramMessage(where, name, expected, value));
  return value;
}

/** Validates a parameter that must be one of a few strings. */
export function checkChoice<T extends string>(value: unknown, where: string, name: string, choices: readonly T[]): T {
  const expected = `one of ${choices.map((c) => `'${c}'`).join(', ')}`;
  if (typeof value !== 'string') throw new TypeError(paramMessage(where, name, expected, value));
  if (!(choices as readonly string[]).includes(value)) throw new RangeError(paramMessage(where, name, expected, value));
  return value as T;
}

/** Validates a boolean parameter. */
export function checkBoolean(value: unknown, where: string, name: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(paramMessage(where, name, 'a boolean', value));
  return value;
}
