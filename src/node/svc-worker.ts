/**
 * A worker thread of the parallel SVC fit: it receives the training rows (on
 * shared memory), the grouping of the samples and the solver options once,
 * then solves one-vs-one pairs by number until the parent ends it. Each
 * worker computes its own kernel rows, as the single-threaded fit does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Matrix } from '../core/matrix.js';
import type { Kernel } from '../svm/kernel.js';
import { ovoKernelRows, solvePair, type OvoOptions, type OvoPlan } from '../svm/ovo.js';

const job = workerData as { data: Float64Array; rows: number; cols: number; kernel: Kernel; plan: OvoPlan; options: OvoOptions };
const kernelRows = ovoKernelRows(new Matrix(job.rows, job.cols, job.data), job.kernel, job.options.cacheBytes);

parentPort!.on('message', ({ start, end }: { start: number; end: number }) => {
  const solutions = [];
  for (let p = start; p < end; p++) solutions.push(solvePair(kernelRows, job.plan, p, job.options));
  parentPort!.postMessage({ start, solutions });
});
