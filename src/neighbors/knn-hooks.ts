/**
 * What k-NN offers services beside `fit` and `predict`: a confidence per
 * prediction (readDigits) from one search.
 */
import { provide } from '../base/capabilities.js';
import { confidenceHook } from '../base/hooks.js';
import type { Matrix } from '../core/matrix.js';
import { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { argmaxRows } from './vote.js';

/** `predict` is the argmax of the probabilities (smallest class on a tie): one search gives both; the confidence is the winner's share of the vote. */
provide(confidenceHook, KNeighborsClassifier, (knn: KNeighborsClassifier, X: Matrix) => {
  const P = knn.predictProba(X);
  const best = argmaxRows(P);
  const share = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) share[i] = P.data[i * P.cols + best[i]];
  const classes = knn.classes;
  return { labels: best.map((c) => classes[c]), confidence: share };
});
