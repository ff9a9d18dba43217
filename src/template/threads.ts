/**
 * TemplateMatcher on worker threads (Node only): the matching split into
 * ranges of queries, the pruned search's index built on threads. The
 * references and the queries sit on shared memory. Results are identical to `predict`.
 */
import { provide } from '../base/capabilities.js';
import { threadedPredictHook, type ThreadOptions } from '../base/hooks.js';
import type { ProgressCallback } from '../core/progress.js';
import type { FeatureInput } from '../core/validation.js';
import { buildBoundIndexOnThreads } from '../neighbors/threads.js';
import { MIN_PARALLEL_WORK, rangeSize } from '../parallel/jobs.js';
import { sharedArray, sharedIndex, toShared } from '../parallel/shared-memory.js';
import { runRanges } from '../parallel/worker-pool.js';
import { runMatchesReporting, type MatchPlan, type TopMatches } from './pruned-matches.js';
import { TemplateMatcher } from './template-matcher.js';
import { adoptIndex, indexRowsToBuild, planMatches, predictFromMatches } from './template-search.js';

/** `tm.predict(X)` on threads. */
async function predictOnThreads(tm: TemplateMatcher, X: FeatureInput, { nJobs, onProgress, where }: ThreadOptions): Promise<Int32Array> {
  const plan = planMatches(tm, X, 'TemplateMatcher.predict', true);
  const rows = indexRowsToBuild(tm, plan.input.nQueries);
  if (rows) {
    plan.pruned = { rows, index: await buildBoundIndexOnThreads(rows, nJobs, where) };
    adoptIndex(tm, rows, plan.pruned.index);
  }
  return predictFromMatches(tm, await matchOnThreads(plan, nJobs, where, onProgress));
}

/** A plan's queries in ranges on `nJobs` workers, the ranges' results put together. */
async function matchOnThreads(plan: MatchPlan, nJobs: number, where: string, onProgress?: ProgressCallback): Promise<TopMatches> {
  const { input, pruned } = plan;
  const nQ = input.nQueries;
  if (nJobs === 1 || nQ * input.nRefs * input.d * (input.shifts.length / 2) < MIN_PARALLEL_WORK) return runMatchesReporting(plan, onProgress);
  const { k } = input;
  const out: TopMatches = { topCorr: new Float64Array(nQ * k), topIndex: new Int32Array(nQ * k), topShift: new Int32Array(nQ * k), k };
  await runRanges<{ start: number; topCorr: Float64Array; topIndex: Int32Array; topShift: Int32Array }>({
    worker: './match-worker',
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

provide(threadedPredictHook, TemplateMatcher, predictOnThreads);
