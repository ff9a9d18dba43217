/**
 * Input checks shared by the metrics: a pair of label vectors, and the
 * optional `labels` list that selects and orders the classes.
 */
import { describe, paramMessage } from '../core/errors.js';
import { toLabels, uniqueSorted } from '../core/validation.js';

/** Validated true and predicted labels. */
export interface LabelPair {
  yTrue: Int32Array;
  yPred: Int32Array;
}

function lengthOf(value: unknown): number {
  return value !== null && typeof value === 'object' && 'length' in value ? Number((value as ArrayLike<unknown>).length) : 0;
}

/**
 * Converts `yTrue` and `yPred` to integer labels and checks that they are
 * non-empty and of the same length.
 *
 * @throws TypeError when either is not an array of integers.
 * @throws RangeError when they are empty or of different lengths.
 */
export function checkLabelPair(yTrue: unknown, yPred: unknown, where: string): LabelPair {
  const t = toLabels(yTrue, where, lengthOf(yTrue), 'yTrue');
  const p = toLabels(yPred, where, lengthOf(yPred), 'yPred');
  if (t.length !== p.length) {
    throw new RangeError(
      `${where}: arguments 'yTrue' and 'yPred' must have the same length, got ${t.length} true labels and ${p.length} predicted labels`,
    );
  }
  if (t.length === 0) {
    throw new RangeError(`${where}: arguments 'yTrue' and 'yPred' must hold at least one label, got 0`);
  }
  return { yTrue: t, yPred: p };
}

/** The sorted distinct labels of `yTrue` and `yPred` together (scikit-learn's `unique_labels`). */
export function presentLabels(pair: LabelPair): Int32Array {
  const both = new Int32Array(pair.yTrue.length + pair.yPred.length);
  both.set(pair.yTrue);
  both.set(pair.yPred, pair.yTrue.length);
  return uniqueSorted(both);
}

/**
 * Validates the `labels` option: a non-empty array of distinct integers, kept in the caller's order.
 *
 * @throws TypeError when it is not an array of integers.
 * @throws RangeError when it is empty or repeats a label.
 */
export function checkLabelList(labels: unknown, where: string, name = 'labels'): Int32Array {
  const expected = 'a non-empty array of distinct integer labels';
  if (!(Array.isArray(labels) || (ArrayBuffer.isView(labels) && !(labels instanceof DataView)))) {
    throw new TypeError(paramMessage(where, name, expected, labels));
  }
  const list = labels as ArrayLike<unknown>;
  if (list.length === 0) throw new RangeError(paramMessage(where, name, expected, labels));
  const out = new Int32Array(list.length);
  const seen = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new TypeError(`${where}: parameter '${name}' must be ${expected}, got ${describe(v)} at index ${i}`);
    }
    if (seen.has(v)) {
      throw new RangeError(`${where}: parameter '${name}' must be ${expected}, got ${v} twice`);
    }
    seen.add(v);
    out[i] = v;
  }
  return out;
}

/** Per-label counts: true positives, predictions and true occurrences of each of `labels`. */
export interface LabelCounts {
  tp: Float64Array;
  pred: Float64Array;
  truth: Float64Array;
}

/** Counts, for each of `labels` in order, its true positives, predictions and true occurrences. */
export function countPerLabel(pair: LabelPair, labels: ArrayLike<number>): LabelCounts {
  const index = new Map<number, number>();
  for (let k = 0; k < labels.length; k++) index.set(labels[k], k);
  const tp = new Float64Array(labels.length);
  const pred = new Float64Array(labels.length);
  const truth = new Float64Array(labels.length);
  const { yTrue, yPred } = pair;
  for (let i = 0; i < yTrue.length; i++) {
    const t = index.get(yTrue[i]);
    const p = index.get(yPred[i]);
    if (t !== undefined) {
      truth[t]++;
      if (yTrue[i] === yPred[i]) tp[t]++;
    }
    if (p !== undefined) pred[p]++;
  }
  return { tp, pred, truth };
}
