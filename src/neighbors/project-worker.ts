/**
 * A job of the parallel index build, run by the kept worker threads
 * (parallel/worker-pool.ts): projects ranges of training rows on the
 * principal axes, writing into the shared output arrays.
 */
import type { RangeHandler } from '../parallel/worker-pool.js';
import { projectRowsInto, type Projected } from './bounded-search.js';
import type { TrainRows } from './metric.js';
import type { PrincipalAxes } from './principal-axes.js';

export function startJob(job: { axes: PrincipalAxes; levels: number[]; rows: TrainRows; out: Projected }): RangeHandler {
  return (start, end) => {
    projectRowsInto(job.axes, job.levels, job.rows, start, end, job.out);
    return { message: { start } };
  };
}
