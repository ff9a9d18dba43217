/**
 * A neighbour search ready to run: the prepared training and query rows,
 * the pruned search's index when it is used, and k. It holds only typed
 * arrays and numbers, so it can be handed to worker threads as it is
 * (`parallel/runners.ts`), each running a range of the queries.
 */
import { concatArrays, inRanges, type ProgressCallback } from '../core/progress.js';
import { kNearestBounded, type BoundIndex } from './bounded-search.js';
import type { KNeighborsMetric, PreparedRows, TrainRows } from './metric.js';
import { kNearest, type NeighborResult } from './search.js';

/** Everything one search needs. */
export interface SearchPlan {
  metric: KNeighborsMetric;
  train: TrainRows;
  queries: PreparedRows;
  /** The pruned euclidean search's index, or null for brute force. */
  index: BoundIndex | null;
  k: number;
}

/** The k nearest training rows of queries `start .. end` of the plan (all by default). */
export function runSearch(plan: SearchPlan, start = 0, end = plan.queries.rows): NeighborResult {
  const { queries, train, k } = plan;
  const d = queries.cols;
  const part: PreparedRows = {
    data: queries.data.subarray(start * d, end * d),
    rows: end - start,
    cols: d,
    sqNorms: queries.sqNorms.length ? queries.sqNorms.subarray(start, end) : queries.sqNorms,
  };
  return plan.index ? kNearestBounded(plan.index, train, part, k) : kNearest(plan.metric, train, part, k);
}

/** `runSearch` over every query; with `onProgress`, range by range, reporting queries done after each. */
export function runSearchReporting(plan: SearchPlan, onProgress?: ProgressCallback): NeighborResult {
  return inRanges(plan.queries.rows, onProgress, (start, end) => runSearch(plan, start, end), (parts) => ({
    distances: concatArrays(parts.map((p) => p.distances)),
    indices: concatArrays(parts.map((p) => p.indices)),
  }));
}
