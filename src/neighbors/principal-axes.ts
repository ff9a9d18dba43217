/**
 * The leading principal axes of a set of rows, for the distance bounds of the
 * pruned k-NN search. Randomised subspace iteration on a deterministic
 * subsample, then Rayleigh–Ritz to order the axes by variance.
 *
 * Any orthonormal axes give valid bounds (a projection never lengthens a
 * vector); axes close to the true principal ones only make them tighter, so
 * the subsample and the few iterations cost speed at worst, never exactness.
 */
import { RandomState } from '../core/random.js';
import { createDotBlockKernel } from '../compute/wasm/dot-block-kernel.js';

/** Orthonormal axes and the mean they are centred on. */
export interface PrincipalAxes {
  /** The mean row (length `cols`). */
  mean: Float64Array;
  /** `count × cols` row-major, orthonormal rows, by decreasing variance. */
  axes: Float64Array;
  count: number;
  cols: number;
}

/** Rows the axes are estimated from: enough for the leading axes of MNIST-sized data. */
const SAMPLE_ROWS = 1000;
/** Extra axes iterated beside the wanted ones, which sharpens the wanted ones. */
const OVERSAMPLE = 8;
const ITERATIONS = 3;

/**
 * The `count` leading principal axes of the `rows × cols` row-major `data`
 * (fewer when `cols` is smaller), or of the rows `data(i)` gives (byte rows
 * decoded one at a time). Deterministic: the same data gives the same axes.
 */
export function principalAxes(data: Float64Array | ((i: number) => Float64Array), rows: number, cols: number, count: number): PrincipalAxes {
  const rowOf = typeof data === 'function' ? data : (i: number): Float64Array => data.subarray(i * cols, (i + 1) * cols);
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const x = rowOf(i);
    for (let c = 0; c < cols; c++) mean[c] += x[c];
  }
  for (let c = 0; c < cols; c++) mean[c] /= rows;

  const sample = centredSample(rowOf, rows, cols, mean);
  const s = sample.length / cols;
  const width = Math.min(cols, count + OVERSAMPLE);
  let q: Float64Array = new Float64Array(width * cols);
  const rng = new RandomState(20240917);
  for (let i = 0; i < q.length; i++) q[i] = rng.nextUint32() / 4294967296 - 0.5;
  orthonormalize(q, width, cols);
  const proj = new Float64Array(s * width);
  const sampleT = new Float64Array(cols * s);
  for (let i = 0; i < s; i++) for (let c = 0; c < cols; c++) sampleT[c * s + i] = sample[i * cols + c];
  for (let it = 0; it < ITERATIONS; it++) {
    project(sample, s, cols, q, width, proj);
    q = backProject(sample, sampleT, s, cols, proj, width);
    orthonormalize(q, width, cols);
  }
  // Rayleigh–Ritz: eigenvectors of the small Gram matrix of the projections order the axes.
  project(sample, s, cols, q, width, proj);
  const gram = new Float64Array(width * width);
  for (let a = 0; a < width; a++) {
    for (let b = a; b < width; b++) {
      let v = 0;
      for (let i = 0; i < s; i++) v += proj[i * width + a] * proj[i * width + b];
      gram[a * width + b] = v;
      gram[b * width + a] = v;
    }
  }
  const { vectors, order } = symmetricEigen(gram, width);
  const kept = Math.min(count, width);
  const axes = new Float64Array(kept * cols);
  for (let r = 0; r < kept; r++) {
    const e = order[r];
    for (let a = 0; a < width; a++) {
      const w = vectors[a * width + e];
      for (let c = 0, o = a * cols; c < cols; c++) axes[r * cols + c] += w * q[o + c];
    }
  }
  orthonormalize(axes, kept, cols);
  return { mean, axes, count: kept, cols };
}

/** Every ⌈rows / SAMPLE_ROWS⌉-th row, minus the mean. */
function centredSample(rowOf: (i: number) => Float64Array, rows: number, cols: number, mean: Float64Array): Float64Array {
  const step = Math.max(1, Math.ceil(rows / SAMPLE_ROWS));
  const s = Math.ceil(rows / step);
  const out = new Float64Array(s * cols);
  for (let i = 0; i < s; i++) {
    const x = rowOf(i * step);
    for (let c = 0; c < cols; c++) out[i * cols + c] = x[c] - mean[c];
  }
  return out;
}

/** proj[i·width + a] = sample_i · q_a (in WebAssembly SIMD where available). */
function project(sample: Float64Array, s: number, cols: number, q: Float64Array, width: number, proj: Float64Array): void {
  const kernel = createDotBlockKernel(q, width, cols, s);
  if (kernel) {
    for (let i = 0; i < s; i++) kernel.rows.set(sample.subarray(i * cols, (i + 1) * cols), i * kernel.stride);
    kernel.run(s);
    for (let i = 0; i < s; i++) proj.set(kernel.coords.subarray(i * kernel.coordStride, i * kernel.coordStride + width), i * width);
    return;
  }
  for (let i = 0; i < s; i++) {
    const o = i * cols;
    for (let a = 0; a < width; a++) {
      const p = a * cols;
      let v = 0;
      for (let c = 0; c < cols; c++) v += sample[o + c] * q[p + c];
      proj[i * width + a] = v;
    }
  }
}

/**
 * Row a of the result = Σ_i proj[i, a] · sample_i. In WebAssembly SIMD where
 * available, as dot products of the transposed arrays (`sampleT`, cols × s).
 */
function backProject(sample: Float64Array, sampleT: Float64Array, s: number, cols: number, proj: Float64Array, width: number): Float64Array {
  const out = new Float64Array(width * cols);
  const kernel = createDotBlockKernel(sampleT, cols, s, width);
  if (kernel) {
    for (let a = 0; a < width; a++) for (let i = 0; i < s; i++) kernel.rows[a * kernel.stride + i] = proj[i * width + a];
    kernel.run(width);
    for (let a = 0; a < width; a++) out.set(kernel.coords.subarray(a * kernel.coordStride, a * kernel.coordStride + cols), a * cols);
    return out;
  }
  for (let i = 0; i < s; i++) {
    const o = i * cols;
    for (let a = 0; a < width; a++) {
      const w = proj[i * width + a];
      const p = a * cols;
      for (let c = 0; c < cols; c++) out[p + c] += w * sample[o + c];
    }
  }
  return out;
}

/**
 * Modified Gram–Schmidt, twice (once is not enough in floating point). A row
 * that vanishes (the data has fewer dimensions than rows asked for) is
 * replaced by the next coordinate axis that is not yet in the span.
 */
export function orthonormalize(q: Float64Array, count: number, cols: number): void {
  let nextUnit = 0;
  for (let a = 0; a < count; a++) {
    const p = a * cols;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        const r = b * cols;
        let dot = 0;
        for (let c = 0; c < cols; c++) dot += q[p + c] * q[r + c];
        for (let c = 0; c < cols; c++) q[p + c] -= dot * q[r + c];
      }
    }
    let norm = 0;
    for (let c = 0; c < cols; c++) norm += q[p + c] * q[p + c];
    if (norm < 1e-20 && nextUnit < cols) {
      q.fill(0, p, p + cols);
      q[p + nextUnit++] = 1;
      a--; // orthogonalise the replacement against the earlier rows
      continue;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let c = 0; c < cols; c++) q[p + c] *= inv;
  }
}

/**
 * Eigenvectors of a small symmetric matrix by cyclic Jacobi rotations.
 * `vectors` holds them as columns; `order` lists the columns by decreasing eigenvalue.
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array; order: number[] } {
  const a = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = a[i * n + j] * a[i * n + j];
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        const apr = a[p * n + r];
        if (apr === 0) continue;
        const theta = (a[r * n + r] - a[p * n + p]) / (2 * apr);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akr = a[k * n + r];
          a[k * n + p] = cos * akp - sin * akr;
          a[k * n + r] = sin * akp + cos * akr;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const ark = a[r * n + k];
          a[p * n + k] = cos * apk - sin * ark;
          a[r * n + k] = sin * apk + cos * ark;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkr = v[k * n + r];
          v[k * n + p] = cos * vkp - sin * vkr;
          v[k * n + r] = sin * vkp + cos * vkr;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[y] - values[x] || x - y);
  return { values, vectors: v, order };
}
