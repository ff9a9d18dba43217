/**
 * Prediction spread over worker threads (Node only). The k-NN search is split
 * into ranges of queries; the training rows, the pruned search's index and
 * the queries sit on shared memory, so no worker copies them. Results are
 * identical to the single-threaded `predict` / `kneighbors`.
 */
import { availableParallelism } from 'node:os';
import type { Classifier } from '../core/estimator.js';
import { Matrix } from '../core/matrix.js';
import { checkOptions } from '../core/options.js';
import { checkNumber, type FeatureInput } from '../core/validation.js';
import type { BoundIndex } from '../neighbors/bounded-search.js';
import { KNeighborsClassifier, type KNeighborsResult } from '../neighbors/KNeighborsClassifier.js';
import type { PreparedRows } from '../neighbors/metric.js';
import { runSearch, type SearchPlan } from '../neighbors/plan.js';
import type { NeighborResult } from '../neighbors/search.js';
import { Pipeline } from '../pipeline/Pipeline.js';
import { runRanges } from './worker-pool.js';

/** Options of {@link predictParallel} and {@link kneighborsParallel}. */
export interface ParallelOptions {
  /** Worker threads: an integer >= 1. Default: every core (`os.availableParallelism()`). */
  nJobs?: number;
}

/** Below this many queries, starting threads costs more than it saves: the search runs on the calling thread. */
const MIN_PARALLEL_QUERIES = 64;
/** Ranges handed out per worker: several, so that a slow range does not leave the other workers idle. */
const RANGES_PER_WORKER = 4;

/**
 * The predictions of `model` for the rows of X, computed on worker threads
 * where the model supports it: a `KNeighborsClassifier`, or a `Pipeline`
 * ending in one (its transformers run on the calling thread first). Other
 * models predict on the calling thread. Same result as `model.predict(X)`.
 *
 * @throws what `model.predict(X)` throws for bad input, before any thread starts;
 *   an Error naming the call if a worker thread fails.
 */
export async function predictParallel(model: Classifier, X: FeatureInput, options: ParallelOptions = {}): Promise<Int32Array> {
  const nJobs = readJobs(options, 'predictParallel');
  if (model instanceof Pipeline) return predictParallel(model.classifier, model.transform(X), { nJobs });
  if (!(model instanceof KNeighborsClassifier)) return model.predict(X);
  const plan = model.planSearch(X, 'KNeighborsClassifier.predict', model.nNeighbors);
  return model.predictFromNeighbors(await searchParallel(plan, nJobs, 'predictParallel'));
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
  const nJobs = readJobs(options, where, ['k']);
  if (!(knn instanceof KNeighborsClassifier)) throw new TypeError(`${where}: argument 'knn' must be a KNeighborsClassifier`);
  const k = options.k === undefined ? knn.nNeighbors : checkNumber(options.k, where, 'k', { integer: true, ge: 1, le: knn.nSamplesFit });
  const r = await searchParallel(knn.planSearch(X, 'KNeighborsClassifier.kneighbors', k), nJobs, where);
  return { distances: new Matrix(r.indices.length / k, k, r.distances), indices: r.indices, k };
}

function readJobs(options: ParallelOptions, where: string, extra: string[] = []): number {
  checkOptions(options, where, ['nJobs', ...extra]);
  return options.nJobs === undefined ? availableParallelism() : checkNumber(options.nJobs, where, 'nJobs', { integer: true, ge: 1 });
}

/** Runs the plan's queries in ranges on `nJobs` workers and puts the ranges' results together. */
async function searchParallel(plan: SearchPlan, nJobs: number, where: string): Promise<NeighborResult> {
  const nQ = plan.queries.rows;
  if (nJobs === 1 || nQ < MIN_PARALLEL_QUERIES) return runSearch(plan);
  const shared: SearchPlan = {
    ...plan,
    train: sharedTrain(plan.train),
    queries: sharedRows(plan.queries),
    index: plan.index && sharedIndex(plan.index),
  };
  const { k } = plan;
  const distances = new Float64Array(nQ * k);
  const indices = new Int32Array(nQ * k);
  await runRanges<{ start: number; distances: Float64Array; indices: Int32Array }>({
    worker: './neighbors-worker',
    importerUrl: import.meta.url,
    workerData: shared,
    total: nQ,
    rangeSize: Math.max(8, Math.ceil(nQ / (nJobs * RANGES_PER_WORKER))),
    nJobs,
    where,
    onResult: (m) => {
      distances.set(m.distances, m.start * k);
      indices.set(m.indices, m.start * k);
    },
  });
  return { distances, indices };
}

const sharedTrains = new WeakMap<PreparedRows, PreparedRows>();
const sharedIndexes = new WeakMap<BoundIndex, BoundIndex>();

/** The training rows on shared memory, copied once per model. */
function sharedTrain(train: PreparedRows): PreparedRows {
  let s = sharedTrains.get(train);
  if (!s) sharedTrains.set(train, (s = sharedRows(train)));
  return s;
}

function sharedRows(r: PreparedRows): PreparedRows {
  return { data: toShared(r.data), rows: r.rows, cols: r.cols, sqNorms: toShared(r.sqNorms) };
}

/** The pruned search's index on shared memory, copied once per model. */
function sharedIndex(index: BoundIndex): BoundIndex {
  let s = sharedIndexes.get(index);
  if (!s) {
    const { axes } = index;
    s = {
      ...index,
      axes: { ...axes, mean: toShared(axes.mean), axes: toShared(axes.axes) },
      head: toShared(index.head),
      rest: toShared(index.rest),
      tails: toShared(index.tails),
    };
    sharedIndexes.set(index, s);
  }
  return s;
}

function toShared(a: Float64Array): Float64Array {
  const s = new Float64Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}
