/**
 * An SVC's class probabilities from its one-vs-one decision values, as
 * libsvm's `svm_predict_probability` computes them.
 */
import { Matrix } from '../core/matrix.js';
import { multiclassProbability, sigmoidPredict } from './platt.js';

/** libsvm keeps pairwise probabilities within [1e-7, 1 − 1e-7] before coupling them. */
const MIN_PROB = 1e-7;

/**
 * The probabilities (rows × k, columns in class order) from the decision
 * values of every pair (rows × pairs, libsvm's pair order and sign) and each
 * pair's sigmoid.
 */
export function svcProbabilities(dec: Matrix, k: number, probA: Float64Array, probB: Float64Array): Matrix {
  const out = new Matrix(dec.rows, k);
  const r = new Float64Array(k * k);
  const p = new Float64Array(k);
  for (let q = 0; q < dec.rows; q++) {
    let pair = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = Math.min(Math.max(sigmoidPredict(dec.data[q * dec.cols + pair], probA[pair], probB[pair]), MIN_PROB), 1 - MIN_PROB);
        r[i * k + j] = v;
        r[j * k + i] = 1 - v;
        pair++;
      }
    }
    multiclassProbability(k, r, p);
    out.data.set(p, q * k);
  }
  return out;
}
