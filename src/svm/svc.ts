/**
 * SVC: a C-support vector classifier with scikit-learn's interface and
 * libsvm's algorithm (see solver.ts), one-vs-one for several classes.
 */
import { NotFittedError, paramMessage } from '../core/errors.js';
import { accuracyOf, type Classifier } from '../base/protocol.js';
import { Matrix } from '../core/matrix.js';
import { readProgress, type ProgressCallback, type ProgressOptions } from '../core/progress.js';
import {
  checkBoolean,
  checkChoice,
  checkFeatureCount,
  checkNumber,
  toLabels,
  toMatrix,
  uniqueSorted,
  type FeatureInput,
  type LabelInput,
} from '../core/validation.js';
import { readFloats, readInts, readMatrix, readNumber, readObject, matrixToJSON } from '../persistence/fields.js';
import { checkEnvelope, registerModel, type ModelJSON } from '../base/registry.js';
import { rowSquaredNorms, type Kernel } from './kernel-rows.js';
import { ovoVote, ovrFromOvo, trainOneVsOne, type OvoModel, type OvoOptions } from './ovo.js';
import { ovoValues, supportVectorDots, type OvoPredictor } from './decision-values.js';
import { allocateRows } from '../compute/shared-rows.js';

/** The parameters of {@link SVC}; every one is optional. */
export interface SVCParams {
  /** Regularisation: the penalty on margin violations. Default 1. */
  C?: number;
  /** `'rbf'` (default) or `'linear'`. */
  kernel?: 'rbf' | 'linear';
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
}

/** The format version written by `toJSON` (and the only one `fromJSON` reads). */
const SVC_FORMAT_VERSION = 1;

const DEFAULTS: Required<SVCParams> = {
  C: 1,
  kernel: 'rbf',
  gamma: 'scale',
  tol: 1e-3,
  cacheSize: 200,
  maxIter: -1,
  shrinking: true,
  decisionFunctionShape: 'ovr',
};

/** What training needs, checked and resolved by `SVC.prepareFit` (internal). */
export interface SvcFitJob {
  X: Matrix;
  classes: Int32Array;
  yIndex: Int32Array;
  gamma: number;
  kernel: Kernel;
  options: OvoOptions;
}

/** What fit learns. */
interface Fitted extends OvoPredictor {
  classes: Int32Array;
  supportVectors: Matrix;
  nFeatures: number;
  gamma: number;
  support: Int32Array;
  nIter: Int32Array;
  fitStatus: number;
}

/**
 * C-support vector classification (RBF or linear kernel).
 *
 * ```ts
 * const clf = new SVC({ gamma: 0.001 }).fit(XTrain, yTrain);
 * const predicted = clf.predict(XTest);
 * ```
 *
 * The constructor only stores parameters; `fit` validates them. Learned
 * state (`classes`, `support`, `supportVectors`, `nSupport`, `dualCoef`,
 * `intercept`, `fittedGamma`, `nIter`, `fitStatus`) is readable after `fit`.
 */
export class SVC implements Classifier {
  readonly C: number;
  readonly kernel: 'rbf' | 'linear';
  readonly gamma: number | 'scale' | 'auto';
  readonly tol: number;
  readonly cacheSize: number;
  readonly maxIter: number;
  readonly shrinking: boolean;
  readonly decisionFunctionShape: 'ovr' | 'ovo';
  private state: Fitted | null = null;

  constructor(params: SVCParams = {}) {
    const p = { ...DEFAULTS, ...params };
    this.C = p.C;
    this.kernel = p.kernel;
    this.gamma = p.gamma;
    this.tol = p.tol;
    this.cacheSize = p.cacheSize;
    this.maxIter = p.maxIter;
    this.shrinking = p.shrinking;
    this.decisionFunctionShape = p.decisionFunctionShape;
  }

  /** The parameters, as given to (or defaulted by) the constructor. */
  getParams(): Required<SVCParams> {
    return {
      C: this.C,
      kernel: this.kernel,
      gamma: this.gamma,
      tol: this.tol,
      cacheSize: this.cacheSize,
      maxIter: this.maxIter,
      shrinking: this.shrinking,
      decisionFunctionShape: this.decisionFunctionShape,
    };
  }

  /**
   * Trains on X (one sample per row) and integer labels y (at least two classes).
   * @returns this
   */
  fit(X: FeatureInput, y: LabelInput, options?: ProgressOptions): this {
    const onProgress = readProgress(options, 'SVC.fit');
    const job = this.prepareFit(X, y, 'SVC.fit');
    return this.finishFit(job, trainOneVsOne(job.X, job.yIndex, job.classes.length, job.kernel, { ...job.options, onProgress }));
  }

  /**
   * Checks the parameters and the data of a fit and resolves what training
   * needs. Internal: `fit` and the worker-thread fit of `digitkit`'s Node entry use it.
   * @internal
   */
  prepareFit(X: FeatureInput, y: LabelInput, where: string): SvcFitJob {
    this.validateParams(where);
    const Xm = toMatrix(X, where);
    const labels = toLabels(y, where, Xm.rows);
    const classes = uniqueSorted(labels);
    if (classes.length < 2) {
      throw new RangeError(`${where}: argument 'y' must hold at least 2 classes, got 1 class (${classes[0]})`);
    }
    const index = new Map<number, number>();
    classes.forEach((c, i) => index.set(c, i));
    const yIndex = labels.map((v) => index.get(v)!);
    const gamma = this.resolveGamma(Xm);
    const kernel: Kernel = this.kernel === 'rbf' ? { kind: 'rbf', gamma } : { kind: 'linear' };
    const options = {
      C: this.C,
      tol: this.tol,
      cacheBytes: this.cacheSize * 1024 * 1024,
      shrinking: this.shrinking,
      maxIter: this.maxIter === -1 ? Infinity : this.maxIter,
    };
    return { X: Xm, classes, yIndex, gamma, kernel, options };
  }

  /**
   * Keeps a trained one-vs-one model as this SVC's state.
   * @internal
   */
  finishFit(job: SvcFitJob, model: OvoModel): this {
    // On shared WebAssembly memory where possible: parallel prediction then reads them in place.
    const supportVectors = job.X.selectRows(model.support, allocateRows(model.support.length * job.X.cols));
    this.state = {
      classes: job.classes,
      nFeatures: job.X.cols,
      gamma: job.gamma,
      kernel: job.kernel,
      support: model.support,
      supportVectors,
      svNorms: rowSquaredNorms(supportVectors),
      nSupport: model.nSupport,
      dualCoef: model.dualCoef,
      rho: model.rho,
      nIter: model.nIter,
      fitStatus: model.hitMaxIter ? 1 : 0,
    };
    return this;
  }

  /** The predicted class of each row of X, by one-vs-one voting as libsvm. `onProgress(done, total)` counts queries. */
  predict(X: FeatureInput, options?: ProgressOptions): Int32Array {
    const onProgress = readProgress(options, 'SVC.predict');
    return this.predictVotes(X, 'SVC.predict', onProgress).labels;
  }

  /**
   * `predict`'s labels with the one-vs-one votes each winner got (out of
   * nClasses − 1), from one computation of the kernel. Internal: the
   * confidence of `readDigits`.
   * @internal
   */
  predictVotes(X: FeatureInput, where = 'SVC.predict', onProgress?: ProgressCallback): { labels: Int32Array; votes: Int32Array } {
    const s = this.fitted(where.slice(where.indexOf('.') + 1));
    const dec = this.ovoValues(X, where, onProgress);
    const votes = new Int32Array(dec.rows);
    const labels = ovoVote(dec, s.classes.length, votes).map((c) => s.classes[c]);
    return { labels, votes };
  }

  /**
   * Decision values, as scikit-learn computes them: with two classes one
   * column (positive means `classes[1]`); otherwise one column per class
   * (`'ovr'`: votes plus squashed confidences) or per pair (`'ovo'`, pairs
   * (0,1), (0,2), …; positive means the first class of the pair).
   */
  decisionFunction(X: FeatureInput): Matrix {
    const s = this.fitted('decisionFunction');
    const dec = this.ovoValues(X, 'SVC.decisionFunction');
    const k = s.classes.length;
    if (k === 2) {
      for (let i = 0; i < dec.data.length; i++) dec.data[i] = -dec.data[i];
      return dec;
    }
    return this.decisionFunctionShape === 'ovr' ? ovrFromOvo(dec, k) : dec;
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

  /**
   * The model as a plain JSON-safe object (`{ name: 'SVC', version: 1, params, state }`,
   * `state` null before fit). `SVC.fromJSON` or `loadModel` rebuild it; the
   * round trip through `JSON.stringify` gives identical predictions.
   */
  toJSON(): ModelJSON {
    const s = this.state;
    return {
      name: 'SVC',
      version: SVC_FORMAT_VERSION,
      params: this.getParams(),
      state: s && {
        classes: Array.from(s.classes),
        nFeatures: s.nFeatures,
        gamma: s.gamma,
        support: Array.from(s.support),
        supportVectors: matrixToJSON(s.supportVectors),
        nSupport: Array.from(s.nSupport),
        dualCoef: matrixToJSON(s.dualCoef),
        rho: Array.from(s.rho),
        nIter: Array.from(s.nIter),
        fitStatus: s.fitStatus,
      },
    };
  }

  /**
   * Rebuilds an SVC from `toJSON()` output.
   * @throws TypeError / RangeError naming the field when the object is not an SVC model,
   *   has another format version, or a field is missing, malformed or inconsistent.
   */
  static fromJSON(json: unknown): SVC {
    const where = 'SVC.fromJSON';
    const o = checkEnvelope(json, 'SVC', [SVC_FORMAT_VERSION], where);
    const svc = new SVC(readObject(o, 'params', where) as SVCParams);
    svc.validateParams(where);
    if (o.state === null) return svc;
    const st = readObject(o, 'state', where);
    const p = 'state.';
    const classes = readInts(st, 'classes', where, undefined, p);
    const k = classes.length;
    if (k < 2) throw new RangeError(`${where}: field 'state.classes' must hold at least 2 classes, got ${k}`);
    const nSupport = readInts(st, 'nSupport', where, k, p);
    const nSV = nSupport.reduce((a, b) => a + b, 0);
    const nFeatures = readNumber(st, 'nFeatures', where, p);
    // JSON's numbers are read onto shared WebAssembly memory, as a fitted SVC's support vectors, which parallel
    // prediction reads in place. A binary model file's array stays the view into the file it is: a copy would
    // keep the file's buffer alive beside it (the model's other arrays are views into it too).
    const supportVectors = readMatrix(st, 'supportVectors', where, p, allocateRows);
    const dualCoef = readMatrix(st, 'dualCoef', where, p);
    const nPairs = (k * (k - 1)) / 2;
    if (supportVectors.rows !== nSV || supportVectors.cols !== nFeatures) {
      throw new RangeError(`${where}: field 'state.supportVectors' must be ${nSV}×${nFeatures} (sum of nSupport × nFeatures), got ${supportVectors.rows}×${supportVectors.cols}`);
    }
    if (dualCoef.rows !== k - 1 || dualCoef.cols !== nSV) {
      throw new RangeError(`${where}: field 'state.dualCoef' must be ${k - 1}×${nSV}, got ${dualCoef.rows}×${dualCoef.cols}`);
    }
    const gamma = readNumber(st, 'gamma', where, p);
    svc.state = {
      classes,
      nFeatures,
      gamma,
      kernel: svc.kernel === 'rbf' ? { kind: 'rbf', gamma } : { kind: 'linear' },
      support: readInts(st, 'support', where, nSV, p),
      supportVectors,
      svNorms: rowSquaredNorms(supportVectors),
      nSupport,
      dualCoef,
      rho: readFloats(st, 'rho', where, nPairs, p),
      nIter: readInts(st, 'nIter', where, nPairs, p),
      fitStatus: readNumber(st, 'fitStatus', where, p),
    };
    return svc;
  }

  /**
   * X as a checked matrix of this model's feature count (`where` names the
   * call in errors). Internal: prediction, and the worker-thread prediction
   * of `digitkit`'s Node entry before it starts any thread.
   * @internal
   */
  checkQueries(X: FeatureInput, where: string): Matrix {
    const s = this.fitted(where.slice(where.indexOf('.') + 1));
    const Xm = toMatrix(X, where);
    checkFeatureCount(Xm, s.nFeatures, where);
    return Xm;
  }

  /**
   * What prediction needs, for the worker threads of `digitkit`'s Node entry.
   * @internal
   */
  predictor(where: string): OvoPredictor & { classes: Int32Array; supportVectors: Matrix } {
    return this.fitted(where.slice(where.indexOf('.') + 1));
  }

  private ovoValues(X: FeatureInput, where: string, onProgress?: ProgressCallback): Matrix {
    const s = this.state!;
    return ovoValues(s, this.checkQueries(X, where), supportVectorDots(s.supportVectors), onProgress);
  }

  private fitted(what: string): Fitted {
    if (!this.state) {
      throw new NotFittedError(`SVC.${what}: this SVC is not fitted yet; call fit(X, y) first`);
    }
    return this.state;
  }

  private validateParams(where: string): void {
    checkNumber(this.C, where, 'C', { gt: 0 });
    checkChoice(this.kernel, where, 'kernel', ['rbf', 'linear'] as const);
    if (typeof this.gamma === 'string') {
      checkChoice(this.gamma, where, 'gamma', ['scale', 'auto'] as const);
    } else if (typeof this.gamma === 'number') {
      checkNumber(this.gamma, where, 'gamma', { gt: 0 });
    } else {
      throw new TypeError(paramMessage(where, 'gamma', "'scale', 'auto' or a finite number > 0", this.gamma));
    }
    checkNumber(this.tol, where, 'tol', { gt: 0 });
    checkNumber(this.cacheSize, where, 'cacheSize', { gt: 0 });
    if (this.maxIter !== -1) checkNumber(this.maxIter, where, 'maxIter', { integer: true, ge: 1 });
    checkBoolean(this.shrinking, where, 'shrinking');
    checkChoice(this.decisionFunctionShape, where, 'decisionFunctionShape', ['ovr', 'ovo'] as const);
  }

  private resolveGamma(X: Matrix): number {
    if (typeof this.gamma === 'number') return this.gamma;
    if (this.gamma === 'auto') return 1 / X.cols;
    // 'scale': 1 / (nFeatures · variance of all values of X); 1 when X is constant.
    const n = X.data.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X.data[i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X.data[i] - mean) ** 2;
    v /= n;
    return v === 0 ? 1 : 1 / (X.cols * v);
  }
}

registerModel('SVC', SVC.fromJSON);

