/**
 * What the SVC offers services beside `fit` and `predict`: its predictions
 * with probabilities or a confidence from one computation of the kernel
 * (readDigits), and a summary line (digitkit train).
 */
import { provide } from '../base/capabilities.js';
import { learnedState } from '../base/estimator.js';
import { confidenceHook, summaryHook } from '../base/hooks.js';
import type { Matrix } from '../core/matrix.js';
import { svcDecisionValues } from './decision-values.js';
import { ovoVote } from './ovo.js';
import { SVC } from './svc.js';
import type { SvcState } from './svc-fit.js';
import { svcProbabilities } from './svc-probabilities.js';

/**
 * `predict`'s labels (the one-vs-one vote) with, as confidence, the
 * probability of the label and every class's probability (with `probability:
 * true`), else the share of its one-vs-one contests the winner won (votes /
 * (nClasses − 1)), which is no probability; from one computation of the kernel.
 */
provide(confidenceHook, SVC, (svc: SVC, X: Matrix) => {
  const s = learnedState<SvcState>(svc, 'predict');
  const dec = svcDecisionValues(s, X, 'SVC.predict');
  const votes = new Int32Array(X.rows);
  const labels = ovoVote(dec, s.classes.length, votes).map((c) => s.classes[c]);
  const proba = s.probA && s.probB ? svcProbabilities(dec, s.classes.length, s.probA, s.probB) : null;
  const k = s.classes.length;
  const confidence = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) confidence[i] = proba ? proba.data[i * k + s.classes.indexOf(labels[i])] : votes[i] / (k - 1);
  return { labels, confidence, proba };
});

provide(summaryHook, SVC, (svc: SVC) => `${learnedState<SvcState>(svc, 'supportVectors').supportVectors.rows} support vectors`);
