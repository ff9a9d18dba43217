/** Accuracy: the fraction (or count) of correct predictions. */
import { checkBoolean } from '../core/validation.js';
import { checkLabelPair } from './labels.js';
import { checkOptions } from '../core/options.js';

/** Options of {@link accuracyScore}. */
export interface AccuracyOptions {
  /** `true` (default): the fraction of correct predictions; `false`: their number. */
  normalize?: boolean;
}

/**
 * The accuracy of predictions, as scikit-learn's `accuracy_score`.
 *
 * @param yTrue the true labels (integers).
 * @param yPred the predicted labels, one per true label.
 * @param options `normalize` (default `true`).
 * @returns the fraction of `yPred` equal to `yTrue`, or their count when `normalize` is `false`.
 * @throws TypeError for labels that are not integer arrays or a bad option type.
 * @throws RangeError for empty input or different lengths.
 *
 * @example
 * accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 * accuracyScore([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false }); // 2
 */
export function accuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: AccuracyOptions = {}): number {
  const where = 'accuracyScore';
  const opts = checkOptions(options, where, ['normalize']);
  const normalize = opts.normalize === undefined ? true : checkBoolean(opts.normalize, where, 'normalize');
  const pair = checkLabelPair(yTrue, yPred, where);
  let correct = 0;
  for (let i = 0; i < pair.yTrue.length; i++) if (pair.yTrue[i] === pair.yPred[i]) correct++;
  return normalize ? correct / pair.yTrue.length : correct;
}
