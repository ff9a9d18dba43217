/**
 * libsvm's SMO solver in WebAssembly (smo.wat), for the binary problems whose
 * whole Q matrix fits a small memory: the same steps and the same arithmetic
 * as svm/solver.ts, so the same bits. The kernel values come from the caller,
 * a row of Q at a time when the solver first reads it.
 */
import { wasmApi, type WasmMemory } from './webassembly-api.js';
import { smoWasm } from './smo.wasm.js';
import { wasmModule } from './load.js';

/** The solver's state when it stops, as views of its memory (valid until the next solve). */
export interface SmoResult {
  iterations: number;
  /** The active set's size (positions from it on were shrunk). */
  activeSize: number;
  /** By position: α, the gradient, the status (0 lower bound, 1 upper, 2 free), ±1, and the original index. */
  alpha: Float64Array;
  G: Float64Array;
  status: Int32Array;
  y: Int8Array;
  active: Int32Array;
}

/** What the solver reads a row of Q from: out[k] = y_i·y_k·K(samples[i], samples[k]) for every k < l. */
export type FillQRow = (i: number, samples: Int32Array, y: Int8Array, out: Float32Array) => void;

/** The solver's inputs: the samples (any ids `fill` understands), ±1 labels, and libsvm's parameters. */
export interface SmoProblem {
  samples: Int32Array;
  y: Int8Array;
  /** Q[i][i] per sample, in double precision. */
  QD: Float64Array;
  fill: FillQRow;
  Cp: number;
  Cn: number;
  tol: number;
  shrinking: boolean;
  maxIter: number;
}

/**
 * The largest Q the solver holds, in bytes: 16 MB, 2,048 samples. The memory stays with the thread for
 * good (it is reused problem after problem), so larger problems keep the JavaScript solver and its
 * kernel-row cache, whose time goes to kernel values rather than to the solver's own steps.
 */
export const SMO_MAX_Q_BYTES = 16 * 2 ** 20;

interface SmoInstance {
  memory: WasmMemory;
  setup: (...args: number[]) => void;
  solve: (shrinking: number, maxIter: number) => number;
  activeSize: () => number;
  unshrinkAll: () => void;
  kernelMatrix: (...args: number[]) => void;
  exp: (x: number) => number;
  exp2Array: (at: number, n: number) => void;
  decisionTerms: (...args: number[]) => void;
  rbfBlock: (at: number, rows: number, width: number, normsA: number, normsB: number, negGamma: number) => void;
  /** Row filler of the problem being solved (the module's import calls it). */
  fillRow: (i: number) => void;
  /** Where the problems' arrays start: after the kernel matrix, if the memory holds one. */
  heap: number;
  /** The kernel matrix's side (0: none); it sits at byte 0. */
  kn: number;
  /** Whether a fit is using the kernel matrix in this memory. */
  busy: boolean;
}

/** An instance of the solver with a memory of `bytes` bytes at least. */
function newInstance(bytes: number): SmoInstance | null {
  const mod = wasmModule(smoWasm);
  if (!mod) return null;
  const self = { fillRow: (_i: number) => {}, heap: 0, kn: 0, busy: false } as SmoInstance;
  const exports = new wasmApi!.Instance(mod, { env: { fill: (i: number) => self.fillRow(i) } }).exports;
  self.memory = exports.memory as WasmMemory;
  const pages = Math.ceil(bytes / 65536) - self.memory.buffer.byteLength / 65536;
  if (pages > 0) self.memory.grow(pages);
  self.setup = exports.setup as SmoInstance['setup'];
  self.solve = exports.solve as SmoInstance['solve'];
  self.activeSize = exports.activeSize as SmoInstance['activeSize'];
  self.unshrinkAll = exports.unshrinkAll as SmoInstance['unshrinkAll'];
  self.kernelMatrix = exports.kernelMatrix as SmoInstance['kernelMatrix'];
  self.exp = exports.exp as SmoInstance['exp'];
  self.exp2Array = exports.exp2Array as SmoInstance['exp2Array'];
  self.decisionTerms = exports.decisionTerms as SmoInstance['decisionTerms'];
  self.rbfBlock = exports.rbfBlock as SmoInstance['rbfBlock'];
  return self;
}

/** The thread's solver for problems whose Q rows come from the caller; kept, and grown as needed. */
let instance: SmoInstance | null | undefined;

function smoInstance(): SmoInstance | null {
  if (instance === undefined) instance = newInstance(0);
  return instance;
}

/** The module's exp (the kernel matrix's), for the tests that check it against Math.exp; null without WebAssembly. */
export function smoExp(): ((x: number) => number) | null {
  return smoInstance()?.exp ?? null;
}

/** The module's two-lane exp on `values` (an even count), for the tests; null without WebAssembly. */
export function smoExp2(values: Float64Array): Float64Array | null {
  const smo = smoInstance();
  if (!smo) return null;
  const have = smo.memory.buffer.byteLength;
  if (8 * values.length > have) smo.memory.grow(Math.ceil((8 * values.length - have) / 65536));
  const view = new Float64Array(smo.memory.buffer, 0, values.length);
  view.set(values);
  smo.exp2Array(0, values.length);
  return Float64Array.from(view);
}

/** Whether the WebAssembly solver takes a problem of `l` samples within a cache budget of `cacheBytes`. */
export function smoFits(l: number, cacheBytes: number): boolean {
  return l >= 2 && 4 * l * l <= Math.min(cacheBytes, SMO_MAX_Q_BYTES) && smoInstance() !== null;
}

/** The bytes of a problem of l samples, and where its arrays go from byte `at`. */
function layout(l: number, at: number) {
  // Rows padded to 4 floats (16 bytes), the arrays after Q 16-byte aligned.
  const rowLen = (l + 3) & ~3;
  const rowBytes = 4 * rowLen;
  const qAt = (at + 15) & ~15;
  const qdAt = qAt + rowBytes * l;
  const gAt = qdAt + 8 * rowLen;
  const gbarAt = gAt + 8 * rowLen;
  const aAt = gbarAt + 8 * rowLen;
  const actAt = aAt + 8 * rowLen;
  const smpAt = actAt + 4 * rowLen;
  const flAt = smpAt + 4 * rowLen;
  const stAt = flAt + 4 * rowLen;
  const masksAt = stAt + 4 * rowLen;
  const yAt = masksAt + 3 * 8 * rowLen;
  return { rowBytes, qAt, qdAt, gAt, gbarAt, aAt, actAt, smpAt, flAt, stAt, masksAt, yAt, end: yAt + rowLen };
}

/**
 * A kernel matrix computed and held in a solver's own memory, which reads Q's rows from it: filling a
 * row there takes a fraction of the JavaScript loop's time (2.7 ms of the digits example's fit), and
 * the matrix's own steps (the dot products, the RBF values, the mirrored half) run compiled from a
 * process's first fit on. One per fit, collected with it.
 */
export interface SmoKernelMatrix {
  /** The n × n kernel matrix, float32, row-major. */
  K: Float32Array;
  /** The solver whose memory holds K (it never grows: that would detach K). */
  readonly solver: object;
}

/**
 * The kernel matrix of X's rows (n × d, row-major; `norms` their squared norms) in a new solver's
 * memory, with room after it for problems of up to `maxL` samples: the same values, bit for bit, as
 * kernel-rows.ts's kernelMatrix. Null where WebAssembly is missing, the memory would pass `maxBytes`,
 * the problems are too large for the solver, or the kernel has no formula here.
 */
export function smoKernelMatrix(
  X: Float64Array,
  n: number,
  d: number,
  norms: Float64Array,
  kind: string,
  gamma: number,
  maxL: number,
  maxBytes: number,
): SmoKernelMatrix | null {
  const kindCode = kind === 'rbf' ? 0 : kind === 'linear' ? 1 : -1;
  if (kindCode < 0 || 4 * maxL * maxL > SMO_MAX_Q_BYTES) return null;
  const even = (k: number) => k + (k % 2);
  const kBytes = (4 * n * n + 15) & ~15;
  const stride = even(d);
  // As kernelMatrix's blocks: about 65,536 dot products each.
  const block = Math.max(2, Math.floor(65536 / Math.max(1, n)) & ~1);
  const xAt = kBytes;
  const normsAt = xAt + 8 * even(n) * stride;
  const dotsAt = normsAt + 8 * even(n);
  // The problems' arrays reuse the room of the rows, norms and dot products once K is made.
  const bytes = Math.max(dotsAt + 8 * block * even(n), layout(maxL, kBytes).end);
  if (bytes > maxBytes) return null;
  let solver: SmoInstance | null = kept && !kept.busy && bytes <= KEPT_MATRIX_BYTES ? kept : null;
  if (solver) {
    const have = solver.memory.buffer.byteLength;
    if (bytes > have) solver.memory.grow(Math.ceil((bytes - have) / 65536));
  } else {
    try {
      solver = newInstance(bytes);
    } catch {
      return null; // no memory that large
    }
    if (!solver) return null;
    if (!kept && bytes <= KEPT_MATRIX_BYTES) kept = solver;
  }
  solver.heap = kBytes;
  solver.kn = n;
  solver.busy = true;
  const buffer = solver.memory.buffer;
  const rows = new Float64Array(buffer, xAt, even(n) * stride);
  // The padding (a column for odd d, a row for odd n) must be zeros: the memory may be a kept one.
  if (stride !== d || n % 2) rows.fill(0);
  if (stride === d) rows.set(X.subarray(0, n * d));
  else for (let r = 0; r < n; r++) rows.set(X.subarray(r * d, (r + 1) * d), r * stride);
  new Float64Array(buffer, normsAt, n).set(norms);
  solver.kernelMatrix(n, stride, block, xAt, normsAt, dotsAt, 0, kindCode, gamma);
  return { K: new Float32Array(buffer, 0, n * n), solver };
}

/**
 * The thread's solver for kernel matrices up to 16 MB, reused fit after fit when free: a new memory for
 * each fit (3.7 MB on the digits example) cost its allocation, its zeroing and the collector's work.
 */
let kept: SmoInstance | undefined;
const KEPT_MATRIX_BYTES = 16 * 2 ** 20;

/** Hands the memory of a kernel matrix back once its fit is done (K must not be read after). */
export function releaseSmoKernelMatrix(matrix: SmoKernelMatrix): void {
  (matrix.solver as SmoInstance).busy = false;
}

/** Solves `problem` in WebAssembly; null where WebAssembly is missing or `DIGITKIT_BACKEND=js`. */
export function solveSmo(problem: SmoProblem, matrix?: SmoKernelMatrix): SmoResult | null {
  const l = problem.y.length;
  // The kernel matrix's own solver when the problem fits beside it; else the thread's, through `fill`.
  const mine = matrix?.solver as SmoInstance | undefined;
  const own = mine && layout(l, mine.heap).end <= mine.memory.buffer.byteLength ? mine : null;
  const smo = own ?? smoInstance();
  if (!smo) return null;
  const { rowBytes, qAt, qdAt, gAt, gbarAt, aAt, actAt, smpAt, flAt, stAt, masksAt, yAt, end: bytes } = layout(l, smo.heap);
  const have = smo.memory.buffer.byteLength;
  if (bytes > have) smo.memory.grow(Math.ceil((bytes - have) / 65536));
  const buffer = smo.memory.buffer;
  const QD = new Float64Array(buffer, qdAt, l);
  const samples = new Int32Array(buffer, smpAt, l);
  const y = new Int8Array(buffer, yAt, l);
  QD.set(problem.QD);
  samples.set(problem.samples);
  y.set(problem.y);
  const fill = problem.fill;
  // Without a kernel matrix here: `samples` are the caller's ids.
  smo.fillRow = (i) => fill(i, samples, y, new Float32Array(buffer, qAt + i * rowBytes, l));
  smo.setup(l, rowBytes, qAt, qdAt, gAt, gbarAt, aAt, actAt, smpAt, flAt, stAt, yAt, masksAt, 0, own ? smo.kn : 0, problem.Cp, problem.Cn, problem.tol);
  const maxIter = Math.min(Math.ceil(problem.maxIter), 2 ** 31 - 1);
  const iterations = smo.solve(problem.shrinking ? 1 : 0, maxIter);
  if (iterations >= problem.maxIter && smo.activeSize() < l) smo.unshrinkAll();
  smo.fillRow = () => {};
  return {
    iterations,
    activeSize: smo.activeSize(),
    alpha: new Float64Array(buffer, aAt, l),
    G: new Float64Array(buffer, gAt, l),
    status: new Int32Array(buffer, stAt, l),
    y,
    active: new Int32Array(buffer, actAt, l),
  };
}

/**
 * Prediction's one-vs-one sums in WebAssembly: for each support vector, its (nClasses − 1)
 * coefficients side by side, so that one kernel value feeds every sum it enters (two sums per
 * instruction, eight in flight), class after class so that each sum still gets libsvm's order.
 * ovo.ts's addDecisionTerms, four queries at a time, took 5.2 ms of the digits example's 18 ms
 * prediction. Take the room with {@link takeDecisionBlocks}, give it back with `release`.
 */
export interface DecisionBlocks {
  /** Room for a chunk's kernel values (queries × support vectors of the chunk, row-major). */
  values: Float64Array;
  /** The block's sums, `sumsRow` per query (the pairs', then a spare slot). */
  sums: Float64Array;
  sumsRow: number;
  /**
   * Adds the terms of the support vectors [from, to) (kernel values in `values`, nQ × (to − from)) to
   * the sums of the first nQ queries.
   */
  add(nQ: number, from: number, to: number): void;
  /** The squared norms of the block's queries (`maxRows`) and of the chunk's vectors (`maxCols`), for `rbf`. */
  normsA: Float64Array;
  normsB: Float64Array;
  /**
   * values[q·width + j] = exp(−γ·max(0, normsA[q] + normsB[j] − 2·values[q·width + j])) for q < nQ, j < width:
   * applyKernel's RBF values with the module's exp (Math.exp's bits), compiled from a process's first
   * prediction on, where the TypeScript loop waited for V8's optimizing compiler.
   */
  rbf(nQ: number, width: number, gamma: number): void;
  release(): void;
}

let decisionInstance: SmoInstance | null | undefined;
let decisionBusy = false;

/**
 * The thread's room for the sums of a model with `nSupport` vectors per class, coefficients `coef`
 * ((nClasses − 1) × nSV, row-major: scikit-learn's dual_coef_), and blocks of up to `maxRows` queries
 * and `maxCols` vectors; null where WebAssembly is missing or another caller holds it.
 */
export function takeDecisionBlocks(nSupport: Int32Array, coef: Float64Array, maxRows: number, maxCols: number): DecisionBlocks | null {
  if (decisionBusy) return null;
  if (decisionInstance === undefined) decisionInstance = newInstance(0);
  const smo = decisionInstance;
  if (!smo) return null;
  const nClasses = nSupport.length;
  const nSV = nSupport.reduce((a, b) => a + b, 0);
  const nPairs = (nClasses * (nClasses - 1)) / 2;
  const R = (nClasses - 1) + ((nClasses - 1) % 2);
  const sumsRow = nPairs + 1;
  const valuesAt = 0;
  const sumsAt = valuesAt + 8 * maxRows * maxCols;
  const segAt = sumsAt + 8 * maxRows * sumsRow;
  const pairAt = segAt + 8 * nClasses;
  const normsAAt = (pairAt + 4 * nClasses * R + 15) & ~15;
  const normsBAt = normsAAt + 8 * maxRows;
  const coefAt = (normsBAt + 8 * maxCols + 16 + 15) & ~15;
  const bytes = coefAt + 8 * nSV * R;
  const have = smo.memory.buffer.byteLength;
  if (bytes > have) smo.memory.grow(Math.ceil((bytes - have) / 65536));
  const buffer = smo.memory.buffer;
  // Where pair (i, j), i < j, sits in libsvm's order (0,1), (0,2), …, (1,2), …
  const pairIndex = (i: number, j: number) => i * nClasses - (i * (i + 1)) / 2 + (j - i - 1);
  const pairOf = new Int32Array(buffer, pairAt, nClasses * R);
  for (let c = 0; c < nClasses; c++) {
    for (let r = 0; r < R; r++) {
      // Row r of a class-c vector's coefficients is its pair with class r (r < c) or r + 1 (r >= c).
      const o = r < c ? r : r + 1;
      pairOf[c * R + r] = r < nClasses - 1 ? pairIndex(Math.min(c, o), Math.max(c, o)) : nPairs;
    }
  }
  const coefT = new Float64Array(buffer, coefAt, nSV * R);
  for (let r = 0; r < nClasses - 1; r++) for (let s = 0; s < nSV; s++) coefT[s * R + r] = coef[r * nSV + s];
  if (R > nClasses - 1) for (let s = 0; s < nSV; s++) coefT[s * R + R - 1] = 0;
  const seg = new Int32Array(buffer, segAt, 2 * nClasses);
  const start = new Int32Array(nClasses);
  for (let c = 1; c < nClasses; c++) start[c] = start[c - 1] + nSupport[c - 1];
  decisionBusy = true;
  return {
    values: new Float64Array(buffer, valuesAt, maxRows * maxCols),
    sums: new Float64Array(buffer, sumsAt, maxRows * sumsRow),
    sumsRow,
    normsA: new Float64Array(buffer, normsAAt, maxRows),
    normsB: new Float64Array(buffer, normsBAt, maxCols),
    rbf: (nQ, width, gamma) => smo.rbfBlock(valuesAt, nQ, width, normsAAt, normsBAt, -gamma),
    add(nQ, from, to) {
      for (let c = 0; c < nClasses; c++) {
        seg[2 * c] = Math.max(from, start[c]);
        seg[2 * c + 1] = Math.min(to, start[c] + nSupport[c]);
      }
      smo.decisionTerms(valuesAt, nQ, to - from, from, coefAt, R, pairAt, segAt, nClasses, sumsAt, sumsRow);
    },
    release: () => {
      decisionBusy = false;
    },
  };
}
