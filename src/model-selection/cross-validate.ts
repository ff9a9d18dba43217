/** crossValidate / crossValScore: a model's scores over the folds of a cross-validation. */
import { checkBoolean, toLabels, toMatrix, type FeatureInput, type LabelInput } from '../core/validation.js';
import type { Classifier } from '../base/protocol.js';
import { checkOptions } from '../core/options.js';
import { runCell, type CellData } from './cells.js';
import { resolveCv, type CvSpec } from './cv.js';
import { resolveScoring, type Scoring } from './scoring.js';

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** A number of stratified folds (default 5), a splitter, or `{ train, test }` folds. */
  cv?: CvSpec;
  /** `'accuracy'` (default) or a function `(model, X, y) => number`. */
  scoring?: Scoring;
  /** Also score each fold's model on its training samples (default false). */
  returnTrainScore?: boolean;
  /** Also return each fold's fitted model (default false). */
  returnEstimator?: boolean;
}

/** What {@link crossValidate} gives, one entry per fold (scikit-learn's keys in camelCase). */
export interface CrossValidateResult<M extends Classifier = Classifier> {
  testScore: Float64Array;
  /** With `returnTrainScore`. */
  trainScore?: Float64Array;
  /** Seconds spent in `fit`. */
  fitTime: Float64Array;
  /** Seconds spent scoring the test samples. */
  scoreTime: Float64Array;
  /** With `returnEstimator`: the fitted model of each fold. */
  estimator?: M[];
}

/**
 * Cross-validates `model`, as scikit-learn's `cross_validate`: for each fold, a
 * fresh clone of the model (same parameters, unfitted) is fitted on the
 * fold's training samples and scored on its test samples. `model` itself is
 * not fitted. With a number for `cv` the folds are scikit-learn's
 * `StratifiedKFold` folds, so the scores are scikit-learn's.
 *
 * @throws TypeError / RangeError for bad X, y or options; a fold whose fit or
 *   scoring fails throws an error of the same kind naming the fold.
 *
 * @example
 * const { testScore, fitTime } = crossValidate(new SVC({ gamma: 0.001 }), X, y, { cv: 5 });
 */
export function crossValidate<M extends Classifier>(model: M, X: FeatureInput, y: LabelInput, options: CrossValidateOptions = {}): CrossValidateResult<M> {
  return crossValidateAt(model, X, y, options, 'crossValidate');
}

/**
 * The test score of each fold, as scikit-learn's `cross_val_score`
 * (`crossValidate(…).testScore`).
 *
 * @example
 * crossValScore(new SVC({ gamma: 0.001 }), X, y, { cv: 5 }); // Float64Array of 5 accuracies
 */
export function crossValScore(model: Classifier, X: FeatureInput, y: LabelInput, options: Pick<CrossValidateOptions, 'cv' | 'scoring'> = {}): Float64Array {
  checkOptions(options, 'crossValScore', ['cv', 'scoring']);
  return crossValidateAt(model, X, y, options, 'crossValScore').testScore;
}

function crossValidateAt<M extends Classifier>(model: M, X: FeatureInput, y: LabelInput, options: CrossValidateOptions, where: string): CrossValidateResult<M> {
  const o = checkOptions(options, where, ['cv', 'scoring', 'returnTrainScore', 'returnEstimator']);
  const returnTrainScore = o.returnTrainScore === undefined ? false : checkBoolean(o.returnTrainScore, where, 'returnTrainScore');
  const returnEstimator = o.returnEstimator === undefined ? false : checkBoolean(o.returnEstimator, where, 'returnEstimator');
  const { scorer } = resolveScoring(o.scoring, where);
  const Xm = toMatrix(X, where);
  const labels = toLabels(y, where, Xm.rows);
  const data: CellData = { X: Xm, y: labels, folds: resolveCv(o.cv, Xm, labels, where), scorer, returnTrainScore };
  const n = data.folds.length;
  const out: CrossValidateResult<M> = { testScore: new Float64Array(n), fitTime: new Float64Array(n), scoreTime: new Float64Array(n) };
  if (returnTrainScore) out.trainScore = new Float64Array(n);
  if (returnEstimator) out.estimator = [];
  for (let k = 0; k < n; k++) {
    const { result, model: fitted } = runCell(model, {}, data, k, where);
    out.testScore[k] = result.testScore;
    out.fitTime[k] = result.fitTime;
    out.scoreTime[k] = result.scoreTime;
    if (out.trainScore) out.trainScore[k] = result.trainScore!;
    out.estimator?.push(fitted);
  }
  return out;
}
