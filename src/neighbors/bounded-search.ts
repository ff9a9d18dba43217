/**
 * Exact euclidean k-nearest-neighbour search that rules most training rows
 * out on a cheap lower bound before computing their distance.
 *
 * Rows are centred and projected onto the leading principal axes. For a
 * query q and a training row x, with p = the coordinates on the first m axes
 * and r = the rest of the centred row,
 *
 *   ‖q − x‖² = ‖p_q − p_x‖² + ‖r_q − r_x‖²  ≥  ‖p_q − p_x‖² + (‖r_q‖ − ‖r_x‖)²,
 *
 * so a row whose bound exceeds the current k-th smallest distance cannot be
 * among the k nearest. The bound is checked at a few levels of m (each
 * adding axes); only rows that pass every level get a full distance. Full
 * distances are computed exactly as the brute-force search computes them and
 * offered in training order, so the results are bit-identical to
 * {@link kNearest}'s, ties included.
 */
import { dotBlock } from '../compute/dot-products.js';
import { floatRows, rowReader, type ByteRows, type PreparedRows, type TrainRows } from './metric.js';
import { principalAxes, type PrincipalAxes } from './principal-axes.js';
import type { NeighborResult } from './search.js';
import { createFirstLevelKernel, KERNEL_QUERIES, type FirstLevelKernel } from '../compute/wasm/first-level-kernel.js';
import { createDotBlockKernel, type DotBlockKernel } from '../compute/wasm/dot-block-kernel.js';
import { insertCandidate } from './select.js';

/**
 * Axes per bound level. The first level is computed for every training row
 * and every query (in WebAssembly SIMD where available), the later ones only
 * for the rows that passed. Chosen on MNIST (60,000 rows, 1,000 queries, one
 * thread, first level in SIMD): on its 784 pixels, [32, 48, 96] leaves about
 * 1% of the rows after the first level and took 11.7 s per 10,000 queries,
 * against 14.9 s for [16, 32, 64]. On 2,025-dimensional HOG features
 * [48, 96] took 27.9 s and [32, 96] 29.5 s.
 */
function levelsFor(cols: number): number[] {
  return cols >= 1024 ? [48, 96] : [32, 48, 96];
}
/** Queries whose first-level bounds are computed in one pass over the training rows. */
const QUERY_BLOCK = 8;
/** Rows with the smallest first-level bounds whose full distances seed the threshold. */
const SEEDS = 32;
/** Rows projected per dot-product block. */
const ROW_BLOCK = 128;

/** The projections and residual norms of the training rows. */
export interface BoundIndex {
  axes: PrincipalAxes;
  /** Axes per level, increasing; the last is `axes.count`. */
  levels: number[];
  /** `rows × levels[0]`: the first-level coordinates, contiguous for the pass over every row. */
  head: Float64Array;
  /** `rows × (axes.count − levels[0])`: the coordinates on the other axes. */
  rest: Float64Array;
  /** `rows × levels.length`: ‖r‖ after each level's axes. */
  tails: Float64Array;
  /** The largest squared norm of a centred training row. */
  maxCentredNorm: number;
}

/** Whether the bounded search pays for its index on this training set. */
export function boundSearchWorthwhile(train: TrainRows): boolean {
  return train.rows >= 4096 && train.cols >= 64;
}

/** Projects the training rows, once per model. */
export function buildBoundIndex(train: TrainRows): BoundIndex {
  const { axes, levels } = indexAxes(train);
  const p = allocateProjection(axes, levels, train.rows, (n) => new Float64Array(n));
  projectRowsInto(axes, levels, train, 0, train.rows, p);
  return finishBoundIndex(axes, levels, p);
}

/** The first step of building an index: the principal axes of the training rows and the bound levels. */
export function indexAxes(train: TrainRows): { axes: PrincipalAxes; levels: number[] } {
  const wanted = levelsFor(train.cols);
  const axes = principalAxes(rowReader(train), train.rows, train.cols, wanted[wanted.length - 1]);
  return { axes, levels: wanted.filter((m) => m < axes.count).concat(axes.count) };
}

/** The last step: the index from the projections of every training row. */
export function finishBoundIndex(axes: PrincipalAxes, levels: number[], p: Projected): BoundIndex {
  let maxCentredNorm = 0;
  for (const v of p.centredNorms) maxCentredNorm = Math.max(maxCentredNorm, v);
  return { axes, levels, head: p.head, rest: p.rest, tails: p.tails, maxCentredNorm };
}

/** Rows projected on the axes, in the index's layout. */
export interface Projected {
  head: Float64Array;
  rest: Float64Array;
  tails: Float64Array;
  centredNorms: Float64Array;
}

/** Room for the projections of `rows` rows, each array from `alloc` (plain or shared memory). */
export function allocateProjection(axes: PrincipalAxes, levels: number[], rows: number, alloc: (length: number) => Float64Array): Projected {
  const m0 = levels[0];
  return {
    head: alloc(rows * m0),
    rest: alloc(rows * (axes.count - m0)),
    tails: alloc(rows * levels.length),
    centredNorms: alloc(rows),
  };
}

/** Projects rows `start .. end` of `rows` into the same rows of `out`. */
export function projectRowsInto(axes: PrincipalAxes, levels: number[], rows: TrainRows, start: number, end: number, out: Projected, simd = true): void {
  const { mean, count: m, cols: d } = axes;
  const m0 = levels[0];
  const mr = m - m0;
  const nL = levels.length;
  const { head, rest, tails, centredNorms } = out;
  // The products in WebAssembly SIMD where available (rows padded to an even length), else in TypeScript.
  const kernel = simd ? projectionKernel(axes) : null;
  const block = kernel ? kernel.rows : new Float64Array(ROW_BLOCK * d);
  const stride = kernel ? kernel.stride : d;
  const coords = kernel ? kernel.coords : new Float64Array(ROW_BLOCK * m);
  const coordStride = kernel ? kernel.coordStride : m;
  const decoded = rows.bytes ? new Float64Array(ROW_BLOCK * d) : new Float64Array(0);
  for (let s = start; s < end; s += ROW_BLOCK) {
    const n = Math.min(ROW_BLOCK, end - s);
    const data = floatRows(rows, s, s + n, decoded);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let c = 0, o = i * d; c < d; c++) {
        const v = data[o + c] - mean[c];
        block[i * stride + c] = v;
        total += v * v;
      }
      centredNorms[s + i] = total;
    }
    if (kernel) kernel.run(n);
    else dotBlock(block, n, axes.axes, m, d, coords);
    for (let i = 0; i < n; i++) {
      const r = s + i;
      let captured = 0;
      let level = 0;
      for (let j = 0; j < m; j++) {
        const v = coords[i * coordStride + j];
        if (j < m0) head[r * m0 + j] = v;
        else rest[r * mr + j - m0] = v;
        captured += v * v;
        if (j + 1 === levels[level]) tails[r * nL + level++] = Math.sqrt(Math.max(0, centredNorms[r] - captured));
      }
    }
  }
}

const projectionKernels = new WeakMap<PrincipalAxes, DotBlockKernel | null>();

/** The SIMD kernel holding the axes, made once per axes and thread (each call of a search projects its queries). */
function projectionKernel(axes: PrincipalAxes): DotBlockKernel | null {
  if (!projectionKernels.has(axes)) projectionKernels.set(axes, createDotBlockKernel(axes.axes, axes.count, axes.cols, ROW_BLOCK));
  return projectionKernels.get(axes)!;
}

/** Coordinates and residual norms of the query rows, in the index's layout. */
function projectRows(axes: PrincipalAxes, levels: number[], queries: PreparedRows): Projected {
  const p = allocateProjection(axes, levels, queries.rows, (n) => new Float64Array(n));
  projectRowsInto(axes, levels, queries, 0, queries.rows, p);
  return p;
}

/**
 * For every query, the `k` nearest training rows by euclidean distance: the
 * same result as `kNearest('euclidean', train, queries, k)`.
 */
export function kNearestBounded(index: BoundIndex, train: TrainRows, queries: PreparedRows, k: number, simd = true): NeighborResult {
  const nQ = queries.rows;
  const nT = train.rows;
  const q = projectRows(index.axes, index.levels, queries);
  const keys = new Float64Array(nQ * k).fill(Infinity);
  const indices = new Int32Array(nQ * k).fill(-1);
  const kernel = simd ? kernelFor(index, nT) : null;
  const bounds = kernel ? kernel.bounds : new Float64Array(QUERY_BLOCK * nT);
  const work = { rows: new Int32Array(nT), sums: new Float64Array(nT) };
  let maxTrainNorm = 0;
  for (let i = 0; i < nT; i++) maxTrainNorm = Math.max(maxTrainNorm, train.sqNorms[i]);

  for (let qs = 0; qs < nQ; qs += QUERY_BLOCK) {
    const qe = Math.min(nQ, qs + QUERY_BLOCK);
    if (kernel) kernelBounds(kernel, index, q, qs, qe);
    else firstLevelBounds(index, q, qs, qe, nT, bounds);
    for (let qi = qs; qi < qe; qi++) {
      // Room for rounding: the bounds and the full keys are computed in
      // different ways, so a bound prunes only when it is clearly larger.
      // With cq, cx the squared norms of the centred rows, the worst cases
      // are about 1.5e-6·(cq + cx) for the first level summed in f32 (inputs
      // rounded to f32: 2^-24 each; up to 8 squares per f32 lane), 4e-7·(cq +
      // cx) for a residual norm (a square root of a difference), and
      // 1e-13·(‖q‖² + ‖x‖²) for a full key: 5e-6 and 1e-9 leave a wide margin.
      const slack = 5e-6 * (q.centredNorms[qi] + index.maxCentredNorm) + 1e-9 * (queries.sqNorms[qi] + maxTrainNorm);
      searchOne(index, train, queries, q, qi, bounds.subarray((qi - qs) * nT, (qi - qs + 1) * nT), slack, k, keys, indices, work);
    }
  }
  for (let i = 0; i < keys.length; i++) keys[i] = Math.sqrt(keys[i]);
  return { distances: keys, indices };
}

const kernels = new WeakMap<BoundIndex, FirstLevelKernel | null>();

/** The index's WebAssembly kernel on this thread (made on first use), or null where there is none. */
function kernelFor(index: BoundIndex, nT: number): FirstLevelKernel | null {
  if (!kernels.has(index)) {
    const m0 = index.levels[0];
    const tails0 = new Float64Array(nT);
    for (let i = 0; i < nT; i++) tails0[i] = index.tails[i * index.levels.length];
    kernels.set(index, createFirstLevelKernel(index.head, tails0, nT, m0, QUERY_BLOCK));
  }
  return kernels.get(index)!;
}

/** The first-level bounds of queries qs .. qe into the kernel's bounds, four queries a call. */
function kernelBounds(kernel: FirstLevelKernel, index: BoundIndex, q: Projected, qs: number, qe: number): void {
  const m0 = index.levels[0];
  const nL = index.levels.length;
  const qHead = new Float64Array(KERNEL_QUERIES * m0);
  const qTails = new Float64Array(KERNEL_QUERIES);
  for (let g = qs; g < qe; g += KERNEL_QUERIES) {
    for (let j = 0; j < KERNEL_QUERIES; j++) {
      // A short last group repeats its last query; those rows of bounds are not read.
      const qi = Math.min(g + j, qe - 1);
      qHead.set(q.head.subarray(qi * m0, (qi + 1) * m0), j * m0);
      qTails[j] = q.tails[qi * nL];
    }
    kernel.run(qHead, qTails, g - qs);
  }
}

/**
 * bounds[(qi − qs)·nT + i] = the first-level bound between query qi and
 * training row i. Four queries at a time share each training row's loads and
 * keep four independent sums in flight.
 */
function firstLevelBounds(index: BoundIndex, q: Projected, qs: number, qe: number, nT: number, bounds: Float64Array): void {
  const m0 = index.levels[0];
  const nL = index.levels.length;
  const { head, tails } = index;
  const qh = q.head;
  for (let g = qs; g < qe; g += 4) {
    // A short last group repeats its last query; the extra sums are not stored.
    const q0 = g * m0;
    const q1 = Math.min(g + 1, qe - 1) * m0;
    const q2 = Math.min(g + 2, qe - 1) * m0;
    const q3 = Math.min(g + 3, qe - 1) * m0;
    const t0 = q.tails[g * nL];
    const t1 = q.tails[Math.min(g + 1, qe - 1) * nL];
    const t2 = q.tails[Math.min(g + 2, qe - 1) * nL];
    const t3 = q.tails[Math.min(g + 3, qe - 1) * nL];
    const o = (g - qs) * nT;
    const n = Math.min(4, qe - g);
    for (let i = 0; i < nT; i++) {
      const xo = i * m0;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < m0; j++) {
        const x = head[xo + j];
        const v0 = qh[q0 + j] - x;
        const v1 = qh[q1 + j] - x;
        const v2 = qh[q2 + j] - x;
        const v3 = qh[q3 + j] - x;
        s0 += v0 * v0;
        s1 += v1 * v1;
        s2 += v2 * v2;
        s3 += v3 * v3;
      }
      const xt = tails[i * nL];
      bounds[o + i] = s0 + (t0 - xt) * (t0 - xt);
      if (n > 1) bounds[o + nT + i] = s1 + (t1 - xt) * (t1 - xt);
      if (n > 2) bounds[o + 2 * nT + i] = s2 + (t2 - xt) * (t2 - xt);
      if (n > 3) bounds[o + 3 * nT + i] = s3 + (t3 - xt) * (t3 - xt);
    }
  }
}

/** The k nearest of one query: seed a threshold from the smallest bounds, then refine in training order. */
function searchOne(
  index: BoundIndex,
  train: TrainRows,
  queries: PreparedRows,
  q: Projected,
  qi: number,
  bounds: Float64Array,
  slack: number,
  k: number,
  keys: Float64Array,
  indices: Int32Array,
  work: { rows: Int32Array; sums: Float64Array },
): void {
  const nT = bounds.length;
  // The k rows with the smallest first-level bounds are likely near: their
  // full distances give a threshold that every true neighbour is within.
  const nSeeds = Math.min(nT, Math.max(k, SEEDS));
  const seedKeys = new Float64Array(nSeeds).fill(Infinity);
  const seedRows = new Int32Array(nSeeds);
  for (let i = 0; i < nT; i++) if (bounds[i] < seedKeys[nSeeds - 1]) insertCandidate(seedKeys, seedRows, 0, nSeeds, bounds[i], i);
  for (let s = 0; s < nSeeds; s += 4) {
    const n = Math.min(4, nSeeds - s);
    fullKeys(queries, qi, train, seedRows.subarray(s, s + n), n, seedKeys.subarray(s, s + n));
  }
  seedKeys.sort();
  const threshold = seedKeys[k - 1];

  // The rows within the first-level limit are gathered first, and their
  // second-level sums computed in a loop whose iterations do not wait on one
  // another, so that their memory reads overlap.
  let limit = threshold + slack;
  let nc = 0;
  for (let i = 0; i < nT; i++) if (bounds[i] <= limit) work.rows[nc++] = i;
  const nL = index.levels.length;
  if (nL > 1) secondLevelSums(index, q, qi, work.rows, nc, bounds, work.sums);

  // Rows that pass every bound wait in fours, whose full keys are summed side by side.
  const o = qi * k;
  const last = o + k - 1;
  const pending = new Int32Array(4);
  const pendingKeys = new Float64Array(4);
  let nPending = 0;
  const flush = (): void => {
    fullKeys(queries, qi, train, pending, nPending, pendingKeys);
    for (let p = 0; p < nPending; p++) {
      if (pendingKeys[p] < keys[last]) insertCandidate(keys, indices, o, k, pendingKeys[p], pending[p]);
    }
    limit = Math.min(threshold, keys[last]) + slack;
    nPending = 0;
  };
  for (let c = 0; c < nc; c++) {
    const i = work.rows[c];
    if (bounds[i] > limit || (nL > 1 && !passesFromSecondLevel(index, q, qi, i, work.sums[c], limit))) continue;
    pending[nPending++] = i;
    if (nPending === 4) flush();
  }
  if (nPending > 0) flush();
}


/**
 * sums[c] = the squared distance of query qi and row rows[c] on the axes of
 * the first two levels. The first level's part is recovered from its bound
 * rather than re-read from the index (one memory access fewer per row, at a
 * rounding error far inside the slack).
 */
function secondLevelSums(index: BoundIndex, q: Projected, qi: number, rows: Int32Array, n: number, bounds: Float64Array, sums: Float64Array): void {
  const { rest, tails, levels } = index;
  const m0 = levels[0];
  const nL = levels.length;
  const mr = index.axes.count - m0;
  const len = levels[1] - m0;
  const qr = q.rest;
  const qo = qi * mr;
  const qt0 = q.tails[qi * nL];
  for (let c = 0; c < n; c++) {
    const i = rows[c];
    const xo = i * mr;
    const t0 = qt0 - tails[i * nL];
    let s0 = bounds[i] - t0 * t0;
    let s1 = 0;
    let j = 0;
    for (; j + 1 < len; j += 2) {
      const v0 = qr[qo + j] - rest[xo + j];
      const v1 = qr[qo + j + 1] - rest[xo + j + 1];
      s0 += v0 * v0;
      s1 += v1 * v1;
    }
    if (j < len) {
      const v = qr[qo + j] - rest[xo + j];
      s0 += v * v;
    }
    sums[c] = s0 + s1;
  }
}

/**
 * Whether row `i` passes the bound of every level from the second on, given
 * its squared distance `s` on the axes of the first two levels.
 */
function passesFromSecondLevel(index: BoundIndex, q: Projected, qi: number, i: number, s: number, limit: number): boolean {
  const { rest, tails, levels } = index;
  const m0 = levels[0];
  const nL = levels.length;
  const mr = index.axes.count - m0;
  const qr = q.rest;
  const qo = qi * mr;
  const xo = i * mr;
  let t = q.tails[qi * nL + 1] - tails[i * nL + 1];
  if (s + t * t > limit) return false;
  for (let l = 2; l < nL; l++) {
    for (let j = levels[l - 1] - m0; j < levels[l] - m0; j++) {
      const v = qr[qo + j] - rest[xo + j];
      s += v * v;
    }
    t = q.tails[qi * nL + l] - tails[i * nL + l];
    if (s + t * t > limit) return false;
  }
  return true;
}

/**
 * out[p] = ‖q‖² + ‖x‖² − 2 q·x for the training rows rows[0..n), n ≤ 4, with
 * each dot product summed in the order the brute-force search sums it and
 * clamped at 0 as it clamps: the very same keys. The sums run side by side.
 */
function fullKeys(queries: PreparedRows, qi: number, train: TrainRows, rows: Int32Array, n: number, out: Float64Array): void {
  if (train.bytes) {
    fullKeysOfBytes(queries, qi, train, rows, n, out);
    return;
  }
  const d = train.cols;
  const a = queries.data;
  const b = train.data;
  const qo = qi * d;
  const r0 = rows[0] * d;
  const r1 = rows[Math.min(1, n - 1)] * d;
  const r2 = rows[Math.min(2, n - 1)] * d;
  const r3 = rows[Math.min(3, n - 1)] * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < d; c++) {
    const x = a[qo + c];
    s0 += x * b[r0 + c];
    s1 += x * b[r1 + c];
    s2 += x * b[r2 + c];
    s3 += x * b[r3 + c];
  }
  const qn = queries.sqNorms[qi];
  const key = (s: number, row: number): number => {
    const v = qn + train.sqNorms[row] - 2 * s;
    return v < 0 ? 0 : v;
  };
  out[0] = key(s0, rows[0]);
  if (n > 1) out[1] = key(s1, rows[1]);
  if (n > 2) out[2] = key(s2, rows[2]);
  if (n > 3) out[3] = key(s3, rows[3]);
}

/**
 * `fullKeys` on byte rows: the same sums, in the same order, of the same
 * float64 values (`values[byte]` is the value the float rows hold), so the
 * same keys bit for bit. Kept apart so that the float path's loop stays as
 * it was (one kind of array in it).
 */
function fullKeysOfBytes(queries: PreparedRows, qi: number, train: ByteRows, rows: Int32Array, n: number, out: Float64Array): void {
  const d = train.cols;
  const a = queries.data;
  const { bytes: b, values } = train;
  const qo = qi * d;
  const r0 = rows[0] * d;
  const r1 = rows[Math.min(1, n - 1)] * d;
  const r2 = rows[Math.min(2, n - 1)] * d;
  const r3 = rows[Math.min(3, n - 1)] * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let c = 0; c < d; c++) {
    const x = a[qo + c];
    s0 += x * values[b[r0 + c]];
    s1 += x * values[b[r1 + c]];
    s2 += x * values[b[r2 + c]];
    s3 += x * values[b[r3 + c]];
  }
  const qn = queries.sqNorms[qi];
  const key = (s: number, row: number): number => {
    const v = qn + train.sqNorms[row] - 2 * s;
    return v < 0 ? 0 : v;
  };
  out[0] = key(s0, rows[0]);
  if (n > 1) out[1] = key(s1, rows[1]);
  if (n > 2) out[2] = key(s2, rows[2]);
  if (n > 3) out[3] = key(s3, rows[3]);
}
