/**
 * Which digit format a model reads, from its feature count.
 */
import type { Classifier } from '../base/protocol.js';
import { describe } from '../core/errors.js';

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
