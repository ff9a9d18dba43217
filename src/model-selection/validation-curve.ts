/** validationCurve: training and test scores against the values of one parameter. */
import { describe } from '../core/errors.js';
import type { Classifier } from '../base/protocol.js';
import { checkOptions } from '../core/options.js';
import { toLabels, toMatrix, type FeatureInput, type LabelInput } from '../core/validation.js';
import { runCell, type CellData } from './cells.js';
import { clone } from './clone.js';
import { resolveCv, type CvSpec } from './cv.js';
import { resolveScoring, type Scoring } from './scoring.js';

/** Options of {@link validationCurve}. */
export interface ValidationCurveOptions {
  /** A number of stratified folds (default 5), a splitter, or `{ train, test }` folds. */
  cv?: CvSpec;
  /** `'accuracy'` (default) or a function `(model, X, y) => number`. */
  scoring?: Scoring;
}

/** Scores per parameter value (row) and fold (column), as scikit-learn's `validation_curve` returns them. */
export interface ValidationCurveResult {
  /** Each fold's model scored on its own training samples. */
  trainScores: Float64Array[];
  /** Each fold's model scored on its test samples. */
  testScores: Float64Array[];
  /** The mean over the folds of each row of `testScores`. */
  meanTestScores: Float64Array;
}

/**
 * Cross-validates `model` with `paramName` set to each value of `paramRange`
 * in turn (all other parameters as they are), as scikit-learn's
 * `validation_curve`: shows where a parameter under- or over-fits.
 *
 * @throws TypeError when `paramName` is not a parameter of the model; what
 *   `crossValidate` throws otherwise.
 *
 * @example
 * const { meanTestScores } = validationCurve(new SVC(), X, y, 'gamma', [1e-4, 1e-3, 1e-2]);
 */
export function validationCurve(
  model: Classifier,
  X: FeatureInput,
  y: LabelInput,
  paramName: string,
  paramRange: readonly unknown[],
  options: ValidationCurveOptions = {},
): ValidationCurveResult {
  const where = 'validationCurve';
  const o = checkOptions(options, where, ['cv', 'scoring']);
  if (typeof paramName !== 'string') throw new TypeError(`${where}: argument 'paramName' must be a parameter name, got ${describe(paramName)}`);
  if (!Array.isArray(paramRange) || paramRange.length === 0) {
    throw new TypeError(`${where}: argument 'paramRange' must be a non-empty array of values, got ${describe(paramRange)}`);
  }
  clone(model, { [paramName]: paramRange[0] }, where);
  const Xm = toMatrix(X, where);
  const labels = toLabels(y, where, Xm.rows);
  const data: CellData = { X: Xm, y: labels, folds: resolveCv(o.cv, Xm, labels, where), scorer: resolveScoring(o.scoring, where).scorer, returnTrainScore: true };
  const nFolds = data.folds.length;
  const out: ValidationCurveResult = { trainScores: [], testScores: [], meanTestScores: new Float64Array(paramRange.length) };
  paramRange.forEach((value, i) => {
    const train = new Float64Array(nFolds);
    const test = new Float64Array(nFolds);
    for (let k = 0; k < nFolds; k++) {
      const { result } = runCell(model, { [paramName]: value }, data, k, where);
      train[k] = result.trainScore!;
      test[k] = result.testScore;
    }
    out.trainScores.push(train);
    out.testScores.push(test);
    out.meanTestScores[i] = test.reduce((a, b) => a + b, 0) / nFolds;
  });
  return out;
}
