/**
 * A grid search with its cells (candidate × fold) spread over worker threads
 * (Node only). Each thread rebuilds the model from its JSON and reads the data
 * from shared memory; the table is the one `GridSearchCV.fit` makes.
 */
import type { Classifier } from '../base/protocol.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { errorOfKind, type CellResult } from './cells.js';
import { clone } from './clone.js';
import { finishSearch, planSearch, summarizeCells, type GridSearchCV, type GridSearchPlan } from './grid-search.js';
import { bestIndex, type CvResults } from './results.js';
import { loadModel } from '../base/registry.js';
import type { GridWorkerData } from './grid-worker.js';
import { readJobs, type ParallelOptions } from '../parallel/jobs.js';
import { fitParallel } from '../parallel/runners.js';
import { toShared } from '../parallel/shared-memory.js';
import { runRanges } from '../parallel/worker-pool.js';

/** Options of {@link gridSearchParallel}. */
export interface GridSearchParallelOptions extends ParallelOptions {
  /** Called on the calling thread as cells (candidate × fold) finish, with the cells done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * `search.fit(X, y)` with the cells (every candidate on every fold) run on
 * `nJobs` worker threads (default: every core), each thread taking the next
 * cell as soon as it is free. Resolves to `search`, with the very table `fit` gives (the
 * times aside) and the same best candidate; with `refit`, an SVC is refitted
 * through `fitParallel`, other models on the calling thread.
 *
 * Runs on the calling thread instead when `nJobs` is 1, there is one cell, or
 * the model cannot travel to a thread (a model `loadModel` does not know, or
 * parameter values that cannot be copied, such as functions).
 *
 * A failing cell stops the search: the promise rejects with an error of the
 * cell's kind naming it, `gridSearchParallel: candidate { C: -1, gamma: 0.001 }
 * on fold 2 of 5 failed: SVC.fit: parameter 'C' must be …`, and the search's
 * threads are ended. After a search that succeeds they are kept for the next
 * parallel call (they do not keep the process alive; see `closeWorkerPool`).
 *
 * @throws TypeError for a scoring function (it cannot be sent to a thread: use a
 *   scorer name, or `search.fit`), and what `search.fit` throws for bad input,
 *   before any thread starts.
 *
 * @example
 * const search = new GridSearchCV(new SVC(), { C: [1, 10], gamma: [0.001, 0.01] });
 * await gridSearchParallel(search, XTrain, yTrain, { nJobs: 2, onProgress: (done, total) => console.log(done, total) });
 */
export async function gridSearchParallel<M extends Classifier>(
  search: GridSearchCV<M>,
  X: FeatureInput,
  y: LabelInput,
  options: GridSearchParallelOptions = {},
): Promise<GridSearchCV<M>> {
  const where = 'gridSearchParallel';
  const { nJobs, onProgress } = readJobs(options, where);
  const plan = planSearch(search, X, y, where);
  if (plan.scoringName === null) {
    throw new TypeError(`${where}: a scoring function cannot be sent to worker threads; use a scorer name such as 'accuracy', or search.fit(X, y)`);
  }
  const total = plan.candidates.length * plan.folds.length;
  const model = search.estimator.toJSON();
  if (nJobs === 1 || total === 1 || !travels(model, plan)) return search.fit(plan.X, plan.y, { onProgress });

  const cells: CellResult[] = new Array(total);
  let failure: Error | null = null;
  const workerData: GridWorkerData = {
    model,
    data: toShared(plan.X.data),
    rows: plan.X.rows,
    cols: plan.X.cols,
    y: toShared(plan.y),
    folds: plan.folds,
    candidates: plan.candidates,
    scoring: plan.scoringName,
    returnTrainScore: plan.returnTrainScore,
    where,
  };
  try {
    await runRanges<{ start: number; results?: CellResult[]; error?: { name: string; message: string } }>({
      worker: './grid-worker',
      importerUrl: import.meta.url,
      workerData,
      total,
      rangeSize: 1,
      nJobs,
      where,
      onProgress,
      onResult: (m) => {
        if (m.error) throw (failure = errorOfKind(m.error.name, m.error.message));
        m.results!.forEach((r, i) => (cells[m.start + i] = r));
      },
    });
  } catch (err) {
    // A failing cell is reported as itself, not as a failing thread.
    throw failure ?? err;
  }
  return refit(search, plan, summarizeCells(plan, cells), nJobs);
}

/** True when the model and the candidates can be rebuilt on a worker thread. */
function travels(model: unknown, plan: GridSearchPlan): boolean {
  try {
    loadModel(JSON.parse(JSON.stringify(model)));
    structuredClone(plan.candidates);
    return true;
  } catch {
    return false;
  }
}

/** Fits the best candidate on all the data (on `nJobs` threads where the model can) and keeps the search. */
async function refit<M extends Classifier>(search: GridSearchCV<M>, plan: GridSearchPlan, results: CvResults, nJobs: number): Promise<GridSearchCV<M>> {
  if (!search.refit) return finishSearch(search, plan, results, null, 0);
  const start = performance.now();
  const best = await fitParallel(clone(search.estimator, results.params[bestIndex(results)], 'gridSearchParallel'), plan.X, plan.y, { nJobs });
  return finishSearch(search, plan, results, best, (performance.now() - start) / 1000);
}
