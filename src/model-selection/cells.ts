/**
 * One cell of a cross-validation: a clone of the model with some parameters,
 * fitted on a fold's training samples and scored on its test samples. Shared by
 * crossValidate, GridSearchCV, validationCurve and the Node worker threads.
 */
import type { Classifier } from '../base/protocol.js';
import type { Matrix } from '../core/matrix.js';
import { selectRowsOf } from '../core/row-origin.js';
import { clone, type ParamSet } from './clone.js';
import type { Fold } from './folds.js';
import { pick } from './indices.js';
import type { Scorer } from './scoring.js';

/** What one cell gives; times in seconds. */
export interface CellResult {
  testScore: number;
  /** The score on the training samples, when asked for. */
  trainScore?: number;
  fitTime: number;
  scoreTime: number;
}

/** A cell's inputs: checked data, folds and scorer. */
export interface CellData {
  X: Matrix;
  y: Int32Array;
  folds: Fold[];
  scorer: Scorer;
  returnTrainScore: boolean;
}

/**
 * Fits `clone(base, params)` on fold `k`'s training samples and scores it.
 * @returns the result and the fitted model.
 * @throws whatever the clone, fit or scorer throw, renamed by {@link cellError}.
 */
export function runCell<M extends Classifier>(
  base: M,
  params: ParamSet,
  data: CellData,
  k: number,
  where: string,
): { result: CellResult; model: M } {
  try {
    const { train, test } = data.folds[k];
    const model = clone(base, params, where);
    const start = performance.now();
    // Marked as rows of the search's data, an SVC takes its kernel matrix from one the search's cells share.
    model.fit(sharesRows(data) ? selectRowsOf(data, data.X, train) : data.X.selectRows(train), pick(data.y, train));
    const fitted = performance.now();
    const testScore = data.scorer(model, data.X.selectRows(test), pick(data.y, test));
    const scored = performance.now();
    const result: CellResult = { testScore, fitTime: (fitted - start) / 1000, scoreTime: (scored - fitted) / 1000 };
    if (data.returnTrainScore) result.trainScore = data.scorer(model, data.X.selectRows(train), pick(data.y, train));
    return { result, model };
  } catch (err) {
    throw cellError(where, params, k, data.folds.length, err);
  }
}

const sharing = new WeakMap<CellData, boolean>();

/**
 * Whether a search's cells are marked as selections of its rows, for an SVC to
 * share kernel matrices (svm/shared-kernel.ts): when the folds after the first
 * train on at least one whole matrix's worth, Σ (train size / n)² ≥ 1 leaving
 * the largest out, so that a kernel used once on every fold (one candidate)
 * costs no more than its fold matrices did: 4 folds or more of a k-fold split.
 */
function sharesRows(data: CellData): boolean {
  let shares = sharing.get(data);
  if (shares === undefined) {
    const n = data.X.rows;
    const squares = data.folds.map((f) => (f.train.length / n) ** 2);
    shares = squares.reduce((a, b) => a + b, 0) - Math.max(...squares) >= 1;
    sharing.set(data, shares);
  }
  return shares;
}

/** `{ C: 10, gamma: 0.001 }`: parameter values as an error message shows them. */
export function formatParams(params: ParamSet): string {
  const show = (v: unknown): string =>
    typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(show).join(', ')}]` : String(v);
  const parts = Object.entries(params).map(([k, v]) => `${k}: ${show(v)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/**
 * An error of the same kind as `err` (TypeError, RangeError, …) that names the
 * cell: `where: candidate { C: -1 } on fold 1 of 5 failed: <err's message>`
 * (`where: fold 1 of 5 failed: …` without parameters).
 */
export function cellError(where: string, params: ParamSet, k: number, nFolds: number, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const cell = Object.keys(params).length ? `candidate ${formatParams(params)} on fold` : 'fold';
  return errorOfKind(err instanceof Error ? err.name : 'Error', `${where}: ${cell} ${k} of ${nFolds} failed: ${message}`);
}

/**
 * A TypeError or RangeError when `name` says so, else an Error: rebuilds an
 * error that crossed a thread boundary as `{ name, message }`.
 */
export function errorOfKind(name: string, message: string): Error {
  const Kind = name === 'TypeError' ? TypeError : name === 'RangeError' ? RangeError : Error;
  return new Kind(message);
}
