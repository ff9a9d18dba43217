/**
 * One-vs-one multi-class training and decision values, as libsvm does them:
 * one binary problem per pair of classes (i < j, class i as +1), samples
 * grouped by class in their original order, and the support vectors of all
 * pairs pooled into one set with a coefficient row per opposing class.
 */
import { Matrix } from '../core/matrix.js';
import type { ProgressCallback } from '../core/progress.js';
import { rowSquaredNorms } from '../compute/dot-products.js';
import { kernelDiagonal, type Kernel } from '../compute/kernels.js';
import { ComputedKernelRows, PrecomputedKernelRows, rowDotsOf, type KernelRows } from './kernel-rows.js';
import { trainingKernelMatrix } from './shared-kernel.js';
import type { RowSlab } from './cache.js';
import { SvcQMatrix } from './qmatrix.js';
import { pairPermutations, pairSigmoid } from './probability.js';
import { iterationLimit, solution, solveBinary, type BinarySolution } from './solver.js';
import { releaseSmoKernelMatrix, smoFits, smoKernelMatrix, solveSmo, type FillQRow } from '../compute/wasm/smo-kernel.js';

/** Options for training all pairs. */
export interface OvoOptions {
  C: number;
  tol: number;
  cacheBytes: number;
  shrinking: boolean;
  maxIter: number;
  /** Called after each pair with (pairs done, pairs in all). */
  onProgress?: ProgressCallback;
  /** With probability estimates: the seed of libsvm's random generator (see libsvm-random.ts). */
  probabilitySeed?: number;
}

/** The pooled one-vs-one model. */
export interface OvoModel {
  /** Indices into the training set of the support vectors, grouped by class. */
  support: Int32Array;
  /** Support vectors per class. */
  nSupport: Int32Array;
  /** (nClasses − 1) × nSV: for each support vector, its α·y in each pair it takes part in. */
  dualCoef: Matrix;
  /** One ρ per pair (the decision value is Σ coef·K − ρ). */
  rho: Float64Array;
  /** Solver iterations per pair. */
  nIter: Int32Array;
  /** True when some pair stopped at the iteration limit. */
  hitMaxIter: boolean;
  /** Each pair's sigmoid (A, B), with probability estimates; else null. */
  probA: Float64Array | null;
  probB: Float64Array | null;
}

/** How the samples are grouped for the pairs: by class, in their original order within a class. */
export interface OvoPlan {
  nClasses: number;
  /** Samples per class. */
  count: Int32Array;
  /** Where each class starts in the grouped order. */
  start: Int32Array;
  /** perm[g] = the training index of the sample at grouped position g. */
  perm: Int32Array;
  /** The class pairs (i < j), in libsvm's order (0,1), (0,2), …, (1,2), … */
  pairs: [number, number][];
}

/** The result of one binary problem. */
export interface PairSolution {
  /** α·y of the pair's samples: class i's first, then class j's. */
  coef: Float64Array;
  rho: number;
  iterations: number;
  hitMaxIter: boolean;
  /** The pair's probability sigmoid P(class i | f) = 1 / (1 + exp(A·f + B)), when asked for. */
  sigmoid?: { A: number; B: number };
}

/**
 * Where each group starts when groups of these sizes lie one after the other,
 * class by class (the samples of a plan, a model's support vectors).
 */
export function groupStarts(counts: Int32Array): Int32Array {
  const start = new Int32Array(counts.length);
  for (let c = 1; c < counts.length; c++) start[c] = start[c - 1] + counts[c - 1];
  return start;
}

/**
 * Groups the samples by class.
 * @param yIndex each sample's class as an index 0..nClasses−1.
 */
export function ovoPlan(yIndex: Int32Array, nClasses: number): OvoPlan {
  const l = yIndex.length;
  const count = new Int32Array(nClasses);
  for (let i = 0; i < l; i++) count[yIndex[i]]++;
  const start = groupStarts(count);
  const perm = new Int32Array(l);
  const fill = Int32Array.from(start);
  for (let i = 0; i < l; i++) perm[fill[yIndex[i]]++] = i;
  const pairs: [number, number][] = [];
  for (let ci = 0; ci < nClasses; ci++) for (let cj = ci + 1; cj < nClasses; cj++) pairs.push([ci, cj]);
  return { nClasses, count, start, perm, pairs };
}

/**
 * The kernel rows every pair reads: the whole kernel matrix, computed once
 * for all pairs (or taken from a search's shared one, shared-kernel.ts), when
 * it fits in the cache budget; else rows computed when asked.
 */
export function ovoKernelRows(X: Matrix, kernel: Kernel, cacheBytes: number, maxPair = 0): KernelRows {
  const norms = rowSquaredNorms(X);
  const computed = () => new ComputedKernelRows(kernel, norms, rowDotsOf(X));
  if (!precomputesKernel(X.rows, cacheBytes)) return computed();
  // With the pairs' largest size: the matrix made in the WebAssembly solver's memory, which reads Q's rows from
  // it. Where it is not made (DIGITKIT_BACKEND=js, other kernels, too large): the JavaScript matrix, shared by a
  // search's cells (shared-kernel.ts).
  const matrix = maxPair ? smoKernelMatrix(X.data, X.rows, X.cols, norms, kernel.kind, kernel.gamma, maxPair, SMO_MATRIX_MAX_BYTES) : null;
  const K = matrix ? matrix.K : trainingKernelMatrix(X, kernel);
  return new PrecomputedKernelRows(K, X.rows, kernelDiagonals(kernel, norms), computed, matrix ?? undefined);
}

/**
 * The largest kernel matrix (with room for the pairs' problems) put on the WebAssembly solver's memory:
 * 1 GB, 16,000 samples; a fit's own, collected with it. Larger ones stay JavaScript arrays.
 */
const SMO_MATRIX_MAX_BYTES = 2 ** 30;

/** K(a, a) of rows of squared norms `norms`, in double precision. */
export function kernelDiagonals(kernel: Kernel, norms: Float64Array): Float64Array {
  return norms.map((na) => kernelDiagonal(kernel, na));
}

/**
 * The largest kernel matrix computed once, whatever the budget: 4 GB (32,768
 * samples). Beyond, kernel rows are computed on demand, with the same values.
 */
const MAX_PRECOMPUTED_BYTES = 2 ** 32;

/** Whether the whole kernel matrix of n samples (4·n² bytes) fits the cache budget, and is computed once for all pairs. */
export function precomputesKernel(n: number, cacheBytes: number): boolean {
  return n * n * 4 <= Math.min(cacheBytes, MAX_PRECOMPUTED_BYTES);
}

/** The kernel-row cache's memory, handed from one pair to the next that a thread solves. */
export interface CacheMemory {
  slab?: RowSlab;
}

/**
 * Solves the binary problem of `samples` (indices into the training set) with
 * labels `y` (±1), in that order, on the cache memory `memory` (updated).
 */
export function solveSamples(rows: KernelRows, samples: Int32Array, y: Int8Array, opts: OvoOptions, memory: CacheMemory): BinarySolution {
  const l = y.length;
  // Only beside a kernel matrix made in the WebAssembly solver's memory. With kernel rows computed when
  // asked (MNIST's 10,000 images: 45 pairs of about 2,000), the WebAssembly solver computes whole rows
  // where the cache computes only the active part after shrinking: a fit took 14.0 s of CPU against 13.1
  // (three runs each, one thread).
  const matrix = rows instanceof PrecomputedKernelRows ? rows.matrix : undefined;
  if (matrix && smoFits(l, opts.cacheBytes)) {
    const QD = new Float64Array(l);
    (rows as PrecomputedKernelRows).diagonals(samples, QD);
    const fill: FillQRow = (i, s, yy, out) => rows.fill(s[i], yy[i], s, yy, 0, s.length, out);
    const maxIter = iterationLimit(opts.maxIter, l);
    const r = solveSmo({ samples, y, QD, fill, Cp: opts.C, Cn: opts.C, tol: opts.tol, shrinking: opts.shrinking, maxIter }, matrix);
    if (r) return solution(r.y, r.G, r.status, r.alpha, r.active, r.activeSize, r.iterations, r.iterations >= maxIter);
  }
  const Q = new SvcQMatrix(rows, samples, y, opts.cacheBytes, memory.slab);
  const sol = solveBinary({ Q, y, Cp: opts.C, Cn: opts.C, tol: opts.tol, shrinking: opts.shrinking, maxIter: opts.maxIter });
  memory.slab = Q.slab;
  return sol;
}

/**
 * Solves pair number `p` of the plan (class i as +1), on the cache memory
 * `memory` (updated); with `folds` (its cross-validation permutation, see
 * probability.ts), also fits the pair's probability sigmoid, as libsvm does before training the pair.
 */
export function solvePair(rows: KernelRows, plan: OvoPlan, p: number, opts: OvoOptions, memory: CacheMemory, folds?: Int32Array): PairSolution {
  const sigmoid = folds ? pairSigmoid(rows, plan, p, folds, opts, memory) : undefined;
  const [ci, cj] = plan.pairs[p];
  const { count, start, perm } = plan;
  const ni = count[ci];
  const nj = count[cj];
  const samples = new Int32Array(ni + nj);
  const y = new Int8Array(ni + nj);
  for (let k = 0; k < ni; k++) {
    samples[k] = perm[start[ci] + k];
    y[k] = 1;
  }
  for (let k = 0; k < nj; k++) {
    samples[ni + k] = perm[start[cj] + k];
    y[ni + k] = -1;
  }
  const sol = solveSamples(rows, samples, y, opts, memory);
  return { coef: sol.coef, rho: sol.rho, iterations: sol.iterations, hitMaxIter: sol.hitMaxIter, sigmoid };
}

/**
 * Trains every pair, one after the other.
 * @param X training samples.
 * @param yIndex each sample's class as an index 0..nClasses−1.
 */
export function trainOneVsOne(X: Matrix, yIndex: Int32Array, nClasses: number, kernel: Kernel, opts: OvoOptions): OvoModel {
  const plan = ovoPlan(yIndex, nClasses);
  const rows = ovoKernelRows(X, kernel, opts.cacheBytes, maxPairSize(plan));
  const folds = opts.probabilitySeed === undefined ? null : pairPermutations(plan, opts.probabilitySeed);
  const solutions: PairSolution[] = [];
  const memory: CacheMemory = {};
  try {
    for (let p = 0; p < plan.pairs.length; p++) {
      solutions.push(solvePair(rows, plan, p, opts, memory, folds?.[p]));
      opts.onProgress?.(p + 1, plan.pairs.length);
    }
  } finally {
    // The kernel matrix's memory serves the thread's next fit.
    if (rows instanceof PrecomputedKernelRows && rows.matrix) releaseSmoKernelMatrix(rows.matrix);
  }
  return poolPairs(plan, solutions);
}

/** The samples of the plan's largest pair. */
export function maxPairSize(plan: OvoPlan): number {
  let most = 0;
  for (const [ci, cj] of plan.pairs) most = Math.max(most, plan.count[ci] + plan.count[cj]);
  return most;
}

/** Pools the support vectors of all pairs into one model, as libsvm does. */
export function poolPairs(plan: OvoPlan, solutions: PairSolution[]): OvoModel {
  const { nClasses, count, start, perm, pairs } = plan;
  const l = perm.length;
  const nonzero = new Uint8Array(l);
  const rho = new Float64Array(pairs.length);
  const nIter = new Int32Array(pairs.length);
  let hitMaxIter = false;
  pairs.forEach(([ci, cj], p) => {
    const { coef } = solutions[p];
    const ni = count[ci];
    for (let k = 0; k < ni; k++) if (coef[k] !== 0) nonzero[start[ci] + k] = 1;
    for (let k = 0; k < count[cj]; k++) if (coef[ni + k] !== 0) nonzero[start[cj] + k] = 1;
    rho[p] = solutions[p].rho;
    nIter[p] = solutions[p].iterations;
    hitMaxIter ||= solutions[p].hitMaxIter;
  });

  // Pool the support vectors: position in the grouped order → position among SVs.
  const nSupport = new Int32Array(nClasses);
  const svPos = new Int32Array(l).fill(-1);
  const supportList: number[] = [];
  for (let g = 0; g < l; g++) {
    if (!nonzero[g]) continue;
    svPos[g] = supportList.length;
    supportList.push(perm[g]);
  }
  for (let c = 0; c < nClasses; c++) {
    for (let k = 0; k < count[c]; k++) if (nonzero[start[c] + k]) nSupport[c]++;
  }
  const nSV = supportList.length;
  const dualCoef = new Matrix(Math.max(nClasses - 1, 1), nSV);
  // Plain loops writing the array (not a callback per pair calling `set`): a process's first fit runs this
  // unoptimized, and the callback's 8,000 calls of `set` took 5–9 ms of the digits example's first fit.
  const dc = dualCoef.data;
  for (let p = 0; p < pairs.length; p++) {
    const [ci, cj] = pairs[p];
    const { coef } = solutions[p];
    const ni = count[ci];
    // Class ci's vectors get their coefficient in row cj−1, class cj's in row ci.
    const r1 = (cj - 1) * nSV;
    for (let k = 0; k < ni; k++) {
      const s = svPos[start[ci] + k];
      if (s >= 0) dc[r1 + s] = coef[k];
    }
    const r2 = ci * nSV;
    for (let k = 0; k < count[cj]; k++) {
      const s = svPos[start[cj] + k];
      if (s >= 0) dc[r2 + s] = coef[ni + k];
    }
  }
  const probabilities = solutions.length > 0 && solutions.every((s) => s.sigmoid);
  const probA = probabilities ? Float64Array.from(solutions, (s) => s.sigmoid!.A) : null;
  const probB = probabilities ? Float64Array.from(solutions, (s) => s.sigmoid!.B) : null;
  return { support: Int32Array.from(supportList), nSupport, dualCoef, rho, nIter, hitMaxIter, probA, probB };
}

/**
 * Adds to `sums` (n × pairs, pairs (i, j) in the order (0,1), (0,2), …, (1,2), …)
 * the terms of libsvm's decision values that come from the support vectors
 * [from, to), whose kernel with the n queries is `K` (n × (to − from)).
 *
 * Over consecutive ranges from 0 to nSV, starting from zero sums, every sum
 * gets libsvm's terms in libsvm's order (class i's vectors, then class j's),
 * so `sums − rho` are its decision values bit for bit, whatever the ranges.
 */
export function addDecisionTerms(
  K: Float64Array,
  n: number,
  from: number,
  to: number,
  nSupport: Int32Array,
  svStart: Int32Array,
  dualCoef: Matrix,
  sums: Float64Array,
): void {
  const nClasses = nSupport.length;
  const nSV = dualCoef.cols;
  const width = to - from;
  const nPairs = (nClasses * (nClasses - 1)) / 2;
  const coef = dualCoef.data;
  // Class c's support vectors within [from, to).
  const lo = new Int32Array(nClasses);
  const hi = new Int32Array(nClasses);
  for (let c = 0; c < nClasses; c++) {
    lo[c] = Math.max(from, svStart[c]);
    hi[c] = Math.min(to, svStart[c] + nSupport[c]);
  }
  // Four queries at a time: four independent sums in flight instead of one chain of dependent additions
  // (each sum still adds its terms in libsvm's order). On the digits example (899 queries, 519 support
  // vectors) the one-query loop took 14 ms of a 27 ms prediction.
  const n4 = n - (n % 4);
  for (let q = 0; q < n4; q += 4) {
    const k0 = q * width - from;
    const k1 = k0 + width;
    const k2 = k1 + width;
    const k3 = k2 + width;
    let p = q * nPairs;
    for (let ci = 0; ci < nClasses; ci++) {
      for (let cj = ci + 1; cj < nClasses; cj++) {
        let s0 = sums[p];
        let s1 = sums[p + nPairs];
        let s2 = sums[p + 2 * nPairs];
        let s3 = sums[p + 3 * nPairs];
        const r1 = (cj - 1) * nSV;
        for (let s = lo[ci]; s < hi[ci]; s++) {
          const c = coef[r1 + s];
          s0 += c * K[k0 + s];
          s1 += c * K[k1 + s];
          s2 += c * K[k2 + s];
          s3 += c * K[k3 + s];
        }
        const r2 = ci * nSV;
        for (let s = lo[cj]; s < hi[cj]; s++) {
          const c = coef[r2 + s];
          s0 += c * K[k0 + s];
          s1 += c * K[k1 + s];
          s2 += c * K[k2 + s];
          s3 += c * K[k3 + s];
        }
        sums[p] = s0;
        sums[p + nPairs] = s1;
        sums[p + 2 * nPairs] = s2;
        sums[p + 3 * nPairs] = s3;
        p++;
      }
    }
  }
  for (let q = n4; q < n; q++) {
    const kq = q * width - from;
    let p = q * nPairs;
    for (let ci = 0; ci < nClasses; ci++) {
      for (let cj = ci + 1; cj < nClasses; cj++) {
        let sum = sums[p];
        // Class ci's vectors have their coefficient for this pair in row cj−1, class cj's in row ci.
        const r1 = (cj - 1) * nSV;
        for (let s = lo[ci]; s < hi[ci]; s++) sum += coef[r1 + s] * K[kq + s];
        const r2 = ci * nSV;
        for (let s = lo[cj]; s < hi[cj]; s++) sum += coef[r2 + s] * K[kq + s];
        sums[p++] = sum;
      }
    }
  }
}

/**
 * libsvm's vote: each pair votes for i when its value is > 0, else for j; ties go to the lower class.
 * @param winnerVotes if given, receives the votes the winner of each row got.
 */
export function ovoVote(dec: Matrix, nClasses: number, winnerVotes?: Int32Array): Int32Array {
  const out = new Int32Array(dec.rows);
  const votes = new Int32Array(nClasses);
  for (let q = 0; q < dec.rows; q++) {
    votes.fill(0);
    let p = 0;
    for (let ci = 0; ci < nClasses; ci++) {
      for (let cj = ci + 1; cj < nClasses; cj++) {
        if (dec.data[q * dec.cols + p] > 0) votes[ci]++;
        else votes[cj]++;
        p++;
      }
    }
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (votes[c] > votes[best]) best = c;
    out[q] = best;
    if (winnerVotes) winnerVotes[q] = votes[best];
  }
  return out;
}

/**
 * scikit-learn's one-vs-rest shape from one-vs-one values: each class's
 * votes plus its summed confidence squashed into (−⅓, ⅓), so that the
 * confidences break ties without overturning a vote.
 */
export function ovrFromOvo(dec: Matrix, nClasses: number): Matrix {
  const out = new Matrix(dec.rows, nClasses);
  const votes = new Float64Array(nClasses);
  const conf = new Float64Array(nClasses);
  for (let q = 0; q < dec.rows; q++) {
    votes.fill(0);
    conf.fill(0);
    let p = 0;
    for (let ci = 0; ci < nClasses; ci++) {
      for (let cj = ci + 1; cj < nClasses; cj++) {
        const v = dec.data[q * dec.cols + p];
        // scikit-learn: prediction "j" when v < 0, confidence −v.
        conf[ci] += v;
        conf[cj] -= v;
        if (v < 0) votes[cj]++;
        else votes[ci]++;
        p++;
      }
    }
    for (let c = 0; c < nClasses; c++) {
      out.data[q * nClasses + c] = votes[c] + conf[c] / (3 * (Math.abs(conf[c]) + 1));
    }
  }
  return out;
}

/**
 * Solves a problem of two samples and keeps its solver, Q matrix, cache and kernel rows alive for good
 * (a few hundred bytes). V8's optimized code for the solver is bound to the hidden classes of these
 * objects, which only live instances keep: a full garbage collection between two fits (the benchmark
 * harness makes one before each prediction) collected them, threw the optimized solver away, and the
 * next fit of the digits example ran unoptimized for most of its time, 130 ms instead of 35. The numbers
 * are doubles, as in most real problems, so that the hidden classes are the general ones.
 */
function keepSolverShapes(): void {
  keptKernel = { kind: 'rbf', gamma: 0.5 };
  const rows = new PrecomputedKernelRows(Float32Array.of(1, 0.5, 0.5, 1), 2, Float64Array.of(1, 1));
  const y = Int8Array.of(1, -1);
  const Q = new SvcQMatrix(rows, Int32Array.of(0, 1), y, 64);
  solveBinary({ Q, y, Cp: 0.5, Cn: 0.5, tol: 0.001, shrinking: true, maxIter: Infinity }, true);
}
let keptKernel: Kernel | undefined;
keepSolverShapes();
