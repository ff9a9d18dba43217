/**
 * Fit and prediction spread over worker threads (Node only), for any model:
 * each asks the model for its threaded hook (see base/hooks.ts) and runs the
 * model's own `fit` or `predict` on the calling thread when it has none.
 * Results are identical to the single-threaded calls.
 */
import { capabilityOf } from '../base/capabilities.js';
import { threadedFitHook, threadedPredictHook } from '../base/hooks.js';
import { isClassifier, type Classifier } from '../base/protocol.js';
import { describe } from '../core/errors.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { readJobs, type ParallelOptions } from './jobs.js';

/**
 * The predictions of `model` for the rows of X, computed on worker threads
 * where the model supports it (`SVC`, `KNeighborsClassifier`,
 * `TemplateMatcher`, or a `Pipeline` ending in one: its transformers run on
 * the calling thread first); other models predict on the calling thread.
 * Same result as `model.predict(X)`. `onProgress(done, total)` counts queries.
 *
 * @throws what `model.predict(X)` throws for bad input, before any thread starts;
 *   an Error naming the call if a worker thread fails.
 */
export async function predictParallel(model: Classifier, X: FeatureInput, options: ParallelOptions = {}): Promise<Int32Array> {
  const where = 'predictParallel';
  const { nJobs, onProgress } = readJobs(options, where);
  checkModel(model, where);
  const hook = capabilityOf(model, threadedPredictHook);
  return hook ? hook(model as never, X, { nJobs, onProgress, where }) : model.predict(X, { onProgress });
}

/**
 * `model.fit(X, y)` with its work on `nJobs` worker threads (default: every
 * core) where the model supports it — an `SVC` trains its one-vs-one pairs on
 * threads, alone or as a `Pipeline`'s classifier (the transformers fit on the
 * calling thread first) — and on the calling thread otherwise. Resolves to
 * `model`, fitted to the very same model as `fit` gives. For an SVC,
 * `cacheSize` MB is the budget of the whole fit: the threads' kernel-row
 * caches share it, as if one process. `onProgress(done, total)` counts what
 * the model's fit counts (an SVC's pairs).
 *
 * @throws what `model.fit` throws for bad parameters or data, before any thread
 *   starts; an Error naming the call if a worker thread fails.
 */
export async function fitParallel<M extends Classifier>(model: M, X: FeatureInput, y: LabelInput, options: ParallelOptions = {}): Promise<M> {
  const where = 'fitParallel';
  const { nJobs, onProgress } = readJobs(options, where);
  checkModel(model, where);
  const hook = capabilityOf(model, threadedFitHook);
  if (hook) await hook(model as never, X, y, { nJobs, onProgress, where });
  else model.fit(X, y, { onProgress });
  return model;
}

function checkModel(model: unknown, where: string): void {
  if (!isClassifier(model)) throw new TypeError(`${where}: argument 'model' must be a digitkit classifier (with fit and predict), got ${describe(model)}`);
}
