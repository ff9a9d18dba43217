/**
 * PCA as an estimator-style transformer, with scikit-learn 1.2's semantics
 * for `PCA(svd_solver='full')`: the same parameters (`n_components` as
 * `nComponents`, `whiten`), the same fitted attributes and signs, the same
 * `transform` and `inverse_transform`. The algorithm is in pca-fit.ts (see
 * docs/pca.md); this file holds the parameters, the checks, the saved state
 * and the projections.
 */
import { Estimator, registerEstimator, type EstimatorSpec } from '../base/estimator.js';
import { paramRule, type ParamRule } from '../base/params.js';
import type { Transformer } from '../base/protocol.js';
import { stateField, type StateSchema } from '../base/state.js';
import type { DotBlockKernel } from '../compute/wasm/dot-block-kernel.js';
import { Matrix } from '../core/matrix.js';
import { checkFeatureCount, MAGNITUDE_WHY, MAX_MAGNITUDE, toMatrix, type FeatureInput, type LabelInput } from '../core/validation.js';
import { fitPca, type PcaState } from './pca-fit.js';
import { projectionKernel, projectRows } from './pca-project.js';

/** The parameters of {@link PCA}. */
export interface PCAParams {
  /**
   * How many components to keep: an integer in 1..min(nSamples, nFeatures);
   * a fraction in (0, 1), to keep the fewest components whose explained
   * variance exceeds that share of the total; or null (the default) for
   * min(nSamples, nFeatures). scikit-learn's `n_components`.
   */
  nComponents?: number | null;
  /**
   * Whether `transform` divides each component by its standard deviation, so
   * that the outputs have unit variance over the training rows (default false).
   */
  whiten?: boolean;
}

/** {@link PCA.getParams}: every parameter, defaults filled in. */
export type PCAResolvedParams = { nComponents: number | null; whiten: boolean };

/** An integer >= 1, or a fraction strictly between 0 and 1. */
const countOrFraction: ParamRule<number> = {
  expected: 'an integer >= 1 (a number of components) or a number in (0, 1) (a fraction of the variance to keep)',
  check: (v) => {
    if (typeof v !== 'number') return 'type';
    if (Number.isInteger(v) && v >= 1) return null;
    return v > 0 && v < 1 ? null : 'range';
  },
};

/**
 * How far a saved component's norm may be from 1. A model file saved at
 * float16 rounds each value to 11 significant bits (relative error ≤ 2⁻¹¹), which
 * moves a unit row's norm by less than 1e-3; a tampered or damaged row (scaled,
 * zeroed, another vector) is off by much more.
 */
const UNIT_TOLERANCE = 1e-2;

/**
 * Whether each saved explained variance agrees with its singular value
 * (s² / (n − 1)): they are computed from one eigenvalue and agree to a few
 * ulps; 1e-6 leaves room for any rounding and still catches an edited value.
 */
const VARIANCE_TOLERANCE = 1e-6;

/**
 * The largest min(nSamples, nFeatures) a fit takes. Its matrix holds side² float64
 * values (512 MB at 8,192) and the QR rotations recorded about 0.65·side² pairs
 * (700 MB); the reduction's work grows as side³: 6.5 s at 2,025, so about 7
 * minutes at 8,192. Beyond, an error says so rather than an allocation failure
 * or hours of work.
 */
const MAX_SIDE = 8192;

const rowsOf = (c: { state: PcaState }) => c.state.components.rows;

const PCA_STATE: StateSchema<PcaState> = {
  nSamples: stateField.number({ integer: true, ge: 2 }),
  mean: stateField.floats({ length: [(c) => c.state.components.cols, 'one per feature, as the columns of state.components'] }),
  components: stateField.matrix({ minRows: [() => 1, 'at least one component'] }),
  explainedVariance: stateField.floats({ length: [rowsOf, 'one per component'] }),
  explainedVarianceRatio: stateField.floats({ length: [rowsOf, 'one per component'] }),
  singularValues: stateField.floats({ length: [rowsOf, 'one per component'] }),
  noiseVariance: stateField.number({ ge: 0 }),
};

function stateFail(where: string, field: string, expected: string, got: string): never {
  throw new RangeError(`${where}: field 'state.${field}' must be ${expected}, got ${got}`);
}

/**
 * The invariants between saved fields (and the parameters) that each field's
 * own rule cannot say: the number of components the parameters allow, unit
 * components, variances ≥ 0 and decreasing, consistent with the singular
 * values, ratios that are shares, and a noise variance no larger than the
 * smallest kept variance.
 */
function checkPcaState(s: PcaState, p: Required<PCAParams>, where: string): void {
  const k = s.components.rows;
  const d = s.components.cols;
  const limit = Math.min(s.nSamples, d);
  // The mean of rows that fit takes is within their bounds; beyond, transform could overflow to ±Infinity.
  for (let j = 0; j < d; j++) {
    if (Math.abs(s.mean[j]) > MAX_MAGNITUDE) stateFail(where, `mean[${j}]`, `within ±${MAX_MAGNITUDE} (${MAGNITUDE_WHY})`, `${s.mean[j]}`);
  }
  if (k > limit) stateFail(where, 'components', `at most min(nSamples, nFeatures) = ${limit} rows`, `${k}`);
  if (p.nComponents !== null && p.nComponents >= 1 && k !== p.nComponents) {
    stateFail(where, 'components', `${p.nComponents} rows (parameter nComponents)`, `${k}`);
  }
  if (p.nComponents === null && k !== limit) stateFail(where, 'components', `min(nSamples, nFeatures) = ${limit} rows (parameter nComponents null)`, `${k}`);
  // Norms only: checking orthogonality too would cost k²·d/2 multiplications at
  // every load (4·10⁹ for 2,025 components of 2,025 features, seconds).
  for (let r = 0; r < k; r++) {
    let ss = 0;
    for (let j = r * d; j < (r + 1) * d; j++) ss += s.components.data[j] * s.components.data[j];
    const norm = Math.sqrt(ss);
    if (!(Math.abs(norm - 1) <= UNIT_TOLERANCE)) stateFail(where, 'components', `unit rows (within ${UNIT_TOLERANCE})`, `row ${r} of norm ${norm}`);
  }
  let ratioSum = 0;
  for (let r = 0; r < k; r++) {
    const v = s.explainedVariance[r];
    if (!(v >= 0)) stateFail(where, `explainedVariance[${r}]`, 'a finite number >= 0', `${v}`);
    if (r > 0 && v > s.explainedVariance[r - 1]) stateFail(where, `explainedVariance[${r}]`, `at most the one before (${s.explainedVariance[r - 1]}): decreasing`, `${v}`);
    const sv = s.singularValues[r];
    if (!(sv >= 0)) stateFail(where, `singularValues[${r}]`, 'a finite number >= 0', `${sv}`);
    const fromSingular = (sv * sv) / (s.nSamples - 1);
    if (!(Math.abs(fromSingular - v) <= VARIANCE_TOLERANCE * Math.max(v, fromSingular))) {
      stateFail(where, `explainedVariance[${r}]`, `singularValues[${r}]² / (nSamples − 1) = ${fromSingular}`, `${v}`);
    }
    const ratio = s.explainedVarianceRatio[r];
    if (!(ratio >= 0 && ratio <= 1)) stateFail(where, `explainedVarianceRatio[${r}]`, 'a number in [0, 1]', `${ratio}`);
    ratioSum += ratio;
  }
  if (ratioSum > 1 + 1e-9) stateFail(where, 'explainedVarianceRatio', 'shares of the variance summing to at most 1', `a sum of ${ratioSum}`);
  if (k === limit && s.noiseVariance !== 0) stateFail(where, 'noiseVariance', '0 when every component is kept', `${s.noiseVariance}`);
  const smallest = s.explainedVariance[k - 1];
  if (s.noiseVariance > smallest * (1 + 1e-9)) {
    stateFail(where, 'noiseVariance', `at most the smallest kept variance (${smallest}): the mean of the variances left out`, `${s.noiseVariance}`);
  }
}

const PCA_SPEC: EstimatorSpec<PCAParams, PcaState> = {
  name: 'PCA',
  version: 1,
  kind: 'transformer',
  params: {
    nComponents: { rule: paramRule.nullable(countOrFraction, 'for min(nSamples, nFeatures)'), default: null },
    whiten: { rule: paramRule.boolean(), default: false },
  },
  state: PCA_STATE,
  checkState: checkPcaState,
};

// The WebAssembly projection kernel of a fitted state (a copy of its axes in
// WebAssembly memory), made at the first transform and kept: making it costs a
// module instance and 4 MB of memory, too much to pay per call when a reader
// transforms one digit at a time.
const kernels = new WeakMap<PcaState, DotBlockKernel | null>();

function kernelOf(s: PcaState): DotBlockKernel | null {
  let k = kernels.get(s);
  if (k === undefined) {
    k = projectionKernel(s.components.data, s.components.rows, s.components.cols);
    kernels.set(s, k);
  }
  return k;
}

/**
 * Principal component analysis: a linear map of feature rows onto the
 * directions of largest variance of the training rows, computed exactly as
 * scikit-learn's `PCA(svd_solver='full')` is (same components and signs,
 * variances, `transform`, `inverseTransform`, whitening); see docs/pca.md.
 *
 * `fit` centres the rows and finds the principal axes from the
 * eigen-decomposition of the smaller of the scatter matrix (d × d) and the Gram
 * matrix (n × n); `transform` projects centred rows onto the kept axes.
 *
 * It works as a pipeline step, for example to shrink HOG features before an SVC.
 *
 * @example
 * ```ts
 * const pca = new PCA({ nComponents: 0.95 }).fit(features); // 95% of the variance
 * const reduced = pca.transform(features); // pca.fittedNComponents columns
 * const model = makePipeline(new HOG(), new PCA({ nComponents: 100 }), new SVC({ gamma: 'scale' }));
 * ```
 */
export class PCA extends Estimator<PCAParams, PcaState> implements Transformer {
  /** The class's parameters, format and saved state (see `Estimator`). */
  static readonly spec = PCA_SPEC;

  /** The number of components as given: an integer, a fraction of the variance, or null (see {@link PCAParams}). */
  declare readonly nComponents: number | null;
  /** Whether `transform` whitens (see {@link PCAParams}). */
  declare readonly whiten: boolean;

  /**
   * Stores the parameters (checked at `fit`).
   * @throws TypeError when `params` is not an object or names an unknown parameter.
   */
  constructor(params: PCAParams = {}) {
    super(params);
  }

  /** The parameters, as given to the constructor with defaults filled in. */
  override getParams(): PCAResolvedParams {
    return super.getParams() as PCAResolvedParams;
  }

  /**
   * Learns the mean and the principal axes of the rows of `X`.
   * @param X at least 2 rows of finite numbers.
   * @param _y ignored (for pipelines).
   * @returns this.
   * @throws TypeError / RangeError for a bad parameter or bad input: NaN or ±Infinity, fewer than 2 rows,
   *   an integer `nComponents` above min(nSamples, nFeatures).
   */
  fit(X: FeatureInput, _y?: LabelInput): this {
    const where = 'PCA.fit';
    this.checkParams(where);
    const m = toMatrix(X, where);
    if (m.rows < 2) {
      throw new RangeError(`${where}: argument 'X' must have at least 2 samples (variances are divided by nSamples − 1), got ${m.rows} row`);
    }
    const limit = Math.min(m.rows, m.cols);
    if (limit > MAX_SIDE) {
      throw new RangeError(
        `${where}: argument 'X' must have at most ${MAX_SIDE} samples or at most ${MAX_SIDE} features ` +
          `(PCA decomposes a min(nSamples, nFeatures)-sided matrix), got ${m.rows} samples of ${m.cols} features`,
      );
    }
    const k = this.nComponents;
    if (k !== null && k >= 1 && k > limit) {
      throw new RangeError(
        `${where}: parameter 'nComponents' must be at most min(nSamples, nFeatures) = ${limit} (X has ${m.rows} samples of ${m.cols} features), got ${k}`,
      );
    }
    return this.keepState(fitPca(m, k));
  }

  /**
   * The rows of `X` projected on the components: (x − mean)·componentsᵀ,
   * divided by √explainedVariance when `whiten` is set (a component of zero
   * variance then gives 0, where scikit-learn divides by zero).
   * @throws NotFittedError before `fit`; RangeError for NaN / ±Infinity or a feature count other than at fit.
   */
  transform(X: FeatureInput): Matrix {
    const where = 'PCA.transform';
    const s = this.fitted('transform');
    const m = toMatrix(X, where);
    checkFeatureCount(m, s.components.cols, where);
    const k = s.components.rows;
    const out = new Matrix(m.rows, k);
    projectRows(m, s.mean, s.components.data, k, (p, rows, first) => out.data.set(p.subarray(0, rows * k), first * k), kernelOf(s));
    if (this.whiten) {
      const inv = s.explainedVariance.map((v) => (v > 0 ? 1 / Math.sqrt(v) : 0));
      for (let i = 0; i < out.data.length; i += k) for (let r = 0; r < k; r++) out.data[i + r] *= inv[r];
    }
    return out;
  }

  /**
   * `fit(X)` then `transform(X)`.
   * @throws as `fit` and `transform` do.
   */
  fitTransform(X: FeatureInput, y?: LabelInput): Matrix {
    const m = toMatrix(X, 'PCA.fitTransform');
    return this.fit(m, y).transform(m);
  }

  /**
   * Rows back in feature space from their components: mean + y·components
   * (y scaled back by √explainedVariance first when `whiten` is set), as
   * scikit-learn's `inverse_transform`. Exact for rows of the training span
   * when every component is kept; otherwise the closest such row.
   * @param Y one row of `fittedNComponents` values per sample.
   * @throws NotFittedError before `fit`; RangeError for NaN / ±Infinity or a column count other than `fittedNComponents`.
   */
  inverseTransform(Y: FeatureInput): Matrix {
    const where = 'PCA.inverseTransform';
    const s = this.fitted('inverseTransform');
    const m = toMatrix(Y, where, 'Y');
    const k = s.components.rows;
    const d = s.components.cols;
    if (m.cols !== k) throw new RangeError(`${where}: argument 'Y' must have ${k} values per sample (one per component), got ${m.cols}`);
    const scale = this.whiten ? s.explainedVariance.map(Math.sqrt) : new Float64Array(k).fill(1);
    const c = s.components.data;
    const out = new Matrix(m.rows, d);
    for (let i = 0; i < m.rows; i++) {
      const o = i * d;
      out.data.set(s.mean, o);
      for (let r = 0; r < k; r++) {
        const w = m.data[i * k + r] * scale[r];
        if (w === 0) continue;
        for (let j = 0, q = r * d; j < d; j++) out.data[o + j] += w * c[q + j];
      }
    }
    return out;
  }

  /** The principal axes, `fittedNComponents × nFeaturesIn`: unit rows by decreasing variance (scikit-learn's `components_`, with its signs). */
  get components(): Matrix {
    const c = this.fitted('components').components;
    return new Matrix(c.rows, c.cols, c.data.slice());
  }

  /** Each component's variance over the training rows, divided by nSamples − 1 (`explained_variance_`). */
  get explainedVariance(): Float64Array {
    return this.fitted('explainedVariance').explainedVariance.slice();
  }

  /**
   * Each component's share of the total variance (`explained_variance_ratio_`);
   * 0 for data of no variance at all, where scikit-learn's 0/0 gives NaN.
   */
  get explainedVarianceRatio(): Float64Array {
    return this.fitted('explainedVarianceRatio').explainedVarianceRatio.slice();
  }

  /** The singular values of the centred training rows, one per component (`singular_values_`). */
  get singularValues(): Float64Array {
    return this.fitted('singularValues').singularValues.slice();
  }

  /** The per-feature mean of the training rows (`mean_`). */
  get mean(): Float64Array {
    return this.fitted('mean').mean.slice();
  }

  /**
   * The mean variance of the components left out, probabilistic PCA's noise
   * (`noise_variance_`): 0 when min(nSamples, nFeatures) components are kept.
   */
  get noiseVariance(): number {
    return this.fitted('noiseVariance').noiseVariance;
  }

  /** The number of components kept (scikit-learn's `n_components_`; the parameter `nComponents` is left as given). */
  get fittedNComponents(): number {
    return this.fitted('fittedNComponents').components.rows;
  }

  /** Features per input row, learnt at fit. */
  get nFeaturesIn(): number {
    return this.fitted('nFeaturesIn').components.cols;
  }

  /** Values per output row: {@link PCA.fittedNComponents}. */
  get nFeaturesOut(): number {
    return this.fitted('nFeaturesOut').components.rows;
  }

  /** The number of training rows (`n_samples_`). */
  get nSamples(): number {
    return this.fitted('nSamples').nSamples;
  }
}

registerEstimator(PCA);
