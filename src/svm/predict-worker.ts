/**
 * A job of the parallel SVC prediction, run by the kept worker threads
 * (parallel/worker-pool.ts): it receives the model's prediction arrays and
 * the queries (both on shared memory) once per call, then predicts ranges of
 * the queries. The support
 * vectors come as one shared WebAssembly copy for every thread, or (without
 * WebAssembly SIMD) as a shared array for the TypeScript loop.
 */
import { Matrix } from '../core/matrix.js';
import { ovoVote } from './ovo.js';
import { dotsOf, ovoValues, supportVectorDots, type OvoPredictor } from './decision-values.js';
import { attachDotRowsKernel, type SharedDotRows } from '../compute/wasm/dot-rows-kernel.js';
import type { RangeHandler } from '../parallel/worker-pool.js';

type PlainMatrix = { rows: number; cols: number; data: Float64Array };
export interface SvcPredictJob {
  model: Omit<OvoPredictor, 'dualCoef'> & { dualCoef: PlainMatrix; classes: Int32Array };
  /** The support vectors: shared WebAssembly rows, or a shared array. */
  supportVectors: { simd: SharedDotRows } | { matrix: PlainMatrix };
  queries: PlainMatrix;
}

// Matrices arrive as plain objects: rebuild them around the same shared arrays.
const asMatrix = (m: PlainMatrix) => new Matrix(m.rows, m.cols, m.data);

export function startJob(job: SvcPredictJob): RangeHandler {
  const model: OvoPredictor = { ...job.model, dualCoef: asMatrix(job.model.dualCoef) };
  const sv = job.supportVectors;
  const simd = 'simd' in sv ? attachDotRowsKernel(sv.simd) : null;
  if ('simd' in sv && !simd) throw new Error('no memory for the WebAssembly kernel of the support vectors');
  const dots = simd ? dotsOf(simd) : supportVectorDots(asMatrix((sv as { matrix: PlainMatrix }).matrix));
  return (start, end) => {
    const { cols, data } = job.queries;
    const X = new Matrix(end - start, cols, data.subarray(start * cols, end * cols));
    const winners = ovoVote(ovoValues(model, X, dots), job.model.classes.length);
    const predicted = winners.map((c) => job.model.classes[c]);
    return { message: { start, predicted }, transfer: [predicted.buffer as ArrayBuffer] };
  };
}
