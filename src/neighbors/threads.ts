/**
 * k-NN on worker threads (Node only): the neighbour search split into ranges
 * of queries, and the pruned search's index built with its projection split
 * over threads. The training rows, the index and the queries sit on shared
 * memory, so no thread copies them. Results are identical to the
 * single-threaded calls.
 */
import { provide } from '../base/capabilities.js';
import { threadedPredictHook, type ThreadOptions } from '../base/hooks.js';
import { Matrix } from '../core/matrix.js';
import type { ProgressCallback } from '../core/progress.js';
import { checkNumber, type FeatureInput } from '../core/validation.js';
import { readJobs, MIN_PARALLEL_WORK, rangeSize, type ParallelOptions } from '../parallel/jobs.js';
import { sharedIndex, sharedRows } from '../parallel/shared-memory.js';
import { runRanges } from '../parallel/worker-pool.js';
import { allocateProjection, buildBoundIndex, finishBoundIndex, indexAxes, type BoundIndex } from './bounded-search.js';
import { KNeighborsClassifier, type KNeighborsResult } from './k-neighbors-classifier.js';
import { adoptBoundIndex, indexRowsToBuild, planKnnSearch, predictFromNeighbors } from './knn-search.js';
import type { TrainRows } from './metric.js';
import { runSearchReporting, type SearchPlan } from './plan.js';
import type { NeighborResult } from './search.js';

/**
 * The k-NN's threads read typed arrays on shared memory and allocate little on
 * their JavaScript heap, so a small young generation does (as the SVC's): on
 * MNIST pixels (60,000 → 10,000, 2 threads, the caller's float rows kept) the
 * peak went 768–769 → 756–759 MB over three runs each, for the same CPU time
 * (user 11.5–13.0 s against 11.5–11.9 s). The index's projection threads are
 * TemplateMatcher's too (`buildBoundIndexOnThreads`), and as light.
 */
const KNN_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2 };

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
  const plan = await planOnThreads(knn, X, 'KNeighborsClassifier.kneighbors', k, nJobs, where);
  const r = await searchOnThreads(plan, nJobs, where, onProgress);
  return { distances: new Matrix(r.indices.length / k, k, r.distances), indices: r.indices, k };
}

/** `knn.predict(X)` on threads. */
async function predictOnThreads(knn: KNeighborsClassifier, X: FeatureInput, { nJobs, onProgress, where }: ThreadOptions): Promise<Int32Array> {
  const plan = await planOnThreads(knn, X, 'KNeighborsClassifier.predict', knn.nNeighbors, nJobs, where);
  return predictFromNeighbors(knn, await searchOnThreads(plan, nJobs, where, onProgress));
}

/** The search plan, with the pruned search's index (when it is due) built on worker threads. */
async function planOnThreads(knn: KNeighborsClassifier, X: FeatureInput, call: string, k: number, nJobs: number, where: string): Promise<SearchPlan> {
  const plan = planKnnSearch(knn, X, call, k, true);
  const rows = indexRowsToBuild(knn, plan.queries.rows);
  if (rows) {
    const index = await buildBoundIndexOnThreads(rows, nJobs, where);
    adoptBoundIndex(knn, index);
    plan.index = index;
  }
  return plan;
}

/**
 * `buildBoundIndex(rows)` with the projection of the rows (most of its time)
 * split over worker threads; the principal axes are found on the calling thread.
 */
export async function buildBoundIndexOnThreads(rows: TrainRows, nJobs: number, where: string): Promise<BoundIndex> {
  if (nJobs === 1) return buildBoundIndex(rows);
  const { axes, levels } = indexAxes(rows);
  const out = allocateProjection(axes, levels, rows.rows, (n) => new Float64Array(new SharedArrayBuffer(8 * n)));
  await runRanges({
    worker: './project-worker',
    importerUrl: import.meta.url,
    resourceLimits: KNN_WORKER_LIMITS,
    workerData: { axes, levels, rows: sharedRows(rows, true), out },
    total: rows.rows,
    rangeSize: rangeSize(rows.rows, nJobs),
    nJobs,
    where,
    onResult: () => {},
  });
  return finishBoundIndex(axes, levels, out);
}

/** A plan's queries in ranges on `nJobs` workers, the ranges' results put together. */
async function searchOnThreads(plan: SearchPlan, nJobs: number, where: string, onProgress?: ProgressCallback): Promise<NeighborResult> {
  const nQ = plan.queries.rows;
  if (nJobs === 1 || nQ * plan.train.rows * plan.train.cols < MIN_PARALLEL_WORK) return runSearchReporting(plan, onProgress);
  const { k } = plan;
  const distances = new Float64Array(nQ * k);
  const indices = new Int32Array(nQ * k);
  await runRanges<{ start: number; distances: Float64Array; indices: Int32Array }>({
    worker: './search-worker',
    importerUrl: import.meta.url,
    resourceLimits: KNN_WORKER_LIMITS,
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

provide(threadedPredictHook, KNeighborsClassifier, predictOnThreads);
