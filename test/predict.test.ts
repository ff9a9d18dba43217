import { expect } from 'chai';
import { Matrix } from '../src/core/matrix.js';
import { RandomState } from '../src/core/random.js';
import { dotBlock, rowSquaredNorms } from '../src/compute/dot-products.js';
import { applyKernel } from '../src/compute/kernels.js';
import { ovoValues, supportVectorDots, type OvoPredictor } from '../src/svm/decision-values.js';

/**
 * libsvm's decision values the plain way: the whole kernel row of a query, then each pair's sum in libsvm's order.
 * The data are mostly zeros, so the WebAssembly kernel takes its sparse way, whose dot products are the loop's bit for bit.
 */
function libsvmOrder(p: OvoPredictor, sv: Matrix, X: Matrix): number[][] {
  const nSV = sv.rows;
  const K = new Float64Array(X.rows * nSV);
  dotBlock(X.data, X.rows, sv.data, nSV, sv.cols, K);
  applyKernel(p.kernel, K, rowSquaredNorms(X), p.svNorms, nSV);
  const start = [0];
  for (const n of p.nSupport) start.push(start[start.length - 1] + n);
  const out: number[][] = [];
  for (let q = 0; q < X.rows; q++) {
    const row: number[] = [];
    let pair = 0;
    for (let i = 0; i < p.nSupport.length; i++) {
      for (let j = i + 1; j < p.nSupport.length; j++) {
        let sum = 0;
        for (let s = start[i]; s < start[i + 1]; s++) sum += p.dualCoef.get(j - 1, s) * K[q * nSV + s];
        for (let s = start[j]; s < start[j + 1]; s++) sum += p.dualCoef.get(i, s) * K[q * nSV + s];
        row.push(sum - p.rho[pair++]);
      }
    }
    out.push(row);
  }
  return out;
}

describe('ovoValues: decision values a chunk of support vectors at a time', () => {
  it('equal libsvm\'s whole-row sums bit for bit, with classes that straddle the chunks and several blocks of queries', () => {
    const rng = new RandomState(3);
    const cols = 20;
    // 2,600 support vectors: six chunks of 512, the class boundaries inside them.
    const nSupport = Int32Array.from([700, 5, 1300, 595]);
    const nSV = nSupport.reduce((a, b) => a + b, 0);
    const sv = new Matrix(nSV, cols, Float64Array.from({ length: nSV * cols }, () => (rng.random() < 0.75 ? 0 : rng.random())));
    const dualCoef = new Matrix(nSupport.length - 1, nSV, Float64Array.from({ length: (nSupport.length - 1) * nSV }, () => 2 * rng.random() - 1));
    const p: OvoPredictor = {
      kernel: { kind: 'rbf', gamma: 0.3 },
      svNorms: rowSquaredNorms(sv),
      nSupport,
      dualCoef,
      rho: Float64Array.from({ length: 6 }, () => rng.random() - 0.5),
    };
    const X = new Matrix(300, cols, Float64Array.from({ length: 300 * cols }, () => (rng.random() < 0.75 ? 0 : rng.random())));
    const dec = ovoValues(p, X, supportVectorDots(sv));
    const want = libsvmOrder(p, sv, X);
    expect(dec.rows).to.equal(300);
    for (let q = 0; q < X.rows; q++) expect(Array.from(dec.row(q)), `query ${q}`).to.deep.equal(want[q]);
  });
});
