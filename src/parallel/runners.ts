/**
 * Prediction spread over worker threads (Node only). The search behind
 * k-NN and TemplateMatcher is split into ranges of queries; the model's
 * arrays (training rows, references, the pruned search's index) and the
 * queries sit on shared memory, so no worker copies them. Results are
 * identical to the single-threaded calls.
 */
import { availableParallelism } from 'node:os';
import type { Classifier } from '../base/protocol.js';
import { Matrix } from '../core/matrix.js';
import { readProgress, type ProgressCallback, type ProgressOptions } from '../core/progress.js';
import { checkNumber, type FeatureInput, type LabelInput } from '../core/validation.js';
import { allocateProjection, buildBoundIndex, finishBoundIndex, indexAxes, type BoundIndex } from '../neighbors/bounded-search.js';
import { KNeighborsClassifier, type KNeighborsResult } from '../neighbors/k-neighbors-classifier.js';
import type { PreparedRows } from '../neighbors/metric.js';
import { runSearchReporting, type SearchPlan } from '../neighbors/plan.js';
import type { NeighborResult } from '../neighbors/search.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { kernelMatrix, rowSquaredNorms, type Kernel } from '../svm/kernel-rows.js';
import { ovoPlan, poolPairs, precomputesKernel, trainOneVsOne, type PairSolution } from '../svm/ovo.js';
import { PREDICT_BLOCK } from '../svm/decision-values.js';
import { SVC } from '../svm/svc.js';
import { runMatchesReporting, type MatchPlan, type TopMatches } from '../template/pruned-matches.js';
import { TemplateMatcher } from '../template/template-matcher.js';
import { shareCsrRows } from '../compute/wasm/csr-rows-kernel.js';
import { shareDotRows } from '../compute/wasm/dot-rows-kernel.js';
import { releaseScratch, reserveScratch } from '../compute/wasm/scratch.js';
import { sharedArray, sharedDotRows, sharedIndex, sharedRows, toShared } from './shared-memory.js';
import type { SvcPredictJob } from '../svm/predict-worker.js';
import type { SvcFitJob } from '../svm/fit-worker.js';
import { runRanges } from './worker-pool.js';

/** Options of {@link predictParallel}, {@link fitParallel} and {@link kneighborsParallel}. */
export interface ParallelOptions extends ProgressOptions {
  /** Worker threads: an integer >= 1. Default: every core (`os.availableParallelism()`). */
  nJobs?: number;
}

/**
 * Below this many multiply-adds (of a brute-force search: queries × rows ×
 * features × shifts; of an SVC's kernel: samples² × features), about a second
 * of work, starting threads (a few tenths of a second) costs more than it
 * saves: the work runs on the calling thread.
 */
const MIN_PARALLEL_WORK = 1e9;
/** Ranges handed out per worker: several, so that a slow range does not leave the other workers idle. */
const RANGES_PER_WORKER = 4;
/**
 * The SVC's threads keep their data in typed arrays, outside the JavaScript
 * heap, and allocate little on it: a small young generation saves memory at no
 * cost in time (MNIST 10,000, 2 threads: the fit's peak 259 → 245–249 MB, the
 * prediction's 261 → 257 MB, the same times).
 */
const SVC_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2 };

/**
 * The predictions of `model` for the rows of X, computed on worker threads
 * where the model supports it: `KNeighborsClassifier`, `TemplateMatcher`,
 * `SVC`, or a `Pipeline` ending in one (its transformers run on the calling
 * thread first). Other models predict on the calling thread. Same result as
 * `model.predict(X)`. `onProgress(done, total)` counts queries.
 *
 * @throws what `model.predict(X)` throws for bad input, before any thread starts;
 *   an Error naming the call if a worker thread fails.
 */
export async function predictParallel(model: Classifier, X: FeatureInput, options: ParallelOptions = {}): Promise<Int32Array> {
  const where = 'predictParallel';
  const { nJobs, onProgress } = readJobs(options, where);
  if (model instanceof Pipeline) return predictParallel(model.classifier, model.transform(X), { nJobs, onProgress });
  if (model instanceof KNeighborsClassifier) {
    const plan = await planSearchParallel(model, X, 'KNeighborsClassifier.predict', model.nNeighbors, nJobs, where);
    return model.predictFromNeighbors(await searchParallel(plan, nJobs, where, onProgress));
  }
  if (model instanceof TemplateMatcher) {
    const plan = await planMatchesParallel(model, X, nJobs, where);
    return model.predictFromMatches(await matchParallel(plan, nJobs, where, onProgress));
  }
  if (model instanceof SVC) return svcPredictParallel(model, X, nJobs, where, onProgress);
  return model.predict(X, { onProgress });
}

/**
 * SVC predictions by ranges of queries: the kernel between the queries and
 * the support vectors is most of the work, and splits cleanly by query. The
 * model's arrays go to shared memory once per model (none is copied when they
 * live there already); the queries are read where they are when they do.
 */
async function svcPredictParallel(svc: SVC, X: FeatureInput, nJobs: number, where: string, onProgress?: ProgressCallback): Promise<Int32Array> {
  const Xm = svc.checkQueries(X, 'SVC.predict');
  if (nJobs === 1 || Xm.rows * svc.supportVectors.rows * Xm.cols < MIN_PARALLEL_WORK) return svc.predict(Xm, { onProgress });
  const p = svc.predictor('SVC.predict');
  const sv = p.supportVectors;
  const shared = sharedDotRows(sv, PREDICT_BLOCK);
  const simd = shared && reserveScratch(shared, nJobs);
  const out = new Int32Array(Xm.rows);
  try {
    await runRanges<{ start: number; predicted: Int32Array }>({
      worker: '../svm/predict-worker',
      importerUrl: import.meta.url,
      resourceLimits: SVC_WORKER_LIMITS,
      workerData: {
        model: {
          kernel: p.kernel,
          classes: p.classes,
          svNorms: sharedArray(p.svNorms),
          nSupport: p.nSupport,
          dualCoef: { rows: p.dualCoef.rows, cols: p.dualCoef.cols, data: sharedArray(p.dualCoef.data) },
          rho: p.rho,
        },
        supportVectors: simd ? { simd } : { matrix: { rows: sv.rows, cols: sv.cols, data: sharedArray(sv.data) } },
        queries: { rows: Xm.rows, cols: Xm.cols, data: toShared(Xm.data) },
      } satisfies SvcPredictJob,
      total: Xm.rows,
      rangeSize: rangeSize(Xm.rows, nJobs),
      nJobs,
      where,
      onProgress,
      onResult: (m) => out.set(m.predicted, m.start),
    });
  } finally {
    if (simd) releaseScratch(simd);
  }
  return out;
}

/**
 * `svc.fit(X, y)` with the one-vs-one pairs spread over `nJobs` worker
 * threads (default: every core); resolves to `svc`, fitted to the very same
 * model as `fit` gives. `cacheSize` MB is the budget of the whole fit: the
 * threads' kernel-row caches share it, as if one process. `onProgress(done, total)`
 * counts the pairs finished.
 *
 * @throws what `svc.fit` throws for bad parameters or data, before any thread
 *   starts; an Error naming the call if a worker thread fails.
 */
export async function fitParallel(
  svc: SVC,
  X: FeatureInput,
  y: LabelInput,
  options: ParallelOptions = {},
): Promise<SVC> {
  const where = 'fitParallel';
  const { nJobs, onProgress } = readJobs(options, where);
  if (!(svc instanceof SVC)) throw new TypeError(`${where}: argument 'svc' must be an SVC`);
  const job = svc.prepareFit(X, y, 'SVC.fit');
  const plan = ovoPlan(job.yIndex, job.classes.length);
  const nPairs = plan.pairs.length;
  // Small problems (under about 10⁹ multiply-adds for their kernel, n² × features) train faster without threads.
  if (nJobs === 1 || nPairs === 1 || job.X.rows * job.X.rows * job.X.cols < MIN_PARALLEL_WORK) return svc.finishFit(job, trainOneVsOne(job.X, job.yIndex, job.classes.length, job.kernel, { ...job.options, onProgress }));
  const solutions: PairSolution[] = new Array(nPairs);
  const threads = Math.min(nJobs, nPairs);
  // cacheSize is the budget of the whole fit, as of libsvm's one process: each thread's cache gets its share.
  const pairOptions = { ...job.options, cacheBytes: job.options.cacheBytes / threads };
  const rows = trainingRows(job.X, job.kernel, job.options.cacheBytes, threads);
  try {
    await runRanges<{ start: number; solutions: PairSolution[] }>({
      worker: '../svm/fit-worker',
      importerUrl: import.meta.url,
      resourceLimits: SVC_WORKER_LIMITS,
      workerData: { rows, kernel: job.kernel, plan, options: pairOptions } satisfies SvcFitJob,
      total: nPairs,
      rangeSize: 1,
      nJobs,
      where,
      onProgress,
      onResult: (m) => m.solutions.forEach((sol, i) => (solutions[m.start + i] = sol)),
    });
  } finally {
    if ('simd' in rows) releaseScratch(rows.simd);
    if ('csr' in rows) releaseScratch(rows.csr);
  }
  return svc.finishFit(job, poolPairs(plan, solutions));
}

/**
 * What the workers of a fit read: the whole kernel matrix, computed once here
 * on shared memory, when it fits the cache; else the training rows on shared
 * WebAssembly memory for kernel rows computed on demand, with scratch space
 * for `threads` kernels: compressed (csr-rows-kernel.ts) where they suit, else
 * dense (where they are, or one copy); or a shared array for the TypeScript
 * loop without WebAssembly.
 */
function trainingRows(X: Matrix, kernel: Kernel, cacheBytes: number, threads: number): SvcFitJob['rows'] {
  const n = X.rows;
  if (precomputesKernel(n, cacheBytes)) return { kernelMatrix: kernelMatrix(X, kernel, true, new Float32Array(new SharedArrayBuffer(4 * n * n))), n };
  const norms = () => toShared(rowSquaredNorms(X));
  const csrRows = shareCsrRows(X.data, n, X.cols, n);
  const csr = csrRows && reserveScratch(csrRows, threads);
  if (csr) return { csr, norms: norms() };
  const shared = shareDotRows(X.data, n, X.cols, n);
  const simd = shared && reserveScratch(shared, threads);
  return simd ? { simd, norms: norms() } : { matrix: { rows: n, cols: X.cols, data: toShared(X.data) } };
}

/**
 * `knn.kneighbors(X, k)` on worker threads: the `k` nearest training samples
 * of each row of X (`k` defaults to `nNeighbors`), identical to the
 * single-threaded result.
 */
export async function kneighborsParallel(
  knn: KNeighborsClassifier,
  X: FeatureInput,
  options: ParallelOptions & { k?: number } = {},
): Promise<KNeighborsResult> {
  const where = 'kneighborsParallel';
  const { nJobs, onProgress } = readJobs(options, where, ['k']);
  if (!(knn instanceof KNeighborsClassifier)) throw new TypeError(`${where}: argument 'knn' must be a KNeighborsClassifier`);
  const k = options.k === undefined ? knn.nNeighbors : checkNumber(options.k, where, 'k', { integer: true, ge: 1, le: knn.nSamplesFit });
  const plan = await planSearchParallel(knn, X, 'KNeighborsClassifier.kneighbors', k, nJobs, where);
  const r = await searchParallel(plan, nJobs, where, onProgress);
  return { distances: new Matrix(r.indices.length / k, k, r.distances), indices: r.indices, k };
}

/** The `nJobs` option (default: every core) and `onProgress`, after checking that `options` names only those and `extra`. */
export function readJobs(options: ParallelOptions, where: string, extra: string[] = []): { nJobs: number; onProgress?: ProgressCallback } {
  const onProgress = readProgress(options, where, ['nJobs', ...extra]);
  const nJobs = options.nJobs === undefined ? availableParallelism() : checkNumber(options.nJobs, where, 'nJobs', { integer: true, ge: 1 });
  return { nJobs, onProgress };
}

/** `knn.planSearch`, with the pruned search's index (when it is due) built on worker threads. */
async function planSearchParallel(knn: KNeighborsClassifier, X: FeatureInput, call: string, k: number, nJobs: number, where: string): Promise<SearchPlan> {
  const plan = knn.planSearch(X, call, k, true);
  const rows = knn.indexRowsToBuild(plan.queries.rows);
  if (rows) {
    const index = await buildBoundIndexParallel(rows, nJobs, where);
    knn.adoptBoundIndex(index);
    plan.index = index;
  }
  return plan;
}

/** `tm.planMatches`, with the pruned search's index (when it is due) built on worker threads. */
async function planMatchesParallel(tm: TemplateMatcher, X: FeatureInput, nJobs: number, where: string): Promise<MatchPlan> {
  const plan = tm.planMatches(X, 'TemplateMatcher.predict', true);
  const rows = tm.indexRowsToBuild(plan.input.nQueries);
  if (rows) {
    plan.pruned = { rows, index: await buildBoundIndexParallel(rows, nJobs, where) };
    tm.adoptIndex(rows, plan.pruned.index);
  }
  return plan;
}

/**
 * `buildBoundIndex(rows)` with the projection of the rows (most of its time)
 * split over worker threads; the principal axes are found on the calling thread.
 */
async function buildBoundIndexParallel(rows: PreparedRows, nJobs: number, where: string): Promise<BoundIndex> {
  if (nJobs === 1) return buildBoundIndex(rows);
  const { axes, levels } = indexAxes(rows);
  const out = allocateProjection(axes, levels, rows.rows, (n) => new Float64Array(new SharedArrayBuffer(8 * n)));
  await runRanges({
    worker: '../neighbors/project-worker',
    importerUrl: import.meta.url,
    workerData: { axes, levels, data: sharedRows(rows, true).data, out },
    total: rows.rows,
    rangeSize: rangeSize(rows.rows, nJobs),
    nJobs,
    where,
    onResult: () => {},
  });
  return finishBoundIndex(axes, levels, out);
}

/** The range size that gives each of `nJobs` workers a few ranges. */
function rangeSize(total: number, nJobs: number): number {
  return Math.max(8, Math.ceil(total / (nJobs * RANGES_PER_WORKER)));
}

/** A k-NN plan's queries in ranges on `nJobs` workers, the ranges' results put together. */
async function searchParallel(plan: SearchPlan, nJobs: number, where: string, onProgress?: ProgressCallback): Promise<NeighborResult> {
  const nQ = plan.queries.rows;
  if (nJobs === 1 || nQ * plan.train.rows * plan.train.cols < MIN_PARALLEL_WORK) return runSearchReporting(plan, onProgress);
  const { k } = plan;
  const distances = new Float64Array(nQ * k);
  const indices = new Int32Array(nQ * k);
  await runRanges<{ start: number; distances: Float64Array; indices: Int32Array }>({
    worker: '../neighbors/search-worker',
    importerUrl: import.meta.url,
    workerData: {
      ...plan,
      train: sharedRows(plan.train, true),
      queries: sharedRows(plan.queries, false),
      index: plan.index && sharedIndex(plan.index),
    } satisfies SearchPlan,
    total: nQ,
    rangeSize: rangeSize(nQ, nJobs),
    nJobs,
    where,
    onProgress,
    onResult: (m) => {
      distances.set(m.distances, m.start * k);
      indices.set(m.indices, m.start * k);
    },
  });
  return { distances, indices };
}

/** A TemplateMatcher plan's queries in ranges on `nJobs` workers, the ranges' results put together. */
async function matchParallel(plan: MatchPlan, nJobs: number, where: string, onProgress?: ProgressCallback): Promise<TopMatches> {
  const { input, pruned } = plan;
  const nQ = input.nQueries;
  if (nJobs === 1 || nQ * input.nRefs * input.d * (input.shifts.length / 2) < MIN_PARALLEL_WORK) return runMatchesReporting(plan, onProgress);
  const { k } = input;
  const out: TopMatches = { topCorr: new Float64Array(nQ * k), topIndex: new Int32Array(nQ * k), topShift: new Int32Array(nQ * k), k };
  await runRanges<{ start: number; topCorr: Float64Array; topIndex: Int32Array; topShift: Int32Array }>({
    worker: '../template/match-worker',
    importerUrl: import.meta.url,
    workerData: {
      input: { ...input, queries: toShared(input.queries), refs: sharedArray(input.refs), refClass: sharedArray(input.refClass) },
      // The pruned search's rows are the references themselves: one shared copy serves both.
      pruned: pruned && {
        rows: { ...pruned.rows, data: sharedArray(pruned.rows.data), sqNorms: sharedArray(pruned.rows.sqNorms) },
        index: sharedIndex(pruned.index),
      },
    } satisfies MatchPlan,
    total: nQ,
    rangeSize: rangeSize(nQ, nJobs),
    nJobs,
    where,
    onProgress,
    onResult: (m) => {
      out.topCorr.set(m.topCorr, m.start * k);
      out.topIndex.set(m.topIndex, m.start * k);
      out.topShift.set(m.topShift, m.start * k);
    },
  });
  return out;
}
