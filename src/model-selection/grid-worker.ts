/**
 * A job of the parallel grid search, run by the kept worker threads
 * (parallel/worker-pool.ts): it receives the model (as JSON), the data (on
 * shared memory), the folds and the candidates once per call, then runs cells
 * by number (candidate `t / nFolds`, fold `t % nFolds`). A failing cell is
 * reported as `{ start, error }`.
 */
import { loadModel } from '../browser.js';
import type { Classifier } from '../base/protocol.js';
import { Matrix } from '../core/matrix.js';
import { runCell, type CellData } from './cells.js';
import type { ParamSet } from './clone.js';
import type { Fold } from './folds.js';
import { SCORERS } from './scoring.js';
import type { RangeHandler } from '../parallel/worker-pool.js';

/** What the parent sends once. */
export interface GridWorkerData {
  model: unknown;
  data: Float64Array;
  rows: number;
  cols: number;
  y: Int32Array;
  folds: Fold[];
  candidates: ParamSet[];
  scoring: keyof typeof SCORERS;
  returnTrainScore: boolean;
  where: string;
}

export function startJob(job: GridWorkerData): RangeHandler {
  const model = loadModel(job.model) as Classifier;
  const cellData: CellData = {
    X: new Matrix(job.rows, job.cols, job.data),
    y: job.y,
    folds: job.folds,
    scorer: SCORERS[job.scoring],
    returnTrainScore: job.returnTrainScore,
  };
  const nFolds = job.folds.length;
  return (start, end) => {
    const results = [];
    for (let t = start; t < end; t++) {
      try {
        results.push(runCell(model, job.candidates[Math.floor(t / nFolds)], cellData, t % nFolds, job.where).result);
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        return { message: { start, error: { name: e.name, message: e.message } } };
      }
    }
    return { message: { start, results } };
  };
}
