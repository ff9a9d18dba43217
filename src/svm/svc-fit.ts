/**
 * The two ends of an SVC's fit, shared by `SVC.fit` and the threaded fit
 * (threads.ts): checking the parameters and the data and resolving what
 * training needs, then turning the trained one-vs-one model into the SVC's state.
 */
import { validateParams } from '../base/estimator.js';
import type { Matrix } from '../core/matrix.js';
import { toLabels, toMatrix, uniqueSorted, type FeatureInput, type LabelInput } from '../core/validation.js';
import { allocateRows } from '../compute/shared-rows.js';
import { rowSquaredNorms } from '../compute/dot-products.js';
import type { Kernel } from '../compute/kernels.js';
import type { OvoModel, OvoOptions } from './ovo.js';
import type { OvoPredictor } from './decision-values.js';
import { libsvmSeed } from './libsvm-random.js';
import type { SVC } from './svc.js';

/** What training needs, checked and resolved. */
export interface SvcFitJob {
  X: Matrix;
  classes: Int32Array;
  yIndex: Int32Array;
  gamma: number;
  kernel: Kernel;
  options: OvoOptions;
}

/** What an SVC saves: what it learns, but for what loading derives again (the kernel and the support vectors' norms). */
export interface SvcSaved {
  classes: Int32Array;
  nFeatures: number;
  /** The gamma used (the number behind 'scale' or 'auto'). */
  gamma: number;
  nSupport: Int32Array;
  supportVectors: Matrix;
  dualCoef: Matrix;
  support: Int32Array;
  rho: Float64Array;
  nIter: Int32Array;
  fitStatus: number;
  /** Each pair's probability sigmoid, with `probability: true` (else absent). */
  probA?: Float64Array;
  probB?: Float64Array;
}

/** What an SVC learns: what it saves, and what prediction reads. */
export interface SvcState extends SvcSaved, OvoPredictor {}

/**
 * Checks the parameters of `svc` and the data of a fit, and resolves what
 * training needs (gamma, the kernel, the solver's options).
 * @throws TypeError / RangeError for a bad parameter or bad data, or fewer than 2 classes.
 */
export function prepareSvcFit(svc: SVC, X: FeatureInput, y: LabelInput, where: string): SvcFitJob {
  validateParams(svc, where);
  const Xm = toMatrix(X, where);
  const labels = toLabels(y, where, Xm.rows);
  const classes = uniqueSorted(labels);
  if (classes.length < 2) {
    throw new RangeError(`${where}: argument 'y' must hold at least 2 classes, got 1 class (${classes[0]})`);
  }
  const index = new Map<number, number>();
  classes.forEach((c, i) => index.set(c, i));
  const yIndex = labels.map((v) => index.get(v)!);
  const gamma = resolveGamma(svc.gamma, Xm);
  const kernel: Kernel = { kind: svc.kernel, gamma };
  if (kernel.kind === 'linear') checkLinearRange(Xm, where);
  const options = {
    C: svc.C,
    tol: svc.tol,
    cacheBytes: svc.cacheSize * 1024 * 1024,
    shrinking: svc.shrinking,
    maxIter: svc.maxIter === -1 ? Infinity : svc.maxIter,
    // scikit-learn draws libsvm's seed from random_state; without one, from any state (not reproducible, as there).
    probabilitySeed: svc.probability ? libsvmSeed(svc.randomState ?? Math.floor(Math.random() * 2 ** 32)) : undefined,
  };
  return { X: Xm, classes, yIndex, gamma, kernel, options };
}

/** The state of an SVC trained as `job` says into `model`. */
export function svcState(job: SvcFitJob, model: OvoModel): SvcState {
  // On shared WebAssembly memory where possible: parallel prediction then reads them in place.
  const supportVectors = job.X.selectRows(model.support, allocateRows(model.support.length * job.X.cols));
  return {
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
    ...(model.probA && model.probB ? { probA: model.probA, probB: model.probB } : {}),
  };
}

/** The largest float32: the kernel rows of training are float32, as libsvm's. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The linear kernel's values are dot products, and the kernel rows of training
 * hold them as float32 (RBF values lie in 0..1): a row whose squared norm is
 * beyond float32's range would overflow them to Infinity and break the solver.
 * Queries are held to the same range, so that decision values stay finite.
 * @returns the index of the first row beyond it, or -1.
 */
export function rowBeyondLinearRange(X: { data: Float64Array; rows: number; cols: number }): number {
  const norms = rowSquaredNorms(X);
  return norms.findIndex((v) => v > FLOAT32_MAX);
}

/** Throws unless every row of X has a squared norm within the linear kernel's range (see {@link rowBeyondLinearRange}). */
export function checkLinearRange(X: Matrix, where: string, name = 'X'): void {
  const i = rowBeyondLinearRange(X);
  if (i >= 0) {
    throw new RangeError(
      `${where}: argument '${name}' must have rows of squared norm at most ${FLOAT32_MAX.toPrecision(3)} with kernel 'linear' ` +
        `(its kernel values are kept as float32), got ${rowSquaredNorms(X)[i].toPrecision(3)} at row ${i}; scale it down`,
    );
  }
}

/** The gamma behind `'scale'` (1 / (nFeatures · X.var()), 1 for a constant X), `'auto'` (1 / nFeatures) or a number. */
function resolveGamma(gamma: number | 'scale' | 'auto', X: Matrix): number {
  if (typeof gamma === 'number') return gamma;
  if (gamma === 'auto') return 1 / X.cols;
  const n = X.data.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += X.data[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (X.data[i] - mean) ** 2;
  v /= n;
  return v === 0 ? 1 : 1 / (X.cols * v);
}
