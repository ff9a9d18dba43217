/**
 * Calibration: how far a classifier's confidence can be trusted. Each
 * prediction comes with the probability the model gave it (`confidence`);
 * a calibrated model is right 90% of the time when it says 0.9.
 *
 * - {@link reliabilityBins}: predictions grouped by confidence, with their accuracy;
 * - {@link expectedCalibrationError}: the mean gap between confidence and accuracy over the bins;
 * - {@link errorRejectCurve}: the error among the predictions kept when those under a
 *   confidence threshold are set aside (for a person to read), against the share set aside.
 */
import { paramMessage } from '../core/errors.js';
import { checkOptions } from '../core/options.js';
import { checkNumber } from '../core/validation.js';
import { checkLabelPair } from './labels.js';

/** One bin of {@link reliabilityBins}. */
export interface ReliabilityBin {
  /** Confidences in [lower, upper) (the last bin includes 1). */
  lower: number;
  upper: number;
  /** Predictions in the bin. */
  count: number;
  /** Their mean confidence, and the fraction of them that is right (NaN for an empty bin). */
  confidence: number;
  accuracy: number;
}

/** Options of the calibration metrics. */
export interface CalibrationOptions {
  /** Equal-width bins over [0, 1]: an integer >= 1, default 15. */
  bins?: number;
}

/** Checks the three vectors: labels of the same length, and confidences in [0, 1]. */
function checkInputs(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, confidence: ArrayLike<number>, where: string) {
  const pair = checkLabelPair(yTrue, yPred, where);
  const n = pair.yTrue.length;
  if (!(Array.isArray(confidence) || ArrayBuffer.isView(confidence)) || (confidence as ArrayLike<number>).length !== n) {
    throw new RangeError(`${where}: argument 'confidence' must hold one probability per prediction (${n}), got ${(confidence as ArrayLike<unknown>)?.length ?? 'no array'}`);
  }
  for (let i = 0; i < n; i++) {
    const c = confidence[i];
    if (typeof c !== 'number' || !(c >= 0 && c <= 1)) throw new RangeError(`${where}: argument 'confidence' must hold probabilities in [0, 1], got ${c} at index ${i}`);
  }
  return { ...pair, confidence };
}

/**
 * The predictions grouped into equal-width bins of confidence, with each
 * bin's mean confidence and accuracy: the data of a reliability diagram.
 *
 * @param yTrue the true labels.
 * @param yPred the predicted labels.
 * @param confidence the probability the model gave each prediction, in [0, 1].
 * @throws TypeError / RangeError for labels of different lengths, a confidence outside [0, 1], or a bad option.
 */
export function reliabilityBins(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, confidence: ArrayLike<number>, options: CalibrationOptions = {}): ReliabilityBin[] {
  return binsOf('reliabilityBins', yTrue, yPred, confidence, options);
}

function binsOf(where: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>, confidence: ArrayLike<number>, options: CalibrationOptions): ReliabilityBin[] {
  const bins = readBins(options, where);
  const d = checkInputs(yTrue, yPred, confidence, where);
  const count = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const right = new Float64Array(bins);
  for (let i = 0; i < d.yTrue.length; i++) {
    const b = Math.min(bins - 1, Math.floor(d.confidence[i] * bins));
    count[b]++;
    confSum[b] += d.confidence[i];
    if (d.yTrue[i] === d.yPred[i]) right[b]++;
  }
  return Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: count[b],
    confidence: count[b] ? confSum[b] / count[b] : NaN,
    accuracy: count[b] ? right[b] / count[b] : NaN,
  }));
}

/**
 * The expected calibration error: Σ over bins of (bin's share of predictions)
 * × |bin's accuracy − bin's mean confidence|, with equal-width bins (15 by
 * default, as Guo et al. 2017). 0 for a perfectly calibrated model.
 */
export function expectedCalibrationError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, confidence: ArrayLike<number>, options: CalibrationOptions = {}): number {
  const where = 'expectedCalibrationError';
  const bins = binsOf(where, yTrue, yPred, confidence, options);
  const n = bins.reduce((s, b) => s + b.count, 0);
  return bins.reduce((s, b) => (b.count ? s + (b.count / n) * Math.abs(b.accuracy - b.confidence) : s), 0);
}

/** One point of {@link errorRejectCurve}. */
export interface ErrorRejectPoint {
  /** Predictions of confidence below this are rejected. */
  threshold: number;
  /** The share of all predictions rejected. */
  rejected: number;
  /** The error among the predictions kept (0 when none is kept). */
  error: number;
}

/**
 * The error–reject curve: for each threshold (0, then each distinct
 * confidence), the share of predictions under it (rejected) and the error
 * among the others (accepted). Thresholds ascend, so `rejected` grows and
 * `error` usually falls.
 */
export function errorRejectCurve(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, confidence: ArrayLike<number>): ErrorRejectPoint[] {
  const d = checkInputs(yTrue, yPred, confidence, 'errorRejectCurve');
  const n = d.yTrue.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d.confidence[a] - d.confidence[b]);
  let wrong = 0;
  for (let i = 0; i < n; i++) if (d.yTrue[i] !== d.yPred[i]) wrong++;
  const points: ErrorRejectPoint[] = [{ threshold: 0, rejected: 0, error: wrong / n }];
  let rejected = 0;
  for (let k = 0; k < n; ) {
    // Everything of this confidence is rejected together.
    const c = d.confidence[order[k]];
    while (k < n && d.confidence[order[k]] === c) {
      if (d.yTrue[order[k]] !== d.yPred[order[k]]) wrong--;
      rejected++;
      k++;
    }
    const kept = n - rejected;
    const next = k < n ? d.confidence[order[k]] : Math.min(1, c + Number.EPSILON);
    points.push({ threshold: next, rejected: rejected / n, error: kept ? wrong / kept : 0 });
  }
  return points;
}

/**
 * The point of an error–reject curve that rejects the least while keeping the
 * error among accepted predictions at or under `maxError`; null when none does.
 */
export function rejectThreshold(curve: readonly ErrorRejectPoint[], maxError: number): ErrorRejectPoint | null {
  checkNumber(maxError, 'rejectThreshold', 'maxError', { ge: 0, le: 1 });
  return curve.find((p) => p.error <= maxError) ?? null;
}

function readBins(options: CalibrationOptions, where: string): number {
  const o = checkOptions(options, where, ['bins']);
  if (o.bins === undefined) return 15;
  if (typeof o.bins !== 'number') throw new TypeError(paramMessage(where, 'bins', 'an integer >= 1', o.bins));
  return checkNumber(o.bins, where, 'bins', { integer: true, ge: 1, le: 10000 });
}
