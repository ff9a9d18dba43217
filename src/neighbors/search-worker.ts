/**
 * A job of the parallel neighbour search, run by the kept worker threads
 * (parallel/worker-pool.ts): it receives the search plan once per call (its
 * arrays on shared memory, nothing copied), then answers ranges of queries.
 */
import type { RangeHandler } from '../parallel/worker-pool.js';
import { runSearch, type SearchPlan } from './plan.js';

export function startJob(plan: SearchPlan): RangeHandler {
  return (start, end) => {
    const r = runSearch(plan, start, end);
    return { message: { start, end, distances: r.distances, indices: r.indices }, transfer: [r.distances.buffer as ArrayBuffer, r.indices.buffer as ArrayBuffer] };
  };
}
