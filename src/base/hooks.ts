/**
 * The capabilities digitkit's services ask models for (see capabilities.ts).
 * Each estimator's folder provides the hooks it can, beside its class:
 * `threads.ts` (Node only) the threaded fit and prediction, `*-hooks.ts` the
 * others. A hook's first argument is the model it was provided for.
 */
import type { Matrix } from '../core/matrix.js';
import type { ProgressCallback } from '../core/progress.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { defineCapability } from './capabilities.js';
import type { Model } from './protocol.js';

/** What a threaded hook is told: worker threads to use, progress, and the public call (for errors). */
export interface ThreadOptions {
  nJobs: number;
  onProgress?: ProgressCallback;
  where: string;
}

/** Labels and confidences of the rows of X. */
export interface Predictions {
  labels: Int32Array;
  /**
   * 0..1 per row: the probability of the label when the model gives
   * probabilities, else another score (an SVC without probabilities: the share
   * of its one-vs-one contests the label won); NaN when the model offers no score.
   */
  confidence: Float64Array;
  /** Every class's probability (rows × classes, columns in the model's `classes` order); null when the model gives none. */
  proba: Matrix | null;
}

/**
 * Fits the model as its `fit` does, with the work on worker threads
 * (`fitParallel`, the grid search's refit, `digitkit train`).
 */
export const threadedFitHook = defineCapability<(model: never, X: FeatureInput, y: LabelInput, options: ThreadOptions) => Promise<void>>('threadedFit');

/** Predicts as the model's `predict` does, with the work on worker threads (`predictParallel`). */
export const threadedPredictHook = defineCapability<(model: never, X: FeatureInput, options: ThreadOptions) => Promise<Int32Array>>('threadedPredict');

/**
 * The model's predictions for the rows of X (checked matrix) with a
 * confidence in 0..1 for each and its class probabilities when it gives
 * them, from one pass over the data (`readDigits`).
 */
export const confidenceHook = defineCapability<(model: never, X: Matrix) => Predictions>('confidence');


/** A few words on what a fitted model holds ("519 support vectors"), for `digitkit train`. */
export const summaryHook = defineCapability<(model: never) => string>('summary');

/**
 * A new, unfitted model like this one with some parameters replaced
 * (`clone`), for models whose parameters are not their constructor's (a pipeline's `step__param`).
 */
export const cloneHook = defineCapability<(model: never, params: Record<string, unknown>, where: string) => Model>('clone');

/**
 * Whether the transformer's `transform` returns a new array that it keeps no
 * reference to, so that a pipeline may hand its last step's output to the
 * classifier to keep uncopied (a k-NN's training rows: on the HOG features of
 * MNIST's 60,000 images, a second 972 MB copy spared). A transformer that may
 * return its input, or a matrix it holds, must not provide it.
 */
export const newOutputHook = defineCapability<(model: never) => boolean>('newOutput');
