/** Precision, recall, F-beta score and support, per class or averaged. */
import { paramMessage } from '../core/errors.js';
import { checkChoice, checkNumber } from '../core/validation.js';
import { checkLabelList, checkLabelPair, countPerLabel, presentLabels } from './labels.js';
import type { LabelCounts } from './labels.js';
import { numpyMean, numpySum, numpyWeightedAverage } from './numpy-sum.js';
import { checkOptions } from '../core/options.js';

/** How {@link precisionRecallFscoreSupport} averages over classes. */
export type AverageMethod = 'micro' | 'macro' | 'weighted' | 'binary';

/**
 * The value of a metric whose denominator is 0 (precision of a class never
 * predicted, recall of a class never true). `'warn'` is scikit-learn's default:
 * 0, with a warning there; digitkit prints nothing.
 */
export type ZeroDivision = 'warn' | 0 | 1;

/** Options of {@link precisionRecallFscoreSupport}. */
export interface PrecisionRecallOptions {
  /** The classes to score, in order. Default: every label in `yTrue` or `yPred`, sorted. */
  labels?: ArrayLike<number>;
  /**
   * `null`/absent: one score per class. `'micro'`: from the total counts; `'macro'`: the
   * unweighted mean over classes; `'weighted'`: the mean weighted by support; `'binary'`:
   * the scores of `posLabel` only (two-class data only; `labels` is then ignored).
   */
  average?: AverageMethod | null;
  /** The weight of recall in the F-score (F1 when 1, the default); `Infinity` gives recall. */
  beta?: number;
  /** The positive class for `average: 'binary'` (default 1). */
  posLabel?: number;
  /** The value of a 0/0 metric (default `'warn'`, meaning 0). */
  zeroDivision?: ZeroDivision;
}

/** Scores of each class, in the order of `labels`. */
export interface PerClassScores {
  labels: number[];
  precision: number[];
  recall: number[];
  fScore: number[];
  /** The number of true occurrences of each class. */
  support: number[];
}

/** Averaged scores (as scikit-learn, no support is returned for an average). */
export interface AveragedScores {
  precision: number;
  recall: number;
  fScore: number;
  support: null;
}

/**
 * Precision, recall, F-beta score and support, as scikit-learn's
 * `precision_recall_fscore_support` (same values to the last bit, including
 * the averages, which follow numpy's summation order).
 *
 * @param yTrue the true labels (integers).
 * @param yPred the predicted labels, one per true label.
 * @param options `labels`, `average`, `beta`, `posLabel`, `zeroDivision`.
 * @returns per-class arrays when `average` is absent or `null`, otherwise single numbers.
 * @throws TypeError for labels that are not integer arrays or an option of the wrong type.
 * @throws RangeError for empty input, different lengths, a bad option value, or
 *   `average: 'binary'` on data with more than two labels or a `posLabel` that is not one of two.
 *
 * @example
 * precisionRecallFscoreSupport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' });
 * // { precision: 0.2222222222222222, recall: 0.3333333333333333, fScore: 0.26666666666666666, support: null }
 */
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options?: PrecisionRecallOptions & { average?: null },
): PerClassScores;
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: PrecisionRecallOptions & { average: AverageMethod },
): AveragedScores;
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options?: PrecisionRecallOptions,
): PerClassScores | AveragedScores;
export function precisionRecallFscoreSupport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: PrecisionRecallOptions = {},
): PerClassScores | AveragedScores {
  const where = 'precisionRecallFscoreSupport';
  const opts = checkOptions(options, where, ['labels', 'average', 'beta', 'posLabel', 'zeroDivision']);
  const average =
    opts.average === undefined || opts.average === null
      ? null
      : checkChoice(opts.average, where, 'average', ['micro', 'macro', 'weighted', 'binary'] as const);
  const beta = checkBeta(opts.beta, where);
  const zeroDivision = checkZeroDivision(opts.zeroDivision, where);
  const posLabel = opts.posLabel === undefined ? 1 : checkNumber(opts.posLabel, where, 'posLabel', { integer: true });
  const pair = checkLabelPair(yTrue, yPred, where);
  const present = presentLabels(pair);

  let labels: Int32Array;
  if (average === 'binary') {
    if (present.length > 2) {
      throw new RangeError(
        `${where}: parameter 'average' must be null, 'micro', 'macro' or 'weighted' for multiclass data ` +
          `(${present.length} distinct labels), got 'binary'`,
      );
    }
    if (!present.includes(posLabel) && present.length === 2) {
      throw new RangeError(paramMessage(where, 'posLabel', `one of the labels [${Array.from(present).join(', ')}]`, posLabel));
    }
    labels = Int32Array.of(posLabel);
  } else {
    labels = opts.labels === undefined ? present : checkLabelList(opts.labels, where);
  }
  const counts = countPerLabel(pair, labels);
  if (average === null) {
    const s = perClassScores(counts, beta, zeroDivision);
    return { labels: Array.from(labels), precision: s.precision, recall: s.recall, fScore: s.fScore, support: Array.from(counts.truth) };
  }
  return averagedScores(counts, average, beta, zeroDivision);
}

/** Validates `beta`: a number >= 0 (Infinity allowed); 1 when absent. */
export function checkBeta(value: unknown, where: string): number {
  if (value === undefined) return 1;
  const expected = 'a number >= 0 (or Infinity)';
  if (typeof value !== 'number') throw new TypeError(paramMessage(where, 'beta', expected, value));
  if (Number.isNaN(value) || value < 0) throw new RangeError(paramMessage(where, 'beta', expected, value));
  return value;
}

/** Validates `zeroDivision`: `'warn'`, 0 or 1; `'warn'` when absent. */
export function checkZeroDivision(value: unknown, where: string): ZeroDivision {
  if (value === undefined) return 'warn';
  const expected = "'warn', 0 or 1";
  if (value === 'warn' || value === 0 || value === 1) return value;
  if (typeof value !== 'string' && typeof value !== 'number') throw new TypeError(paramMessage(where, 'zeroDivision', expected, value));
  throw new RangeError(paramMessage(where, 'zeroDivision', expected, value));
}

function divide(numerator: ArrayLike<number>, denominator: ArrayLike<number>, zeroDivision: ZeroDivision): number[] {
  const zero = zeroDivision === 1 ? 1 : 0;
  const out = new Array<number>(numerator.length);
  for (let i = 0; i < numerator.length; i++) out[i] = denominator[i] === 0 ? zero : numerator[i] / denominator[i];
  return out;
}

/** Per-class precision, recall and F-beta from the counts, with scikit-learn's operation order. */
export function perClassScores(
  counts: LabelCounts,
  beta: number,
  zeroDivision: ZeroDivision,
): { precision: number[]; recall: number[]; fScore: number[] } {
  const precision = divide(counts.tp, counts.pred, zeroDivision);
  const recall = divide(counts.tp, counts.truth, zeroDivision);
  let fScore: number[];
  if (beta === Infinity) {
    fScore = recall.slice();
  } else {
    const beta2 = beta * beta;
    fScore = precision.map((p, i) => {
      const r = recall[i];
      let denom = beta2 * p + r;
      if (denom === 0) denom = 1;
      return ((1 + beta2) * p * r) / denom;
    });
  }
  return { precision, recall, fScore };
}

/** Averaged precision, recall and F-beta from the per-label counts. */
export function averagedScores(counts: LabelCounts, average: AverageMethod, beta: number, zeroDivision: ZeroDivision): AveragedScores {
  let c = counts;
  if (average === 'micro') {
    c = {
      tp: Float64Array.of(numpySum(counts.tp)),
      pred: Float64Array.of(numpySum(counts.pred)),
      truth: Float64Array.of(numpySum(counts.truth)),
    };
  }
  const s = perClassScores(c, beta, zeroDivision);
  if (average === 'weighted') {
    if (numpySum(c.truth) === 0) {
      // No true sample of any scored class: scikit-learn's special case.
      const z = zeroDivision === 1 ? 1 : 0;
      if (numpySum(c.pred) === 0) return { precision: z, recall: z, fScore: z, support: null };
      return { precision: 0, recall: z, fScore: 0, support: null };
    }
    return {
      precision: numpyWeightedAverage(s.precision, c.truth),
      recall: numpyWeightedAverage(s.recall, c.truth),
      fScore: numpyWeightedAverage(s.fScore, c.truth),
      support: null,
    };
  }
  return { precision: numpyMean(s.precision), recall: numpyMean(s.recall), fScore: numpyMean(s.fScore), support: null };
}
