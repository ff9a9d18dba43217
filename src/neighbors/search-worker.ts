/**
 * A worker thread of the parallel neighbour search: it receives the search
 * plan once (its arrays on shared memory, nothing copied), then answers
 * ranges of queries until the parent ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runSearch, type SearchPlan } from './plan.js';

const plan = workerData as SearchPlan;

parentPort!.on('message', ({ start, end }: { start: number; end: number }) => {
  const r = runSearch(plan, start, end);
  parentPort!.postMessage({ start, end, distances: r.distances, indices: r.indices }, [r.distances.buffer as ArrayBuffer, r.indices.buffer as ArrayBuffer]);
});
