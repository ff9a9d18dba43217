/**
 * HOG block normalisations, as scikit-image computes them (eps = 1e-5; sums in
 * numpy's pairwise order so that results agree to the last bit).
 */
import type { HogBlockNorm } from './hog-params.js';

const EPS = 1e-5;
const EPS2 = EPS ** 2;

/** Normalises the block `v[start .. start + n)` in place. */
export function normalizeBlock(v: Float64Array, start: number, n: number, norm: HogBlockNorm): void {
  const end = start + n;
  if (norm === 'L1' || norm === 'L1-sqrt') {
    const d = numpySum(v, start, n, false) + EPS;
    if (norm === 'L1') for (let i = start; i < end; i++) v[i] = v[i] / d;
    else for (let i = start; i < end; i++) v[i] = Math.sqrt(v[i] / d);
    return;
  }
  let d = Math.sqrt(numpySum(v, start, n, true) + EPS2);
  for (let i = start; i < end; i++) v[i] = v[i] / d;
  if (norm === 'L2-Hys') {
    for (let i = start; i < end; i++) if (v[i] > 0.2) v[i] = 0.2;
    d = Math.sqrt(numpySum(v, start, n, true) + EPS2);
    for (let i = start; i < end; i++) v[i] = v[i] / d;
  }
}

/**
 * `np.sum(np.abs(v))` or `np.sum(v ** 2)` over `v[start .. start + n)`, in
 * numpy's order: blocks of fewer than 8 values added in turn; blocks of up to
 * 128 values over 8 interleaved accumulators combined as a tree; longer ones
 * split in two (the first part a multiple of 8) and summed recursively.
 */
export function numpySum(v: Float64Array, start: number, n: number, squares: boolean): number {
  if (n < 8) {
    let s = 0;
    for (let i = start; i < start + n; i++) s += term(v[i], squares);
    return s;
  }
  if (n <= 128) {
    let r0 = term(v[start], squares), r1 = term(v[start + 1], squares);
    let r2 = term(v[start + 2], squares), r3 = term(v[start + 3], squares);
    let r4 = term(v[start + 4], squares), r5 = term(v[start + 5], squares);
    let r6 = term(v[start + 6], squares), r7 = term(v[start + 7], squares);
    const whole = start + n - (n % 8);
    let i = start + 8;
    for (; i < whole; i += 8) {
      r0 += term(v[i], squares); r1 += term(v[i + 1], squares);
      r2 += term(v[i + 2], squares); r3 += term(v[i + 3], squares);
      r4 += term(v[i + 4], squares); r5 += term(v[i + 5], squares);
      r6 += term(v[i + 6], squares); r7 += term(v[i + 7], squares);
    }
    let s = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + n; i++) s += term(v[i], squares);
    return s;
  }
  let half = n >> 1;
  half -= half % 8;
  return numpySum(v, start, half, squares) + numpySum(v, start + half, n - half, squares);
}

function term(x: number, squares: boolean): number {
  return squares ? x * x : Math.abs(x);
}
