/** scikit-learn's classification report, as text or as a dictionary. */
import { describe, paramMessage } from '../core/errors.js';
import { checkBoolean, checkNumber } from '../core/validation.js';
import { checkLabelList, checkLabelPair, countPerLabel, presentLabels } from './labels.js';
import { checkOptions } from '../core/options.js';
import { averagedScores, checkZeroDivision, perClassScores } from './prf.js';
import type { ZeroDivision } from './prf.js';
import { alignRight, codePointLength, formatFixed } from './python-format.js';

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /**
   * The classes to report, in order. Default: every label in `yTrue` or `yPred`, sorted.
   * When the set differs from the labels present, the `accuracy` line becomes `micro avg`.
   */
  labels?: ArrayLike<number>;
  /** Display names of the classes, one per label (default: the labels themselves). */
  targetNames?: readonly string[];
  /** Digits after the decimal point (default 2). */
  digits?: number;
  /** The value of a 0/0 precision or recall (default `'warn'`, meaning 0). */
  zeroDivision?: ZeroDivision;
  /** `true`: return a dictionary instead of text. */
  outputDict?: boolean;
}

/** One line of the report. */
export interface ReportEntry {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/**
 * The report as a dictionary, as scikit-learn's `output_dict=True` gives it: one
 * entry per class name, then `accuracy` (a number) or `micro avg`, `macro avg`
 * and `weighted avg`.
 */
export type ClassificationReportDict = Record<string, ReportEntry | number>;

const HEADERS = ['precision', 'recall', 'f1-score', 'support'];
const LONGEST_AVERAGE_NAME = 'weighted avg';

/**
 * The text report of precision, recall, F1-score and support per class, and
 * their averages, character-for-character as scikit-learn's
 * `classification_report` prints it for the same inputs (numbers rounded as
 * Python rounds them, same column widths, same trailing newline).
 *
 * @param yTrue the true labels (integers).
 * @param yPred the predicted labels, one per true label.
 * @param options `labels`, `targetNames`, `digits` (default 2), `zeroDivision`, `outputDict`.
 * @returns the report text, or a {@link ClassificationReportDict} with `outputDict: true`.
 * @throws TypeError for labels that are not integer arrays or an option of the wrong type.
 * @throws RangeError for empty input, different lengths, an empty or repeating `labels`,
 *   `targetNames` of another length than the labels, or `digits` that is not an integer >= 0.
 *
 * @example
 * console.log(classificationReport(yTest, predicted));
 */
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options?: ClassificationReportOptions & { outputDict?: false },
): string;
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options?: ClassificationReportOptions,
): string | ClassificationReportDict;
export function classificationReport(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ClassificationReportOptions = {},
): string | ClassificationReportDict {
  const where = 'classificationReport';
  const opts = checkOptions(options, where, ['labels', 'targetNames', 'digits', 'zeroDivision', 'outputDict']);
  const digits = opts.digits === undefined ? 2 : checkNumber(opts.digits, where, 'digits', { integer: true, ge: 0 });
  const zeroDivision = checkZeroDivision(opts.zeroDivision, where);
  const outputDict = opts.outputDict === undefined ? false : checkBoolean(opts.outputDict, where, 'outputDict');
  const pair = checkLabelPair(yTrue, yPred, where);
  const present = presentLabels(pair);
  const labels = opts.labels === undefined ? present : checkLabelList(opts.labels, where);
  const names = opts.targetNames === undefined ? Array.from(labels, String) : checkTargetNames(opts.targetNames, labels.length, where);

  // 'accuracy' replaces 'micro avg' when every present label, and no other, is reported.
  const presentSet = new Set(present);
  const microIsAccuracy = labels.length === present.length && labels.every((v) => presentSet.has(v));

  const counts = countPerLabel(pair, labels);
  const perClass = perClassScores(counts, 1, zeroDivision);
  let totalSupport = 0;
  for (const s of counts.truth) totalSupport += s;
  // A scikit-learn quirk, kept for identical text: when no sample at all is predicted
  // correctly, its supports come out as floats and print as '3.0'.
  const noneCorrect = !pair.yTrue.some((v, i) => v === pair.yPred[i]);
  const supportText = (n: number): string => (noneCorrect ? `${n}.0` : String(n));

  const averages: Array<{ heading: string; scores: [number, number, number] }> = (['micro', 'macro', 'weighted'] as const).map(
    (average) => {
      const a = averagedScores(counts, average, 1, zeroDivision);
      const heading = average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`;
      return { heading, scores: [a.precision, a.recall, a.fScore] };
    },
  );

  if (outputDict) {
    const out: ClassificationReportDict = {};
    names.forEach((name, k) => {
      out[name] = {
        precision: perClass.precision[k],
        recall: perClass.recall[k],
        'f1-score': perClass.fScore[k],
        support: counts.truth[k],
      };
    });
    for (const { heading, scores } of averages) {
      // As scikit-learn: the accuracy entry is the micro-averaged precision.
      out[heading] =
        heading === 'accuracy' ? scores[0] : { precision: scores[0], recall: scores[1], 'f1-score': scores[2], support: totalSupport };
    }
    return out;
  }

  const width = Math.max(LONGEST_AVERAGE_NAME.length, digits, ...names.map(codePointLength));
  const cell = (text: string): string => ` ${alignRight(text, 9)}`;
  const line = (heading: string, values: Array<number | null>, support: number): string =>
    alignRight(heading, width) +
    ' ' +
    values.map((v) => cell(v === null ? '' : formatFixed(v, digits))).join('') +
    cell(supportText(support)) +
    '\n';

  let report = alignRight('', width) + ' ' + HEADERS.map(cell).join('') + '\n\n';
  names.forEach((name, k) => {
    report += line(name, [perClass.precision[k], perClass.recall[k], perClass.fScore[k]], counts.truth[k]);
  });
  report += '\n';
  for (const { heading, scores } of averages) {
    const shown = heading === 'accuracy' ? [null, null, scores[2]] : scores;
    report += line(heading, shown, totalSupport);
  }
  return report;
}

function checkTargetNames(value: unknown, nLabels: number, where: string): string[] {
  const expected = `an array of ${nLabels} strings (one per label)`;
  if (!Array.isArray(value)) throw new TypeError(paramMessage(where, 'targetNames', expected, value));
  value.forEach((name, i) => {
    if (typeof name !== 'string') {
      throw new TypeError(`${where}: parameter 'targetNames' must be ${expected}, got ${describe(name)} at index ${i}`);
    }
  });
  if (value.length !== nLabels) throw new RangeError(paramMessage(where, 'targetNames', expected, value));
  return value as string[];
}
