/**
 * Fitting any classifier with its SVC on worker threads: an SVC, or a pipeline
 * ending in one (such as the SVC on HOG features), through `fitParallel`; any
 * other classifier by its own `fit`.
 */
import type { Classifier } from '../base/protocol.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { SVC } from '../svm/svc.js';
import { fitParallel, type ParallelOptions } from './runners.js';

/**
 * Fits `model` on X, y as `model.fit(X, y)` does, with the one-vs-one pairs of
 * an SVC (alone or as a pipeline's last step) trained on worker threads. The
 * pipeline's transformers run on the calling thread first, as in `Pipeline.fit`.
 * @returns the model, fitted.
 * @internal
 */
export async function fitModelParallel<T extends Classifier>(model: T, X: FeatureInput, y: LabelInput, options: ParallelOptions = {}): Promise<T> {
  if (model instanceof SVC) {
    await fitParallel(model, X, y, options);
    return model;
  }
  if (model instanceof Pipeline && model.classifier instanceof SVC) {
    await fitParallel(model.classifier, model.fitTransformers(X, y), y, options);
    return model;
  }
  return model.fit(X, y, { onProgress: options.onProgress });
}
