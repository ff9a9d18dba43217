/**
 * Test helper: the model the reading tests read with. Until a pretrained model
 * ships, a quick one: the SVC on Deskew + Blur + HOG features (examples/mnist-features.ts'
 * `CHOSEN_HOG`, C = 5, gamma = 0.08, no probabilities) fitted on the first 6,000
 * MNIST training images, once per process. Returns null without MNIST (callers skip).
 */
import { DatasetError, loadMnistSync, makePipeline, SVC, type Pipeline } from '../../src/index.js';
import { CHOSEN_HOG, CHOSEN_HOG_SVC, featureSteps } from '../../examples/mnist-features.js';

let cached: Pipeline | null | undefined;

/** The reading tests' model (fitted once per process), or null when MNIST is not here. */
export function readerModel(): Pipeline | null {
  if (cached !== undefined) return cached;
  try {
    const train = loadMnistSync({ split: 'train', limit: 6000 });
    cached = makePipeline(...featureSteps(CHOSEN_HOG), new SVC({ ...CHOSEN_HOG_SVC })).fit(train.features, train.labels);
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    cached = null;
  }
  return cached;
}
