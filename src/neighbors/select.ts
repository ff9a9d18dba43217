/**
 * Keeping the k smallest values seen so far, for one query: a sorted buffer
 * of size k, filled by insertion (no full sort of the candidates).
 */

/**
 * Offers `value` (from training row `index`) to the sorted buffer
 * `keys[o .. o + k)` / `indices[o .. o + k)`, whose last slot holds the
 * current k-th smallest value. The caller checks `value < keys[o + k − 1]`
 * first, so most candidates cost one comparison.
 *
 * Ties: candidates arrive in increasing `index` order, and an equal value is
 * placed after the ones already there and never displaces them — among equal
 * distances the lower training index comes first and is kept.
 */
export function insertCandidate(keys: Float64Array, indices: Int32Array, o: number, k: number, value: number, index: number): void {
  let p = o + k - 1;
  while (p > o && keys[p - 1] > value) {
    keys[p] = keys[p - 1];
    indices[p] = indices[p - 1];
    p--;
  }
  keys[p] = value;
  indices[p] = index;
}
