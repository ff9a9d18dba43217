/**
 * What the SVC offers services beside `fit` and `predict`: a confidence per
 * prediction (readDigits) and a summary line (digitkit train).
 */
import { provide } from '../base/capabilities.js';
import { learnedState } from '../base/estimator.js';
import { confidenceHook, summaryHook } from '../base/hooks.js';
import type { Matrix } from '../core/matrix.js';
import { svcDecisionValues } from './decision-values.js';
import { ovoVote } from './ovo.js';
import { SVC } from './svc.js';
import type { SvcState } from './svc-fit.js';

/**
 * `predict`'s labels with, as confidence, the share of its one-vs-one
 * contests the winner won (votes / (nClasses − 1)), from one computation of the kernel.
 */
provide(confidenceHook, SVC, (svc: SVC, X: Matrix) => {
  const s = learnedState<SvcState>(svc, 'predict');
  const votes = new Int32Array(X.rows);
  const labels = ovoVote(svcDecisionValues(s, X, 'SVC.predict'), s.classes.length, votes).map((c) => s.classes[c]);
  const share = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) share[i] = votes[i] / (s.classes.length - 1);
  return { labels, confidence: share };
});

provide(summaryHook, SVC, (svc: SVC) => `${learnedState<SvcState>(svc, 'supportVectors').supportVectors.rows} support vectors`);
