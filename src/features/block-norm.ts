/**
 * HOG block normalisations, as scikit-image computes them (eps = 1e-5; sums in
 * numpy's pairwise order so that results agree to the last bits).
 */
import type { HogBlockNorm } from './hog-params.js';

const EPS = 1e-5;
const EPS2 = EPS ** 2;

/**
 * Normalises `v[0..n)` in place. `tmp` is scratch space of at least `n` values.
 */
export function normalizeBlock(v: Float64Array, n: number, norm: HogBlockNorm, tmp: Float64Array): void {
  switch (norm) {
    case 'L1': {
      for (let i = 0; i < n; i++) tmp[i] = Math.abs(v[i]);
      const d = numpySum(tmp, n) + EPS;
      for (let i = 0; i < n; i++) v[i] = v[i] / d;
      return;
    }
    case 'L1-sqrt': {
      for (let i = 0; i < n; i++) tmp[i] = Math.abs(v[i]);
      const d = numpySum(tmp, n) + EPS;
      for (let i = 0; i < n; i++) v[i] = Math.sqrt(v[i] / d);
      return;
    }
    case 'L2':
      l2(v, n, tmp);
      return;
    case 'L2-Hys':
      l2(v, n, tmp);
      for (let i = 0; i < n; i++) if (v[i] > 0.2) v[i] = 0.2;
      l2(v, n, tmp);
      return;
  }
}

function l2(v: Float64Array, n: number, tmp: Float64Array): void {
  for (let i = 0; i < n; i++) tmp[i] = v[i] * v[i];
  const d = Math.sqrt(numpySum(tmp, n) + EPS2);
  for (let i = 0; i < n; i++) v[i] = v[i] / d;
}

/** `np.sum` of a contiguous float64 array of length `n`: pairwise, 8 accumulators per block of ≤ 128. */
export function numpySum(a: Float64Array, n: number): number {
  return pairwise(a, 0, n);
}

function pairwise(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return s;
  }
  if (n <= 128) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const k = start + i;
      r0 += a[k]; r1 += a[k + 1]; r2 += a[k + 2]; r3 += a[k + 3];
      r4 += a[k + 4]; r5 += a[k + 5]; r6 += a[k + 6]; r7 += a[k + 7];
    }
    let s = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) s += a[start + i];
    return s;
  }
  let n2 = n >> 1;
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}
