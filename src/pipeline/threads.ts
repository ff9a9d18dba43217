/**
 * A Pipeline on worker threads (Node only): its transformers run on the
 * calling thread, then its classifier fits or predicts on threads when it can.
 */
import { provide } from '../base/capabilities.js';
import { threadedFitHook, threadedPredictHook, type ThreadOptions } from '../base/hooks.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { fitParallel, predictParallel } from '../parallel/runners.js';
import { fitTransformers, Pipeline } from './pipeline.js';

provide(threadedFitHook, Pipeline, async (p: Pipeline, X: FeatureInput, y: LabelInput, { nJobs, onProgress }: ThreadOptions) => {
  await fitParallel(p.classifier, fitTransformers(p, X, y), y, { nJobs, onProgress });
});

provide(threadedPredictHook, Pipeline, (p: Pipeline, X: FeatureInput, { nJobs, onProgress }: ThreadOptions) =>
  predictParallel(p.classifier, p.transform(X), { nJobs, onProgress }),
);
