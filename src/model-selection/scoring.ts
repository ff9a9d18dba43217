/** Scorers: how a fitted model is scored on a test fold. */
import { paramMessage } from '../core/errors.js';
import type { Classifier } from '../base/protocol.js';
import type { Matrix } from '../core/matrix.js';
import { accuracyScore } from '../metrics/accuracy.js';

/** Scores a fitted model on samples X with true labels y; higher is better. */
export type Scorer = (model: Classifier, X: Matrix, y: Int32Array) => number;

/** The scorers known by name, as scikit-learn names them. */
export const SCORERS = {
  /** The fraction of samples predicted right (scikit-learn's `'accuracy'`). */
  accuracy: ((model, X, y) => accuracyScore(y, model.predict(X))) as Scorer,
} as const;

/** A scorer's name, or your own scorer function. */
export type Scoring = keyof typeof SCORERS | Scorer;

/**
 * The scorer for `scoring` (default `'accuracy'`), with its name (`null` for a function).
 * @throws TypeError / RangeError for anything but a known name or a function.
 */
export function resolveScoring(scoring: unknown, where: string): { scorer: Scorer; name: keyof typeof SCORERS | null } {
  if (scoring === undefined) return { scorer: SCORERS.accuracy, name: 'accuracy' };
  if (typeof scoring === 'function') return { scorer: scoring as Scorer, name: null };
  const expected = `one of ${Object.keys(SCORERS).map((k) => `'${k}'`).join(', ')} or a function (model, X, y) => number`;
  if (typeof scoring !== 'string') throw new TypeError(paramMessage(where, 'scoring', expected, scoring));
  if (!Object.hasOwn(SCORERS, scoring)) throw new RangeError(paramMessage(where, 'scoring', expected, scoring));
  const name = scoring as keyof typeof SCORERS;
  return { scorer: SCORERS[name], name };
}
