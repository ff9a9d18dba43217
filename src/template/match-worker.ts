/**
 * A worker thread of TemplateMatcher's parallel prediction: it receives the
 * match plan once (its arrays on shared memory), then answers ranges of
 * queries with their k best references until the parent ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runMatches, type MatchPlan } from './pruned-matches.js';

const plan = workerData as MatchPlan;

parentPort!.on('message', ({ start, end }: { start: number; end: number }) => {
  const r = runMatches(plan, start, end);
  const buffers = [r.topCorr.buffer, r.topIndex.buffer, r.topShift.buffer] as ArrayBuffer[];
  parentPort!.postMessage({ start, topCorr: r.topCorr, topIndex: r.topIndex, topShift: r.topShift }, buffers);
});
