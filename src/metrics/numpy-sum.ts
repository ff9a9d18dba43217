/**
 * numpy's floating-point summation order, so that averaged metrics equal
 * scikit-learn's to the last bit.
 *
 * `np.sum` on a contiguous float64 array starts from 0 and adds a pairwise sum:
 * blocks of fewer than 8 values are added in order; blocks of up to 128 values
 * go to 8 interleaved accumulators that are combined as a tree; longer blocks
 * are split in two (the first half a multiple of 8 long) and summed recursively.
 */

const BLOCK = 128;

function pairwise(values: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[start + i];
    return sum;
  }
  if (n <= BLOCK) {
    let r0 = values[start], r1 = values[start + 1], r2 = values[start + 2], r3 = values[start + 3];
    let r4 = values[start + 4], r5 = values[start + 5], r6 = values[start + 6], r7 = values[start + 7];
    let i = 8;
    const end = n - (n % 8);
    for (; i < end; i += 8) {
      const k = start + i;
      r0 += values[k];
      r1 += values[k + 1];
      r2 += values[k + 2];
      r3 += values[k + 3];
      r4 += values[k + 4];
      r5 += values[k + 5];
      r6 += values[k + 6];
      r7 += values[k + 7];
    }
    let sum = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) sum += values[start + i];
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwise(values, start, half) + pairwise(values, start + half, n - half);
}

/** The sum of `values` in numpy's order (`np.sum`). */
export function numpySum(values: ArrayLike<number>): number {
  return 0 + pairwise(values, 0, values.length);
}

/** The mean of `values` as `np.average(values)` computes it. */
export function numpyMean(values: ArrayLike<number>): number {
  return numpySum(values) / values.length;
}

/** The weighted mean as `np.average(values, weights=weights)` computes it (weights must not sum to 0). */
export function numpyWeightedAverage(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  const products = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) products[i] = values[i] * weights[i];
  return numpySum(products) / numpySum(weights);
}
