/**
 * The numerical core of TemplateMatcher: rows centred and scaled to unit
 * length (so that a dot product is a Pearson correlation), query shifts, and
 * one blocked pass of queries × references that keeps, per query, the k most
 * correlated references and the best correlation of each class.
 */
import { dotBlock } from '../compute/dot-products.js';

/**
 * Centres `src` (length d) and scales it to unit L2 norm, into `dst`.
 * A constant row has no defined correlation: it becomes all zeros, so its
 * correlation with anything is 0.
 */
export function centreNormalise(src: ArrayLike<number>, dst: Float64Array, dstOffset: number, d: number): void {
  const first = src[0];
  let constant = true;
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const v = src[k];
    sum += v;
    if (v !== first) constant = false;
  }
  if (constant) {
    dst.fill(0, dstOffset, dstOffset + d);
    return;
  }
  const mean = sum / d;
  let ss = 0;
  for (let k = 0; k < d; k++) {
    const v = src[k] - mean;
    dst[dstOffset + k] = v;
    ss += v * v;
  }
  if (!(ss > 0)) {
    dst.fill(0, dstOffset, dstOffset + d);
    return;
  }
  const inv = 1 / Math.sqrt(ss);
  for (let k = 0; k < d; k++) dst[dstOffset + k] *= inv;
}

/** Every row of a row-major `rows × d` array, centred and scaled (see {@link centreNormalise}). */
export function prepareRows(data: Float64Array, rows: number, d: number): Float64Array {
  const out = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) centreNormalise(data.subarray(i * d, (i + 1) * d), out, i * d, d);
  return out;
}

/**
 * The shifts a reference may take, (0, 0) first (so that on equal
 * correlation the unshifted match wins), then row by row: dy = −s..s, dx = −s..s.
 * Returned as pairs [dx0, dy0, dx1, dy1, …].
 */
export function shiftList(maxShift: number): Int32Array {
  const out: number[] = [0, 0];
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) if (dx !== 0 || dy !== 0) out.push(dx, dy);
  }
  return Int32Array.from(out);
}

/**
 * Writes `q` as seen against a reference shifted by (dx, dy) into `dst`:
 * moving the reference dx pixels right and dy down is the same as moving
 * the query dx left and dy up, so `dst(x, y) = q(x + dx, y + dy)`, zero
 * outside the image.
 */
export function shiftQuery(q: ArrayLike<number>, width: number, height: number, dx: number, dy: number, dst: Float64Array): void {
  for (let y = 0; y < height; y++) {
    const sy = y + dy;
    const row = y * width;
    if (sy < 0 || sy >= height) {
      dst.fill(0, row, row + width);
      continue;
    }
    const srow = sy * width;
    for (let x = 0; x < width; x++) {
      const sx = x + dx;
      dst[row + x] = sx >= 0 && sx < width ? q[srow + sx] : 0;
    }
  }
}

/**
 * Query `q` as seen against a reference shifted by (dx, dy) (see
 * {@link shiftQuery}), centred and scaled, into `dst` at `dstOffset`;
 * `scratch` holds the shifted copy (q.length values).
 */
export function prepareQuery(
  q: ArrayLike<number>,
  width: number,
  height: number,
  dx: number,
  dy: number,
  scratch: Float64Array,
  dst: Float64Array,
  dstOffset: number,
): void {
  const d = q.length;
  if (dx === 0 && dy === 0) {
    centreNormalise(q, dst, dstOffset, d);
  } else {
    shiftQuery(q, width, height, dx, dy, scratch);
    centreNormalise(scratch, dst, dstOffset, d);
  }
}

/** What one pass of {@link scan} finds for each query. */
export interface ScanResult {
  /** nQueries × k correlations of the k best references, best first. */
  topCorr: Float64Array;
  /** nQueries × k reference indices, matching `topCorr`. */
  topIndex: Int32Array;
  /** nQueries × k shift indices (into the shift list) of those matches. */
  topShift: Int32Array;
  /** nQueries × nClasses: the best correlation of each class's references. */
  classBest: Float64Array;
  k: number;
}

export interface ScanInput {
  /** Raw queries, row-major nQ × d. */
  queries: Float64Array;
  nQueries: number;
  /** Prepared references, row-major nRefs × d. */
  refs: Float64Array;
  nRefs: number;
  d: number;
  /** Class index of each reference. */
  refClass: Int32Array;
  nClasses: number;
  k: number;
  /** Shift pairs from {@link shiftList}; [0, 0] for none. */
  shifts: Int32Array;
  width: number;
  height: number;
}

const QUERY_BLOCK = 32;
const REF_BLOCK = 64;

/**
 * Correlates every query (under every shift) with every reference, keeping
 * per query the `k` best references (each at its best shift) and the best
 * correlation per class. Queries are taken in blocks of 32, references in
 * blocks of 64 so both stay in cache across all shifts; each shift is one
 * more `dotBlock` per block pair.
 *
 * Order: higher correlation first; on equal correlation the lower reference
 * index, and for one reference the earlier shift ((0, 0) first).
 */
export function scan(input: ScanInput): ScanResult {
  const { queries, nQueries, refs, nRefs, d, refClass, nClasses, k, shifts, width, height } = input;
  const nShifts = shifts.length / 2;
  const topCorr = new Float64Array(nQueries * k).fill(-Infinity);
  const topIndex = new Int32Array(nQueries * k).fill(-1);
  const topShift = new Int32Array(nQueries * k);
  const classBest = new Float64Array(nQueries * nClasses).fill(-Infinity);

  const shifted = new Float64Array(d);
  const qPrep = new Float64Array(nShifts * QUERY_BLOCK * d);
  const tile = new Float64Array(QUERY_BLOCK * REF_BLOCK);
  const best = new Float64Array(QUERY_BLOCK * REF_BLOCK);
  const bestShift = new Int32Array(QUERY_BLOCK * REF_BLOCK);

  for (let q0 = 0; q0 < nQueries; q0 += QUERY_BLOCK) {
    const nq = Math.min(QUERY_BLOCK, nQueries - q0);
    // Prepare the query block under every shift: shift, then centre and renormalise.
    for (let s = 0; s < nShifts; s++) {
      const dx = shifts[2 * s];
      const dy = shifts[2 * s + 1];
      const base = s * QUERY_BLOCK * d;
      for (let i = 0; i < nq; i++) {
        prepareQuery(queries.subarray((q0 + i) * d, (q0 + i + 1) * d), width, height, dx, dy, shifted, qPrep, base + i * d);
      }
    }
    for (let r0 = 0; r0 < nRefs; r0 += REF_BLOCK) {
      const nr = Math.min(REF_BLOCK, nRefs - r0);
      const refBlock = refs.subarray(r0 * d, (r0 + nr) * d);
      for (let s = 0; s < nShifts; s++) {
        const qBlock = qPrep.subarray(s * QUERY_BLOCK * d, (s * QUERY_BLOCK + nq) * d);
        dotBlock(qBlock, nq, refBlock, nr, d, s === 0 ? best : tile);
        if (s === 0) {
          bestShift.fill(0, 0, nq * nr);
        } else {
          for (let t = 0; t < nq * nr; t++) {
            if (tile[t] > best[t]) {
              best[t] = tile[t];
              bestShift[t] = s;
            }
          }
        }
      }
      // Merge the tile into each query's top k and class bests, in reference order.
      for (let i = 0; i < nq; i++) {
        const qi = q0 + i;
        const top = qi * k;
        const cb = qi * nClasses;
        for (let j = 0; j < nr; j++) {
          const c = best[i * nr + j];
          const r = r0 + j;
          const cls = cb + refClass[r];
          if (c > classBest[cls]) classBest[cls] = c;
          if (c > topCorr[top + k - 1]) insert(topCorr, topIndex, topShift, top, k, c, r, bestShift[i * nr + j]);
        }
      }
    }
  }
  return { topCorr, topIndex, topShift, classBest, k };
}

/** Inserts (c, r, s) into the sorted run at [top, top + k), dropping the last; c beats the last entry. */
function insert(corr: Float64Array, index: Int32Array, shift: Int32Array, top: number, k: number, c: number, r: number, s: number): void {
  // First position whose correlation is < c (equal ones stay ahead: they have lower indices).
  let lo = top;
  let hi = top + k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (corr[mid] >= c) lo = mid + 1;
    else hi = mid;
  }
  const end = top + k;
  if (lo < end - 1) {
    corr.copyWithin(lo + 1, lo, end - 1);
    index.copyWithin(lo + 1, lo, end - 1);
    shift.copyWithin(lo + 1, lo, end - 1);
  }
  corr[lo] = c;
  index[lo] = r;
  shift[lo] = s;
}
