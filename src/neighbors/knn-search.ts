/**
 * The steps of a k-NN prediction, shared by the classifier and its threaded
 * prediction (threads.ts): a validated search plan (with the pruned search's
 * index when it pays off), and the vote from the neighbours found.
 */
import { learnedState } from '../base/estimator.js';
import type { Matrix } from '../core/matrix.js';
import { checkFeatureCount, toMatrix, type FeatureInput } from '../core/validation.js';
import { boundSearchWorthwhile, buildBoundIndex, type BoundIndex } from './bounded-search.js';
import type { KNeighborsClassifier } from './k-neighbors-classifier.js';
import { prepareRows, type KNeighborsMetric, type TrainRows } from './metric.js';
import type { SearchPlan } from './plan.js';
import type { NeighborResult } from './search.js';
import { argmaxRows, classVotes } from './vote.js';

/** What a k-NN classifier learns. */
export interface KnnState {
  classes: Int32Array;
  /** Class index of each training row. */
  yIndex: Int32Array;
  /** The training rows as searched: as bytes where every value is one of 256 (see `ByteRows`). */
  train: TrainRows;
  metric: KNeighborsMetric;
  /** The pruned search's projections, built on the first large euclidean query (never saved: rebuilt the same). */
  boundIndex: BoundIndex | null;
}

/**
 * Queries in one call from which building the pruned search's index pays
 * off: it costs about as much as 100 brute-force queries.
 */
const BOUND_INDEX_MIN_QUERIES = 200;

/**
 * The validated search for the rows of X (building the pruned search's index
 * when it pays off, unless `deferIndex`: the threaded prediction builds it on threads).
 */
export function planKnnSearch(knn: KNeighborsClassifier, X: FeatureInput, where: string, k: number, deferIndex = false): SearchPlan {
  const s = learnedState<KnnState>(knn, where.slice(where.indexOf('.') + 1));
  const Xm = toMatrix(X, where);
  checkFeatureCount(Xm, s.train.cols, where);
  const queries = prepareRows(s.metric, Xm, false);
  // Both searches give identical results; the pruned one is faster on large euclidean sets.
  if (!deferIndex && indexRowsToBuild(knn, Xm.rows)) s.boundIndex = buildBoundIndex(s.train);
  return { metric: s.metric, train: s.train, queries, index: s.metric === 'euclidean' ? s.boundIndex : null, k };
}

/** The training rows, when a search of `nQueries` queries should first build the pruned search's index (else null). */
export function indexRowsToBuild(knn: KNeighborsClassifier, nQueries: number): TrainRows | null {
  const s = learnedState<KnnState>(knn, 'predict');
  const wanted = s.metric === 'euclidean' && !s.boundIndex && boundSearchWorthwhile(s.train) && nQueries >= BOUND_INDEX_MIN_QUERIES;
  return wanted ? s.train : null;
}

/** Keeps an index built elsewhere (on worker threads) from `indexRowsToBuild()`'s rows. */
export function adoptBoundIndex(knn: KNeighborsClassifier, index: BoundIndex): void {
  learnedState<KnnState>(knn, 'predict').boundIndex = index;
}

/** The class votes of each query's `nNeighbors` nearest neighbours (weighted as the model says). */
export function votesFromNeighbors(knn: KNeighborsClassifier, r: NeighborResult): Matrix {
  const s = learnedState<KnnState>(knn, 'predict');
  return classVotes(r.distances, r.indices, knn.nNeighbors, s.yIndex, s.classes.length, knn.weights);
}

/** The predicted classes from the `nNeighbors` nearest neighbours of each query (the smallest class on a tie). */
export function predictFromNeighbors(knn: KNeighborsClassifier, r: NeighborResult): Int32Array {
  const s = learnedState<KnnState>(knn, 'predict');
  return argmaxRows(votesFromNeighbors(knn, r)).map((c) => s.classes[c]);
}
