/**
 * A worker thread that predicts with any digitkit model: it rebuilds the
 * model from its JSON once, then predicts ranges of the query rows (on shared
 * memory) until the parent ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../browser.js';
import type { Classifier } from '../core/estimator.js';
import { Matrix } from '../core/matrix.js';

const job = workerData as { model: unknown; data: Float64Array; rows: number; cols: number };
const model = loadModel(job.model) as unknown as Classifier;

parentPort!.on('message', ({ start, end }: { start: number; end: number }) => {
  const X = new Matrix(end - start, job.cols, job.data.subarray(start * job.cols, end * job.cols));
  const predicted = model.predict(X);
  parentPort!.postMessage({ start, predicted }, [predicted.buffer as ArrayBuffer]);
});
