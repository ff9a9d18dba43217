/** The confusion matrix: counts of (true label, predicted label) pairs. */
import { checkChoice } from '../core/validation.js';
import { checkLabelList, checkLabelPair, presentLabels } from './labels.js';
import { checkOptions } from '../core/options.js';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * The classes, in the order of the rows and columns. Default: every label in
   * `yTrue` or `yPred`, sorted. Samples whose true or predicted label is not
   * listed are left out.
   */
  labels?: ArrayLike<number>;
  /**
   * Divide the counts by the row sums (`'true'`), the column sums (`'pred'`)
   * or the total (`'all'`); a 0/0 becomes 0. Default: raw counts.
   */
  normalize?: 'true' | 'pred' | 'all';
}

/**
 * The confusion matrix of a classification, as scikit-learn's `confusion_matrix`:
 * entry `[i][j]` counts the samples of true class `labels[i]` predicted as `labels[j]`.
 *
 * @param yTrue the true labels (integers).
 * @param yPred the predicted labels, one per true label.
 * @param options `labels` (order of rows/columns), `normalize`.
 * @returns a `labels.length × labels.length` array of counts (or fractions when normalized).
 * @throws TypeError for labels that are not integer arrays or a bad option type.
 * @throws RangeError for empty input, different lengths, an empty or repeating `labels`,
 *   or `labels` none of which occurs in `yTrue`.
 *
 * @example
 * confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ConfusionMatrixOptions = {},
): number[][] {
  const where = 'confusionMatrix';
  const opts = checkOptions(options, where, ['labels', 'normalize']);
  const normalize = opts.normalize === undefined ? undefined : checkChoice(opts.normalize, where, 'normalize', ['true', 'pred', 'all'] as const);
  const pair = checkLabelPair(yTrue, yPred, where);
  let labels: Int32Array;
  if (opts.labels === undefined) {
    labels = presentLabels(pair);
  } else {
    labels = checkLabelList(opts.labels, where);
    const wanted = new Set(labels);
    if (!pair.yTrue.some((v) => wanted.has(v))) {
      throw new RangeError(
        `${where}: parameter 'labels' must name at least one label that occurs in 'yTrue', got [${Array.from(labels).join(', ')}]`,
      );
    }
  }
  const n = labels.length;
  const index = new Map<number, number>();
  labels.forEach((label, k) => index.set(label, k));
  const cm: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let s = 0; s < pair.yTrue.length; s++) {
    const i = index.get(pair.yTrue[s]);
    const j = index.get(pair.yPred[s]);
    if (i !== undefined && j !== undefined) cm[i][j]++;
  }
  if (normalize !== undefined) normalizeInPlace(cm, normalize);
  return cm;
}

function normalizeInPlace(cm: number[][], how: 'true' | 'pred' | 'all'): void {
  const n = cm.length;
  const divide = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  if (how === 'true') {
    for (const row of cm) {
      const sum = row.reduce((a, b) => a + b, 0);
      for (let j = 0; j < n; j++) row[j] = divide(row[j], sum);
    }
  } else if (how === 'pred') {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += cm[i][j];
      for (let i = 0; i < n; i++) cm[i][j] = divide(cm[i][j], sum);
    }
  } else {
    let sum = 0;
    for (const row of cm) for (const v of row) sum += v;
    for (const row of cm) for (let j = 0; j < n; j++) row[j] = divide(row[j], sum);
  }
}
