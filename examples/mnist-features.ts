/**
 * The HOG feature settings of the MNIST examples. The settings themselves
 * (`CHOSEN_HOG`, `featureSteps`, `describeFeatures`) live in
 * src/transformers/feature-setting.ts, where `digitkit train` and the benchmark
 * harness use them too; this adds the examples' feature computation.
 */
import type { Matrix } from '../src/index.js';
import { featureSteps, type FeatureSetting } from '../src/transformers/feature-setting.js';

export { CHOSEN_HOG, CHOSEN_HOG_SVC, describeFeatures, featureSteps, type FeatureSetting } from '../src/transformers/feature-setting.js';

/** The setting's features of the training and test images (28×28 rows), fitted on the training images. */
export function hogFeatures(s: FeatureSetting, train: Matrix, test: Matrix): { train: Matrix; test: Matrix } {
  let tr = train;
  let te = test;
  for (const step of featureSteps(s)) {
    step.fit(tr);
    tr = step.transform(tr);
    te = step.transform(te);
  }
  return { train: tr, test: te };
}
