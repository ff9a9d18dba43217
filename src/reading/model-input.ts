/**
 * Which digit format a model reads (from its feature count), and its
 * predictions with a confidence in 0..1.
 */
import type { Classifier } from '../base/protocol.js';
import { describe } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { KNeighborsClassifier } from '../neighbors/k-neighbors-classifier.js';
import { argmaxRows } from '../neighbors/vote.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { SVC } from '../svm/svc.js';

/** The two digit formats: MNIST's 28×28 in 0..1 (784 features) and scikit-learn's 8×8 in 0..16 (64 features). */
export type DigitFormat = 'mnist' | 'digits8x8';

/** Features per digit of each format. */
export const FORMAT_FEATURES: Record<DigitFormat, number> = { mnist: 784, digits8x8: 64 };

/**
 * The format a fitted model reads, from its `nFeaturesIn` (SVC, KNeighborsClassifier,
 * TemplateMatcher, and Pipeline, which asks its first step): 784 → `'mnist'`, 64 → `'digits8x8'`.
 *
 * @throws TypeError when the model does not tell its feature count; RangeError for another count;
 *   NotFittedError (from the model) before `fit`.
 */
export function modelFormat(model: Classifier, where = 'modelFormat'): DigitFormat {
  const n = (model as { nFeaturesIn?: unknown }).nFeaturesIn;
  if (typeof n !== 'number') {
    throw new TypeError(
      `${where}: argument 'model' must tell its number of input features ('nFeaturesIn', as digitkit's classifiers and pipelines do), ` +
        `got ${describe(n)}; pass the option 'format' ('mnist' or 'digits8x8')`,
    );
  }
  if (n === FORMAT_FEATURES.mnist) return 'mnist';
  if (n === FORMAT_FEATURES.digits8x8) return 'digits8x8';
  throw new RangeError(`${where}: argument 'model' must take 784 features (28×28 MNIST digits) or 64 (8×8 digits), got a model fitted on ${n} features`);
}

/** Labels and confidences of the rows of X. */
export interface Predictions {
  labels: Int32Array;
  /** 0..1 per row; NaN when the model offers no score. */
  confidence: Float64Array;
}

/**
 * Predicts the rows of X with a confidence for each (through a Pipeline's transformers first):
 *
 * - models with `predictProba` (KNeighborsClassifier, TemplateMatcher): the probability of the
 *   predicted class (for k-NN the share of the k neighbours that voted for it; for TemplateMatcher
 *   the class's share of the clipped correlations);
 * - SVC: the share of its one-vs-one contests the predicted class won, `votes / (nClasses − 1)`
 *   (1 with two classes);
 * - any other classifier: `predict`, and NaN.
 */
export function predictWithConfidence(model: Classifier, X: Matrix): Predictions {
  let inner: Classifier = model;
  let Xt: Matrix = X;
  if (model instanceof Pipeline) {
    Xt = model.transform(X);
    inner = model.classifier;
  }
  const classes = inner.classes;
  const n = Xt.rows;
  const confidence = new Float64Array(n).fill(NaN);
  if (inner instanceof SVC) {
    // One kernel computation gives both the labels and the winners' votes.
    const { labels, votes } = inner.predictVotes(Xt);
    for (let i = 0; i < n; i++) confidence[i] = votes[i] / (classes.length - 1);
    return { labels, confidence };
  }
  const proba = (inner as { predictProba?: (X: Matrix) => Matrix }).predictProba;
  if (typeof proba === 'function') {
    const P = proba.call(inner, Xt);
    // k-NN's predict is the argmax of its probabilities (smallest class on a tie): one search, not two.
    const labels = inner instanceof KNeighborsClassifier ? argmaxRows(P).map((c) => classes[c]) : inner.predict(Xt);
    for (let i = 0; i < n; i++) confidence[i] = P.data[i * P.cols + classes.indexOf(labels[i])];
    return { labels, confidence };
  }
  return { labels: inner.predict(Xt), confidence };
}
