/**
 * The contracts every digitkit model follows (scikit-learn's, see docs/design.md):
 * the constructor stores parameters, `fit` validates them and returns `this`,
 * prediction is synchronous, and `toJSON` gives a tagged plain object.
 */
import type { Matrix } from '../core/matrix.js';
import type { ProgressOptions } from '../core/progress.js';
import { toLabels, type FeatureInput, type LabelInput } from '../core/validation.js';

/** A serialised model: tagged with its name and a format version. */
export interface SerializedModel {
  name: string;
  version: number;
  [field: string]: unknown;
}

/** What every model has. */
export interface Model {
  /** The parameters as given to the constructor (defaults filled in). */
  getParams(): Record<string, unknown>;
  /** A plain JSON-safe object that `loadModel` turns back into the model. */
  toJSON(): SerializedModel;
}

/** A model that maps feature rows to other feature rows (HOG, Deskew, …). */
export interface Transformer extends Model {
  fit(X: FeatureInput, y?: LabelInput): this;
  transform(X: FeatureInput): Matrix;
}

/**
 * A model that predicts integer class labels. `fit` and `predict` take an
 * optional `{ onProgress }` for long work (see {@link ProgressOptions}).
 */
export interface Classifier extends Model {
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this;
  predict(X: FeatureInput, options?: ProgressOptions): Int32Array;
  score(X: FeatureInput, y: LabelInput): number;
  readonly classes: Int32Array;
}

/** True when `m` has a callable `transform` (is usable as a pipeline's inner step). */
export function isTransformer(m: unknown): m is Transformer {
  return typeof (m as Transformer | null)?.transform === 'function' && typeof (m as Transformer).fit === 'function';
}

/** True when `m` has a callable `predict` (is usable as a pipeline's last step). */
export function isClassifier(m: unknown): m is Classifier {
  return typeof (m as Classifier | null)?.predict === 'function' && typeof (m as Classifier).fit === 'function';
}

/**
 * The fraction of `predicted` equal to `y` — every classifier's `score`.
 * @param where the calling method, for the error when y's length differs.
 */
export function accuracyOf(predicted: Int32Array, y: unknown, where: string): number {
  const labels = toLabels(y, where, predicted.length);
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / predicted.length;
}
