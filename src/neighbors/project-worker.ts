/**
 * A worker thread of the parallel index build: projects ranges of training
 * rows on the principal axes, writing into the shared output arrays.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { projectRowsInto, type Projected } from './bounded-search.js';
import type { TrainRows } from './metric.js';
import type { PrincipalAxes } from './principal-axes.js';

const job = workerData as { axes: PrincipalAxes; levels: number[]; rows: TrainRows; out: Projected };

parentPort!.on('message', ({ start, end }: { start: number; end: number }) => {
  projectRowsInto(job.axes, job.levels, job.rows, start, end, job.out);
  parentPort!.postMessage({ start });
});
