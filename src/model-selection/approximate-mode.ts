/**
 * How many samples of each class a stratified split draws: scikit-learn's
 * approximation of the mode of the multivariate hypergeometric distribution
 * (its `_approximate_mode`), with ties broken by digitkit's RNG.
 */
import type { RandomState } from '../core/random.js';

/**
 * Splits `nDraws` among classes in proportion to `classCounts`: each class gets
 * the floor of its share, and the samples left over go to the classes with the
 * largest fractional remainders (ties broken at random by `rng`). The result
 * differs from the exact proportional share by less than one per class and sums
 * to `nDraws`.
 *
 * @param classCounts the number of samples of each class (non-negative, not all 0).
 * @param nDraws how many samples to draw, from 0 to the sum of the counts.
 * @param rng breaks ties between equal remainders.
 */
export function approximateMode(classCounts: ArrayLike<number>, nDraws: number, rng: RandomState): Int32Array {
  const k = classCounts.length;
  let total = 0;
  for (let i = 0; i < k; i++) total += classCounts[i];
  const drawn = new Int32Array(k);
  const remainder = new Float64Array(k);
  let assigned = 0;
  for (let i = 0; i < k; i++) {
    // Same operations, in the same order, as scikit-learn, so remainders compare equal where its do.
    const continuous = (classCounts[i] / total) * nDraws;
    const floored = Math.floor(continuous);
    drawn[i] = floored;
    remainder[i] = continuous - floored;
    assigned += floored;
  }
  let needed = nDraws - assigned;
  if (needed <= 0) return drawn;
  const values = Array.from(new Set(remainder)).sort((a, b) => b - a);
  for (const value of values) {
    const tied: number[] = [];
    for (let i = 0; i < k; i++) if (remainder[i] === value) tied.push(i);
    const take = Math.min(tied.length, needed);
    // A random subset of `take` of the tied classes (partial Fisher–Yates).
    for (let j = 0; j < take; j++) {
      const pick = j + rng.randInt(tied.length - j);
      const tmp = tied[j];
      tied[j] = tied[pick];
      tied[pick] = tmp;
      drawn[tied[j]]++;
    }
    needed -= take;
    if (needed === 0) break;
  }
  return drawn;
}
