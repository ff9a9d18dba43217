/**
 * Predictions with a confidence for any classifier: its `confidence` hook,
 * else the probability of the predicted class from its `predictProba`, else NaN.
 */
import { capabilityOf } from './capabilities.js';
import { confidenceHook, type Predictions } from './hooks.js';
import type { Classifier } from './protocol.js';
import type { Matrix } from '../core/matrix.js';

/**
 * Predicts the rows of X with a confidence in 0..1 for each:
 *
 * - a model with a `confidence` hook answers itself (SVC: the share of its
 *   one-vs-one contests the winner won, `votes / (nClasses − 1)`; k-NN: the
 *   share of the k neighbours that voted for the winner; a Pipeline: its
 *   transformers, then its classifier's answer);
 * - a model with `predictProba` (TemplateMatcher): `predict`, and the
 *   probability of the predicted class;
 * - any other classifier: `predict`, and NaN.
 */
export function predictWithConfidence(model: Classifier, X: Matrix): Predictions {
  const hook = capabilityOf(model, confidenceHook);
  if (hook) return hook(model as never, X);
  const labels = model.predict(X);
  const conf = new Float64Array(X.rows).fill(NaN);
  const proba = (model as { predictProba?: (X: Matrix) => Matrix }).predictProba;
  if (typeof proba === 'function') {
    const P = proba.call(model, X);
    const classes = model.classes;
    for (let i = 0; i < X.rows; i++) conf[i] = P.data[i * P.cols + classes.indexOf(labels[i])];
  }
  return { labels, confidence: conf };
}
