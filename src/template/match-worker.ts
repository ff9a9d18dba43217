/**
 * A job of TemplateMatcher's parallel prediction, run by the kept worker
 * threads (parallel/worker-pool.ts): it receives the match plan once per call
 * (its arrays on shared memory), then answers ranges of queries with their k
 * best references.
 */
import type { RangeHandler } from '../parallel/worker-pool.js';
import { runMatches, type MatchPlan } from './pruned-matches.js';

export function startJob(plan: MatchPlan): RangeHandler {
  return (start, end) => {
    const r = runMatches(plan, start, end);
    const transfer = [r.topCorr.buffer, r.topIndex.buffer, r.topShift.buffer] as ArrayBuffer[];
    return { message: { start, topCorr: r.topCorr, topIndex: r.topIndex, topShift: r.topShift }, transfer };
  };
}
