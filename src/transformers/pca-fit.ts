/**
 * What PCA learns, computed exactly (scikit-learn's `svd_solver='full'`):
 * the mean, the principal axes with scikit-learn's signs, their variances,
 * and the number of components a fraction of variance asks for.
 *
 * scikit-learn takes the SVD of the centred data Xc (n × d). Here the same
 * axes come from the eigen-decomposition of a min(n, d)-sided symmetric
 * matrix, so that memory stays O(min(n, d)²) beyond X itself:
 *
 * - n ≥ d: the scatter matrix XcᵀXc (d × d), whose eigenvectors are the axes;
 * - n < d: the Gram matrix XcXcᵀ (n × n), whose eigenvectors are the columns
 *   of U, the axes being Xcᵀu / ‖Xcᵀu‖.
 *
 * Either way the eigenvalues are the squared singular values. Xc is scaled
 * by a power of two first (exact), so that neither matrix overflows nor
 * underflows for any input `toMatrix` accepts (values up to ±1e150).
 */
import { createGramBlock } from '../compute/gram-block.js';
import { symmetricEigen } from '../compute/symmetric-eigen.js';
import { Matrix } from '../core/matrix.js';
import { projectRows } from './pca-project.js';

/** What a fitted PCA holds (and saves). */
export interface PcaState {
  /** Samples seen at fit. */
  nSamples: number;
  /** The per-feature mean of the training rows. */
  mean: Float64Array;
  /** nComponents × nFeatures, unit rows by decreasing variance. */
  components: Matrix;
  /** Each component's variance over the training rows (divided by n − 1). */
  explainedVariance: Float64Array;
  /** Each component's share of the total variance. */
  explainedVarianceRatio: Float64Array;
  /** The singular values of the centred training rows, one per component. */
  singularValues: Float64Array;
  /** The mean variance of the components left out (0 when none is). */
  noiseVariance: number;
}

/**
 * Fits PCA to the rows of X (at least 2 of them).
 * @param nComponents an integer in 1..min(n, d), a fraction in (0, 1) of the variance to keep, or null for min(n, d).
 */
export function fitPca(X: Matrix, nComponents: number | null): PcaState {
  const n = X.rows;
  const d = X.cols;
  const limit = Math.min(n, d);
  const { mean, maxDeviation } = meanAndSpread(X);
  // A power of two, so that scaling is exact: the largest centred value becomes 0.5..1.
  const exponent = maxDeviation > 0 ? Math.max(-1022, Math.ceil(Math.log2(maxDeviation))) : 0;
  const scale = 2 ** -exponent;
  let keep = 0;
  let total = 0;
  // Sets `keep` from the eigenvalues (the squared singular values of the scaled Xc), as scikit-learn does.
  const choose = (values: Float64Array): number => {
    // Eigenvalues within the solver's backward error (limit·ε·λ_max) are rounding, not
    // variance: a zero singular value comes out as about 1e-8·σ_max from the scatter matrix
    // (σ is the root of a rounded eigenvalue), where scikit-learn's SVD gives 1e-16·σ_max.
    // They are set to 0, so that whitening does not divide by rounding either.
    const floor = limit * 2 ** -52 * Math.max(0, values[0]);
    for (let i = 0; i < limit; i++) if (values[i] <= floor) values[i] = 0;
    total = 0;
    for (let i = 0; i < limit; i++) total += Math.max(0, values[i]);
    keep = componentsToKeep(values, limit, total, nComponents);
    return keep;
  };
  const scatter = n >= d;
  const matrix = scatter ? scatterMatrix(X, mean, scale) : gramMatrix(X, mean, scale);
  const eig = symmetricEigen(matrix, limit, choose);
  const components = scatter ? eig.vectors : axesFromGram(X, mean, scale, eig.vectors, keep);
  const signs = scatter ? projectionSigns(X, mean, components, keep) : rowSigns(eig.vectors, keep, n);
  for (let r = 0; r < keep; r++) {
    if (signs[r] < 0) for (let j = r * d; j < (r + 1) * d; j++) components[j] = -components[j];
  }
  // Back from the scaled data: eigenvalues times 2^(2·exponent), singular values times 2^exponent (exact).
  const unscale = 2 ** exponent;
  const toVariance = (v: number) => (Math.max(0, v) / (n - 1)) * unscale * unscale;
  const explainedVariance = new Float64Array(keep);
  const explainedVarianceRatio = new Float64Array(keep);
  const singularValues = new Float64Array(keep);
  for (let r = 0; r < keep; r++) {
    const v = Math.max(0, eig.values[r]);
    explainedVariance[r] = toVariance(v);
    // scikit-learn's ratio is 0/0 = NaN for constant data; 0 here, so that the model stays finite.
    explainedVarianceRatio[r] = total > 0 ? v / total : 0;
    singularValues[r] = Math.sqrt(v) * unscale;
  }
  let noise = 0;
  for (let i = keep; i < limit; i++) noise += Math.max(0, eig.values[i]);
  const noiseVariance = keep < limit ? toVariance(noise / (limit - keep)) : 0;
  return { nSamples: n, mean, components: new Matrix(keep, d, components), explainedVariance, explainedVarianceRatio, singularValues, noiseVariance };
}

/**
 * The number of components: `nComponents` itself, min(n, d) for null, or for
 * a fraction the fewest whose cumulative explained-variance ratio exceeds it
 * (scikit-learn's `searchsorted(cumsum, f, side='right') + 1`, the ratios
 * summed in order as its `stable_cumsum` does).
 */
function componentsToKeep(values: Float64Array, limit: number, total: number, nComponents: number | null): number {
  if (nComponents === null) return limit;
  if (nComponents >= 1) return nComponents;
  // No variance at all: no count of components reaches the fraction; one is kept (scikit-learn's NaN ratios give 1 too).
  if (!(total > 0)) return 1;
  let cumulative = 0;
  for (let i = 0; i < limit; i++) {
    cumulative += Math.max(0, values[i]) / total;
    if (cumulative > nComponents) return i + 1;
  }
  // Rounding can leave the sum of all ratios a hair under a fraction close to 1.
  return limit;
}

/** The mean of each column, and the largest |x − mean| over all values. */
function meanAndSpread(X: Matrix): { mean: Float64Array; maxDeviation: number } {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0, o = i * d; j < d; j++) {
      const x = data[o + j];
      mean[j] += x;
      if (x < lo[j]) lo[j] = x;
      if (x > hi[j]) hi[j] = x;
    }
  }
  let maxDeviation = 0;
  for (let j = 0; j < d; j++) {
    mean[j] /= n;
    maxDeviation = Math.max(maxDeviation, hi[j] - mean[j], mean[j] - lo[j]);
  }
  return { mean, maxDeviation };
}

/**
 * Rows of X per block of the scatter matrix: the transposed block (d × 128
 * values, 2 MB at d = 2,025) stays in cache. Blocks of 256, 512 and 1,024 rows
 * write the d × d sum less often but were no faster: 6.2–7.3 s against 5.6 s
 * for 10,000 × 2,025 HOG features (2 busy cores).
 */
const SCATTER_BLOCK = 128;

/**
 * The upper triangle of Σ_i (s(x_i − m))(s(x_i − m))ᵀ, d × d: blocks of
 * rows, centred, scaled and transposed (one row per feature), each adding its
 * Gram matrix.
 */
function scatterMatrix(X: Matrix, mean: Float64Array, scale: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const out = new Float64Array(d * d);
  const g = createGramBlock(d, SCATTER_BLOCK);
  const t = g.rows;
  const stride = g.stride;
  for (let i0 = 0; i0 < n; i0 += SCATTER_BLOCK) {
    const count = Math.min(SCATTER_BLOCK, n - i0);
    for (let s = 0; s < count; s++) {
      for (let j = 0, o = (i0 + s) * d; j < d; j++) t[j * stride + s] = (data[o + j] - mean[j]) * scale;
    }
    // The last block's missing rows count as zeros, which add nothing.
    if (count < SCATTER_BLOCK) for (let j = 0; j < d; j++) t.fill(0, j * stride + count, j * stride + SCATTER_BLOCK);
    g.accumulate(out);
  }
  return out;
}

/** The upper triangle of the Gram matrix of the rows s(x_i − m), n × n. */
function gramMatrix(X: Matrix, mean: Float64Array, scale: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const g = createGramBlock(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0, o = i * d, r = i * g.stride; j < d; j++) g.rows[r + j] = (data[o + j] - mean[j]) * scale;
  }
  const out = new Float64Array(n * n);
  g.accumulate(out);
  return out;
}

/**
 * The axes from the first `keep` eigenvectors u of the Gram matrix:
 * Xcᵀu, made orthonormal. Those of tiny singular values are mostly rounding
 * (those of zero ones, all of it), and Gram–Schmidt, run twice, keeps every
 * axis a unit vector orthogonal to the ones before; an axis with nothing left
 * becomes the first coordinate axis not yet in their span, as an SVD would
 * complete the basis.
 */
function axesFromGram(X: Matrix, mean: Float64Array, scale: number, u: Float64Array, keep: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const axes = new Float64Array(keep * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0, o = i * d; j < d; j++) centred[j] = (data[o + j] - mean[j]) * scale;
    for (let r = 0; r < keep; r++) {
      const w = u[r * n + i];
      if (w === 0) continue;
      for (let j = 0, o = r * d; j < d; j++) axes[o + j] += w * centred[j];
    }
  }
  let nextUnit = 0;
  const coefficients = new Float64Array(keep);
  for (let r = 0; r < keep; r++) {
    const a = axes.subarray(r * d, (r + 1) * d);
    const before = Math.sqrt(dot(a, a));
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < r; q++) coefficients[q] = dot(a, axes.subarray(q * d, (q + 1) * d));
      for (let q = 0; q < r; q++) {
        const c = coefficients[q];
        for (let j = 0, o = q * d; j < d; j++) a[j] -= c * axes[o + j];
      }
    }
    const norm = Math.sqrt(dot(a, a));
    // Less than 1e-8 of it left: it lay in the span of the axes before (or was 0).
    if (!(norm > 1e-8 * before) && nextUnit < d) {
      a.fill(0);
      a[nextUnit++] = 1;
      r--;
      continue;
    }
    for (let j = 0; j < d; j++) a[j] /= norm;
  }
  return axes;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  const m = a.length;
  let j = 0;
  for (; j + 1 < m; j += 2) {
    s0 += a[j] * b[j];
    s1 += a[j + 1] * b[j + 1];
  }
  if (j < m) s0 += a[j] * b[j];
  return s0 + s1;
}

/**
 * scikit-learn's signs (`svd_flip` on U): each axis is turned so that, among
 * the projections of the centred rows on it (a column of U times its singular
 * value), the one of largest magnitude is positive; on a tie the first row's
 * counts, as numpy's argmax. +1 where every projection is 0.
 */
function projectionSigns(X: Matrix, mean: Float64Array, axes: Float64Array, keep: number): Float64Array {
  const best = new Float64Array(keep);
  const signs = new Float64Array(keep).fill(1);
  projectRows(X, mean, axes, keep, (block, count) => {
    for (let i = 0; i < count; i++) {
      for (let r = 0, o = i * keep; r < keep; r++) {
        const p = block[o + r];
        const m = Math.abs(p);
        if (m > best[r]) {
          best[r] = m;
          signs[r] = p > 0 ? 1 : -1;
        }
      }
    }
  });
  return signs;
}

/** The same signs read from the columns of U themselves (the Gram matrix's eigenvectors, `keep` rows of n). */
function rowSigns(u: Float64Array, keep: number, n: number): Float64Array {
  const signs = new Float64Array(keep).fill(1);
  for (let r = 0; r < keep; r++) {
    let best = 0;
    for (let i = 0; i < n; i++) {
      const m = Math.abs(u[r * n + i]);
      if (m > best) {
        best = m;
        signs[r] = u[r * n + i] > 0 ? 1 : -1;
      }
    }
  }
  return signs;
}
