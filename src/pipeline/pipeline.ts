/**
 * Pipeline: transformers followed by a classifier, behaving as one
 * classifier (fit / predict / score / toJSON), as scikit-learn's Pipeline.
 */
import { describe } from '../core/errors.js';
import { isClassifier, isTransformer, type Classifier, type SerializedModel, type Transformer } from '../base/protocol.js';
import type { Matrix } from '../core/matrix.js';
import { readProgress, type ProgressOptions } from '../core/progress.js';
import { toMatrix, type FeatureInput, type LabelInput } from '../core/validation.js';
import { handOver } from '../core/handed-over.js';
import { capabilityOf } from '../base/capabilities.js';
import { newOutputHook } from '../base/hooks.js';
import { readObject } from '../persistence/fields.js';
import { checkEnvelope, loadModel, registerModel } from '../base/registry.js';

/** A named step. */
export type PipelineStep = [name: string, model: Transformer | Classifier];

const PIPELINE_FORMAT_VERSION = 1;

/**
 * A chain of transformers ending in a classifier.
 *
 * ```ts
 * const model = makePipeline(new Deskew(), new HOG({ pixelsPerCell: [4, 4] }), new KNeighborsClassifier({ nNeighbors: 3 }));
 * model.fit(XTrain, yTrain).predict(XTest);
 * ```
 *
 * `fit` fits each transformer on the output of the previous one, then the
 * classifier; `predict` runs new data through the fitted transformers.
 */
export class Pipeline implements Classifier {
  readonly steps: readonly PipelineStep[];

  /** @param steps `[name, model]` pairs: transformers, then one classifier. */
  constructor(steps: PipelineStep[]) {
    checkSteps(steps, 'Pipeline');
    this.steps = steps.map(([n, m]) => [n, m] as PipelineStep);
  }

  /** The final classifier. */
  get classifier(): Classifier {
    return this.steps[this.steps.length - 1][1] as Classifier;
  }

  /** Fits every step in turn; `onProgress` reports the classifier's fit. @returns this */
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this {
    const onProgress = readProgress(options, 'Pipeline.fit');
    this.classifier.fit(fitTransformers(this, X, y), y, { onProgress });
    return this;
  }

  /** Runs X through the fitted transformers. */
  transform(X: FeatureInput): Matrix {
    let Xt: Matrix = toMatrix(X, 'Pipeline.transform');
    for (const [name, t] of transformersOf(this)) Xt = checkStepOutput(t.transform(Xt), name, t, 'Pipeline.transform');
    return Xt;
  }

  /** The classifier's predictions on the transformed X; `onProgress` reports the classifier's prediction. */
  predict(X: FeatureInput, options?: ProgressOptions): Int32Array {
    const onProgress = readProgress(options, 'Pipeline.predict');
    return this.classifier.predict(this.transform(X), { onProgress });
  }

  /**
   * The classifier's class probabilities on the transformed X (columns in `classes` order).
   * @throws TypeError when the classifier gives no probabilities.
   */
  predictProba(X: FeatureInput): Matrix {
    const inner = this.classifier as Classifier & { predictProba?: (X: Matrix) => Matrix };
    if (typeof inner.predictProba !== 'function') {
      throw new TypeError(`Pipeline.predictProba: the pipeline's classifier (${inner.constructor.name}) gives no probabilities`);
    }
    return inner.predictProba(this.transform(X));
  }

  /** The classifier's score on the transformed X. */
  score(X: FeatureInput, y: LabelInput): number {
    return this.classifier.score(this.transform(X), y);
  }

  /**
   * The number of features the pipeline takes: its first step's `nFeaturesIn`
   * (every digitkit transformer and classifier has one once fitted).
   * @throws TypeError when the first step has no `nFeaturesIn`; NotFittedError (from the step) before `fit`.
   */
  get nFeaturesIn(): number {
    const [name, first] = this.steps[0];
    const n = (first as { nFeaturesIn?: unknown }).nFeaturesIn;
    if (typeof n !== 'number') {
      throw new TypeError(`Pipeline.nFeaturesIn: the first step '${name}' does not tell its number of input features (no numeric 'nFeaturesIn'), got ${describe(n)}`);
    }
    return n;
  }

  /** The classifier's classes. */
  get classes(): Int32Array {
    return this.classifier.classes;
  }

  /** Every step's parameters as `step__param` keys, as scikit-learn names them. */
  getParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, m] of this.steps) {
      for (const [k, v] of Object.entries(m.getParams())) out[`${name}__${k}`] = v;
    }
    return out;
  }

  /** `{ name: 'Pipeline', version: 1, steps: [{ name, model }] }`, each model its own `toJSON()`. */
  toJSON(): SerializedModel {
    return {
      name: 'Pipeline',
      version: PIPELINE_FORMAT_VERSION,
      steps: this.steps.map(([name, m]) => ({ name, model: m.toJSON() })),
    };
  }

  /** Rebuilds a pipeline from `toJSON()` output, each step through `loadModel`. */
  static fromJSON(json: unknown): Pipeline {
    const where = 'Pipeline.fromJSON';
    const o = checkEnvelope(json, 'Pipeline', [PIPELINE_FORMAT_VERSION], where);
    if (!Array.isArray(o.steps) || o.steps.length === 0) {
      throw new TypeError(`${where}: field 'steps' must be a non-empty array, got ${describe(o.steps)}`);
    }
    const steps = o.steps.map((s: unknown, i: number): PipelineStep => {
      const step = readObject({ step: s }, 'step', where, `steps[${i}].`);
      if (typeof step.name !== 'string') throw new TypeError(`${where}: field 'steps[${i}].name' must be a string, got ${describe(step.name)}`);
      return [step.name, loadModel(step.model) as Transformer | Classifier];
    });
    checkSteps(steps, where);
    return new Pipeline(steps);
  }
}

/**
 * Checks a pipeline's steps: named pairs, unique names without '__',
 * transformers, then one classifier.
 * @param where the call, for errors (`Pipeline`, or `Pipeline.fromJSON` for the steps of a file).
 */
function checkSteps(steps: unknown, where: string): asserts steps is PipelineStep[] {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new TypeError(`${where}: argument 'steps' must be a non-empty array of [name, model] pairs, got ${describe(steps)}`);
  }
  const names = new Set<string>();
  steps.forEach((step: unknown, i) => {
    if (!Array.isArray(step) || step.length !== 2 || typeof step[0] !== 'string' || step[0] === '') {
      throw new TypeError(`${where}: step ${i} must be a [name, model] pair with a non-empty name, got ${describe(step)}`);
    }
    if (names.has(step[0])) throw new RangeError(`${where}: step names must be unique, got '${step[0]}' twice`);
    if (step[0].includes('__')) throw new RangeError(`${where}: step names must not contain '__', got '${step[0]}'`);
    names.add(step[0]);
    const last = i === steps.length - 1;
    if (last && !isClassifier(step[1])) {
      throw new TypeError(`${where}: the last step must be a classifier (with fit and predict), got ${describe(step[1])} as '${step[0]}'`);
    }
    if (!last && !isTransformer(step[1])) {
      throw new TypeError(`${where}: every step but the last must be a transformer (with fit and transform), got ${describe(step[1])} as '${step[0]}'`);
    }
  });
}

/** The steps before the classifier, with their names. */
function transformersOf(pipeline: Pipeline): [string, Transformer][] {
  return pipeline.steps.slice(0, -1).map(([n, m]) => [n, m as Transformer]);
}

/**
 * A step's output, checked: a transformer that turns finite input into a
 * non-finite value (an overflow) is named here, rather than the next step
 * reporting the values it was given as if they were the caller's.
 */
function checkStepOutput(out: Matrix, name: string, step: Transformer, where: string): Matrix {
  const d = out.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k])) {
      const i = Math.floor(k / out.cols);
      throw new RangeError(
        `${where}: step '${name}' (${step.constructor.name}) gave a non-finite value (${d[k]} at [${i}][${k - i * out.cols}]) from finite input`,
      );
    }
  }
  return out;
}

/**
 * Fits the transformers of `pipeline` in turn, each on the one before's
 * output, and returns X as the classifier sees it: the first part of `fit`
 * (the threaded fit then fits the classifier on threads).
 */
export function fitTransformers(pipeline: Pipeline, X: FeatureInput, y: LabelInput): Matrix {
  let Xt: Matrix = toMatrix(X, 'Pipeline.fit');
  let last: unknown = null;
  for (const [name, t] of transformersOf(pipeline)) {
    Xt = checkStepOutput(t.fit(Xt, y).transform(Xt), name, t, 'Pipeline.fit');
    last = t;
  }
  // A last step whose output is new (newOutputHook) made it for the classifier alone, which may keep it
  // uncopied (a k-NN does). Another transformer might return its input or a matrix it keeps.
  if (capabilityOf(last, newOutputHook)?.(last as never)) handOver(Xt.data);
  return Xt;
}

/**
 * A pipeline whose step names are the lower-cased class names
 * (`'hog'`, `'kneighborsclassifier'`), as scikit-learn's `make_pipeline`.
 */
export function makePipeline(...models: (Transformer | Classifier)[]): Pipeline {
  const counts = new Map<string, number>();
  const names = models.map((m) => {
    const base = (m as object)?.constructor?.name?.toLowerCase() ?? 'step';
    counts.set(base, (counts.get(base) ?? 0) + 1);
    return base;
  });
  const seen = new Map<string, number>();
  return new Pipeline(
    models.map((m, i) => {
      const base = names[i];
      if (counts.get(base)! === 1) return [base, m];
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      return [`${base}-${k}`, m];
    }),
  );
}

registerModel('Pipeline', Pipeline.fromJSON, { kind: 'composite' });
