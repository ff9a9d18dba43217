/**
 * Predictions with a confidence and, where the model gives them, every
 * class's probability, for any classifier: its `confidence` hook, else
 * `predict` and `predictProba`, else `predict` alone.
 */
import { capabilityOf } from './capabilities.js';
import { confidenceHook, type Predictions } from './hooks.js';
import type { Classifier } from './protocol.js';
import type { Matrix } from '../core/matrix.js';

/**
 * Predicts the rows of X with a confidence in 0..1 for each, and the class
 * probabilities when the model gives them:
 *
 * - a model with a `confidence` hook answers itself, from one pass over the
 *   data (SVC: with `probability: true`, the probability of the label, else the
 *   share of its one-vs-one contests the label won, `votes / (nClasses − 1)`,
 *   with `proba` null; k-NN: the share of the k neighbours that voted for the
 *   label; a Pipeline: its transformers, then its classifier's answer);
 * - a model with `predictProba` (TemplateMatcher): `predict`, its
 *   probabilities, and the probability of the predicted class as confidence;
 * - any other classifier: `predict`, NaN, and `proba` null.
 *
 * The labels are always `predict`'s (for an SVC, its one-vs-one vote, which
 * can differ from the most probable class, as in scikit-learn).
 */
export function predictWithConfidence(model: Classifier, X: Matrix): Predictions {
  const hook = capabilityOf(model, confidenceHook);
  if (hook) return hook(model as never, X);
  const labels = model.predict(X);
  const predictProba = (model as { predictProba?: (X: Matrix) => Matrix }).predictProba;
  if (typeof predictProba !== 'function') return { labels, confidence: new Float64Array(X.rows).fill(NaN), proba: null };
  const proba = predictProba.call(model, X);
  return { labels, confidence: confidenceOf(proba, labels, model.classes), proba };
}

/** The probability of each row's label: `proba[i, column of labels[i]]`. */
export function confidenceOf(proba: Matrix, labels: Int32Array, classes: Int32Array): Float64Array {
  const column = new Map(Array.from(classes, (c, j) => [c, j]));
  return Float64Array.from(labels, (label, i) => proba.data[i * proba.cols + column.get(label)!]);
}
