/**
 * SVC: a C-support vector classifier with scikit-learn's interface and
 * libsvm's algorithm (see solver.ts), one-vs-one for several classes.
 */
import { Estimator, registerEstimator, type EstimatorSpec } from '../base/estimator.js';
import { paramRule } from '../base/params.js';
import type { Classifier } from '../base/protocol.js';
import { accuracyOf } from '../base/protocol.js';
import { stateField, sum, type StateSchema } from '../base/state.js';
import { Matrix } from '../core/matrix.js';
import { readProgress, type ProgressOptions } from '../core/progress.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { allocateRows } from '../compute/shared-rows.js';
import { svcDecisionValues } from './decision-values.js';
import { svcProbabilities } from './svc-probabilities.js';
import { rowSquaredNorms } from '../compute/dot-products.js';
import { KERNEL_NAMES, type KernelName } from '../compute/kernels.js';
import { ovoVote, ovrFromOvo, trainOneVsOne } from './ovo.js';
import { FLOAT32_MAX, prepareSvcFit, rowBeyondLinearRange, svcState, type SvcSaved, type SvcState } from './svc-fit.js';

/** The parameters of {@link SVC}; every one is optional. */
export interface SVCParams {
  /** Regularisation: the penalty on margin violations. Default 1. */
  C?: number;
  /** `'rbf'` (default) or `'linear'`. */
  kernel?: KernelName;
  /**
   * RBF width: `'scale'` (default) = 1 / (nFeatures · X.var()), `'auto'` =
   * 1 / nFeatures, or a number > 0 — exactly scikit-learn's meaning.
   */
  gamma?: number | 'scale' | 'auto';
  /** Stopping tolerance of the solver. Default 1e-3. */
  tol?: number;
  /** Kernel-row cache per binary problem, in MB. Default 200. */
  cacheSize?: number;
  /** Iteration limit per binary problem; −1 (default) for none. */
  maxIter?: number;
  /** Whether the solver shrinks the active set. Default true. */
  shrinking?: boolean;
  /** `'ovr'` (default): one column per class; `'ovo'`: one column per pair. */
  decisionFunctionShape?: 'ovr' | 'ovo';
  /**
   * Fit probability estimates (default false), as scikit-learn's
   * `probability=True`: a 5-fold cross-validation per pair of classes, about
   * five times the fit's work. Needed by `predictProba`; `predict` stays the vote.
   */
  probability?: boolean;
  /**
   * The seed of those cross-validation folds, as scikit-learn's
   * `random_state`: an integer 0..2^32 − 1 gives scikit-learn's very
   * probabilities; null (default) a different draw each fit.
   */
  randomState?: number | null;
}

export type { SvcSaved } from './svc-fit.js';

type Context = { state: SvcSaved };
const nClasses = (c: Context) => c.state.classes.length;
const nPairs = (c: Context) => (nClasses(c) * (nClasses(c) - 1)) / 2;
const nSV = [(c: Context) => sum(c.state.nSupport), 'the sum of nSupport'] as const;

// Invariants are checked in this order, so that a wrong count of support vectors is told where it shows first.
const SVC_STATE: StateSchema<SvcSaved> = {
  classes: stateField.labels(2),
  nFeatures: stateField.number({ integer: true, ge: 1 }),
  gamma: stateField.number({ gt: 0 }),
  nSupport: stateField.ints({ length: [nClasses, 'one per class'], bounds: { ge: 0 } }),
  // JSON's numbers are read onto shared WebAssembly memory, as a fitted SVC's support vectors, which parallel
  // prediction reads in place. A binary model file's array stays the view into the file it is: a copy would
  // keep the file's buffer alive beside it (the model's other arrays are views into it too).
  supportVectors: stateField.matrix({ rows: nSV, cols: [(c) => c.state.nFeatures, 'nFeatures'], features: true, allocate: allocateRows }),
  dualCoef: stateField.matrix({ rows: [(c) => nClasses(c) - 1, 'nClasses − 1'], cols: nSV }),
  support: stateField.ints({ length: nSV, bounds: { ge: 0 } }),
  rho: stateField.floats({ length: [nPairs, 'one per pair of classes'] }),
  nIter: stateField.ints({ length: [nPairs, 'one per pair of classes'], bounds: { ge: 0 } }),
  fitStatus: stateField.number({ integer: true, ge: 0, le: 1 }),
  probA: stateField.when((p) => p.probability === true, stateField.floats({ length: [nPairs, 'one per pair of classes'] })),
  probB: stateField.when((p) => p.probability === true, stateField.floats({ length: [nPairs, 'one per pair of classes'] })),
};

const SVC_SPEC: EstimatorSpec<SVCParams, SvcSaved> = {
  name: 'SVC',
  version: 1,
  kind: 'classifier',
  params: {
    // The cap keeps decision values (at most nSV · C · |K|) finite.
    C: { rule: paramRule.number({ gt: 0, cap: 1e200 }), default: 1 },
    kernel: { rule: paramRule.choice(KERNEL_NAMES), default: 'rbf' },
    gamma: {
      rule: paramRule.oneOf<number | 'scale' | 'auto'>("'scale', 'auto' or a finite number > 0", paramRule.choice(['scale', 'auto'] as const), paramRule.number({ gt: 0 })),
      default: 'scale',
    },
    tol: { rule: paramRule.number({ gt: 0 }), default: 1e-3 },
    cacheSize: { rule: paramRule.number({ gt: 0 }), default: 200 },
    maxIter: { rule: paramRule.orValue(-1, paramRule.number({ integer: true, ge: 1 }), 'for no limit'), default: -1 },
    shrinking: { rule: paramRule.boolean(), default: true },
    decisionFunctionShape: { rule: paramRule.choice(['ovr', 'ovo'] as const), default: 'ovr' },
    probability: { rule: paramRule.boolean(), default: false },
    randomState: { rule: paramRule.nullable(paramRule.number({ integer: true, ge: 0, le: 2 ** 32 - 1 }), 'for a different draw each fit'), default: null },
  },
  state: SVC_STATE,
  checkState(s, p, where) {
    // libsvm's box constraint: 0 <= alpha <= C, so every dual coefficient (alpha · y) lies in [-C, C].
    const i = s.dualCoef.data.findIndex((v) => Math.abs(v) > p.C);
    if (i >= 0) throw new RangeError(`${where}: field 'state.dualCoef.data[${i}]' must lie in [-C, C] = [-${p.C}, ${p.C}], got ${s.dualCoef.data[i]}`);
    if (p.kernel === 'linear' && rowBeyondLinearRange(s.supportVectors) >= 0) {
      throw new RangeError(`${where}: field 'state.supportVectors' must have rows of squared norm at most ${FLOAT32_MAX.toPrecision(3)} with kernel 'linear', got row ${rowBeyondLinearRange(s.supportVectors)} beyond it`);
    }
  },
};

/**
 * C-support vector classification (RBF or linear kernel).
 *
 * ```ts
 * const clf = new SVC({ gamma: 0.001 }).fit(XTrain, yTrain);
 * const predicted = clf.predict(XTest);
 * ```
 *
 * The constructor only stores parameters (it refuses unknown names, as
 * Python refuses an unknown keyword); `fit` validates them. Learned state
 * (`classes`, `support`, `supportVectors`, `nSupport`, `dualCoef`,
 * `intercept`, `fittedGamma`, `nIter`, `fitStatus`) is readable after `fit`.
 */
export class SVC extends Estimator<SVCParams, SvcState, SvcSaved> implements Classifier {
  /** The class's parameters, format and saved state (see {@link Estimator}). */
  static readonly spec = SVC_SPEC;

  declare readonly C: number;
  declare readonly kernel: KernelName;
  declare readonly gamma: number | 'scale' | 'auto';
  declare readonly tol: number;
  declare readonly cacheSize: number;
  declare readonly maxIter: number;
  declare readonly shrinking: boolean;
  declare readonly decisionFunctionShape: 'ovr' | 'ovo';
  declare readonly probability: boolean;
  declare readonly randomState: number | null;

  /** @throws TypeError when `params` is not an object or names an unknown parameter. */
  constructor(params: SVCParams = {}) {
    super(params);
  }

  /**
   * Trains on X (one sample per row) and integer labels y (at least two classes).
   * `onProgress(done, total)` counts the one-vs-one pairs trained.
   * @returns this
   */
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this {
    const onProgress = readProgress(options, 'SVC.fit');
    const job = prepareSvcFit(this, X, y, 'SVC.fit');
    return this.keepState(svcState(job, trainOneVsOne(job.X, job.yIndex, job.classes.length, job.kernel, { ...job.options, onProgress })));
  }

  /** The predicted class of each row of X, by one-vs-one voting as libsvm. `onProgress(done, total)` counts queries. */
  predict(X: FeatureInput, options?: ProgressOptions): Int32Array {
    const onProgress = readProgress(options, 'SVC.predict');
    const s = this.fitted('predict');
    return ovoVote(svcDecisionValues(s, X, 'SVC.predict', onProgress), s.classes.length).map((c) => s.classes[c]);
  }

  /**
   * Decision values, as scikit-learn computes them: with two classes one
   * column (positive means `classes[1]`); otherwise one column per class
   * (`'ovr'`: votes plus squashed confidences) or per pair (`'ovo'`, pairs
   * (0,1), (0,2), …; positive means the first class of the pair).
   */
  decisionFunction(X: FeatureInput): Matrix {
    const s = this.fitted('decisionFunction');
    const dec = svcDecisionValues(s, X, 'SVC.decisionFunction');
    const k = s.classes.length;
    if (k === 2) {
      for (let i = 0; i < dec.data.length; i++) dec.data[i] = -dec.data[i];
      return dec;
    }
    return this.decisionFunctionShape === 'ovr' ? ovrFromOvo(dec, k) : dec;
  }

  /**
   * Class probabilities, an `nQueries × nClasses` matrix with columns in
   * `classes` order, each row summing to 1: scikit-learn's `predict_proba`
   * (each pair's decision value through its sigmoid, then pairwise coupling).
   * Their argmax may differ from `predict`, which is the one-vs-one vote, as in scikit-learn.
   * @throws TypeError when the SVC was fitted without `probability: true`.
   */
  predictProba(X: FeatureInput): Matrix {
    const s = this.fitted('predictProba');
    if (!s.probA || !s.probB) {
      throw new TypeError(
        "SVC.predictProba: this SVC was fitted without probability estimates; create it with new SVC({ probability: true, randomState: 0 }) (any seed) and fit it again",
      );
    }
    return svcProbabilities(svcDecisionValues(s, X, 'SVC.predictProba'), s.classes.length, s.probA, s.probB);
  }

  /** The natural logarithm of {@link SVC.predictProba}. */
  predictLogProba(X: FeatureInput): Matrix {
    const P = this.predictProba(X);
    for (let i = 0; i < P.data.length; i++) P.data[i] = Math.log(P.data[i]);
    return P;
  }

  /** Mean accuracy of `predict(X)` against y. */
  score(X: FeatureInput, y: LabelInput): number {
    return accuracyOf(this.predict(X), y, 'SVC.score');
  }

  /** The sorted class labels seen at fit. */
  get classes(): Int32Array {
    return this.fitted('classes').classes;
  }
  /** Indices of the support vectors in the training set, grouped by class. */
  get support(): Int32Array {
    return this.fitted('support').support;
  }
  /** The support vectors, one per row, in the order of `support`. */
  get supportVectors(): Matrix {
    return this.fitted('supportVectors').supportVectors;
  }
  /** Number of support vectors per class. */
  get nSupport(): Int32Array {
    return this.fitted('nSupport').nSupport;
  }
  /**
   * (nClasses − 1) × nSV dual coefficients, laid out as scikit-learn's
   * `dual_coef_` (signs flipped for two classes, as scikit-learn does).
   */
  get dualCoef(): Matrix {
    const s = this.fitted('dualCoef');
    if (s.classes.length !== 2) return s.dualCoef;
    return new Matrix(s.dualCoef.rows, s.dualCoef.cols, s.dualCoef.data.map((v) => -v));
  }
  /** One intercept per pair, as scikit-learn's `intercept_` (−ρ; +ρ for two classes). */
  get intercept(): Float64Array {
    const s = this.fitted('intercept');
    return s.rho.map((r) => (s.classes.length === 2 ? r : -r));
  }
  /** The gamma actually used (the number behind `'scale'` or `'auto'`). */
  get fittedGamma(): number {
    return this.fitted('fittedGamma').gamma;
  }
  /** Number of features seen at fit. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').nFeatures;
  }
  /** Solver iterations per one-vs-one pair. */
  get nIter(): Int32Array {
    return this.fitted('nIter').nIter;
  }
  /** 0 when every pair converged, 1 when some pair stopped at `maxIter`. */
  get fitStatus(): number {
    return this.fitted('fitStatus').fitStatus;
  }
  /** Each pair's sigmoid slope A (scikit-learn's `probA_`); empty without `probability`. */
  get probA(): Float64Array {
    return this.fitted('probA').probA ?? new Float64Array(0);
  }
  /** Each pair's sigmoid offset B (scikit-learn's `probB_`); empty without `probability`. */
  get probB(): Float64Array {
    return this.fitted('probB').probB ?? new Float64Array(0);
  }

  protected override restoredState(saved: SvcSaved): SvcState {
    return { ...saved, kernel: { kind: this.kernel, gamma: saved.gamma }, svNorms: rowSquaredNorms(saved.supportVectors) };
  }
}

registerEstimator(SVC);

/**
 * A fitted SVC of four points, used once and kept for good (a few kilobytes), as ovo.ts keeps a
 * solver: V8's optimized code for fitting and predicting is bound to the hidden classes of the
 * objects it handles (the learned state, the kernel matrix's solver, the support vectors' dot-product
 * kernel), which only live instances keep. A full garbage collection with no SVC alive (the benchmark
 * harness makes one before each prediction) threw `ovoValues` and `kernelMatrix` away ("weak objects"
 * in `--trace-deopt`, at every prediction); with it kept, only `ovoValues` is left to V8's warm-up.
 */
function keepPredictShapes(): SVC {
  const X = Matrix.fromArray([[0, 0.5], [0.25, 1], [1, 0.75], [0.5, 0]]);
  const svc = new SVC({ gamma: 0.5 }).fit(X, [0, 0, 1, 1]);
  svc.predict(X);
  return svc;
}
/** Only for its hidden classes (see keepPredictShapes). */
export const keptSvc = keepPredictShapes();
