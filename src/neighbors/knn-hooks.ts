/**
 * What k-NN offers services beside `fit` and `predict`: predictions with
 * their probabilities (readDigits) from one search.
 */
import { provide } from '../base/capabilities.js';
import { confidenceHook } from '../base/hooks.js';
import type { Matrix } from '../core/matrix.js';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { argmaxRows } from './vote.js';

/** `predict` is the argmax of the probabilities (smallest class on a tie): one search gives both; the confidence is the winner's share of the vote. */
provide(confidenceHook, KNeighborsClassifier, (knn: KNeighborsClassifier, X: Matrix) => {
  const proba = knn.predictProba(X);
  const best = argmaxRows(proba);
  const share = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) share[i] = proba.data[i * proba.cols + best[i]];
  const classes = knn.classes;
  return { labels: best.map((c) => classes[c]), confidence: share, proba };
});
