import { expect } from 'chai';
import { releaseSmoKernelMatrix, smoExp, smoExp2, smoKernelMatrix, solveSmo, takeDecisionBlocks } from '../src/compute/wasm/smo-kernel.js';
import { Matrix } from '../src/core/matrix.js';
import { applyKernel } from '../src/compute/kernels.js';
import { rowSquaredNorms } from '../src/compute/dot-products.js';
import { PrecomputedKernelRows, kernelMatrix } from '../src/svm/kernel-rows.js';
import { SvcQMatrix } from '../src/svm/qmatrix.js';
import { addDecisionTerms, groupStarts } from '../src/svm/ovo.js';
import { iterationLimit, solution, solveBinary, type BinarySolution } from '../src/svm/solver.js';

/** A deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two overlapping clouds with label noise (many bounded α, long runs, shrinking), and their RBF kernel in float32. */
function problem(seed: number, l: number, d: number, gamma: number) {
  const r = rng(seed);
  const X = new Float64Array(l * d);
  const y = new Int8Array(l);
  for (let i = 0; i < l; i++) {
    y[i] = i < l / 2 ? 1 : -1;
    for (let c = 0; c < d; c++) X[i * d + c] = r() * 4 + (y[i] > 0 ? 0.6 : 0);
    if (r() < 0.1) y[i] = -y[i] as -1 | 1;
  }
  const K = new Float32Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = 0; j < l; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (X[i * d + c] - X[j * d + c]) ** 2;
      K[i * l + j] = Math.exp(-gamma * s);
    }
  }
  // Samples in a shuffled order, to check the solver reads K through them.
  const samples = Int32Array.from({ length: l }, (_, i) => i);
  for (let i = l - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [samples[i], samples[j]] = [samples[j], samples[i]];
  }
  const ys = Int8Array.from(samples, (s) => y[s]);
  return { X, K, rows: new PrecomputedKernelRows(K, l, new Float64Array(l).fill(1)), samples, y: ys };
}

function same(a: BinarySolution, b: BinarySolution): void {
  expect(b.iterations).to.equal(a.iterations);
  expect(b.hitMaxIter).to.equal(a.hitMaxIter);
  expect(Object.is(b.rho, a.rho), `rho ${b.rho} vs ${a.rho}`).to.equal(true);
  expect(Object.is(b.objective, a.objective), `objective ${b.objective} vs ${a.objective}`).to.equal(true);
  expect(Array.from(b.coef)).to.deep.equal(Array.from(a.coef));
}

describe('SVC: the WebAssembly SMO solver gives the JavaScript solver\'s bits', () => {
  const cases = [
    { seed: 1, l: 60, d: 3, gamma: 0.5, Cp: 1, Cn: 1, shrinking: true, maxIter: Infinity },
    { seed: 2, l: 301, d: 4, gamma: 0.3, Cp: 10, Cn: 10, shrinking: true, maxIter: Infinity },
    { seed: 3, l: 400, d: 5, gamma: 1, Cp: 100, Cn: 2, shrinking: true, maxIter: Infinity },
    { seed: 4, l: 257, d: 2, gamma: 2, Cp: 0.5, Cn: 3, shrinking: false, maxIter: Infinity },
    { seed: 5, l: 350, d: 6, gamma: 0.1, Cp: 1000, Cn: 1000, shrinking: true, maxIter: 700 },
    { seed: 2, l: 301, d: 4, gamma: 0.3, Cp: 10, Cn: 10, shrinking: true, maxIter: 1000 },
    { seed: 6, l: 123, d: 3, gamma: 5, Cp: 50, Cn: 50, shrinking: true, maxIter: 90 },
    { seed: 7, l: 2, d: 1, gamma: 1, Cp: 1, Cn: 1, shrinking: true, maxIter: Infinity },
  ];
  for (const c of cases) {
    it(`l = ${c.l}, C = ${c.Cp}/${c.Cn}, shrinking ${c.shrinking}, maxIter ${c.maxIter}`, function () {
      const { X, rows, samples, y } = problem(c.seed, c.l, c.d, c.gamma);
      const tol = 0.001;
      // The JavaScript solver, with a cache too small for Q (rows evicted and recomputed).
      const Q = new SvcQMatrix(rows, samples, y, 4 * c.l * Math.max(2, c.l >> 3));
      const js = solveBinary({ Q, y, Cp: c.Cp, Cn: c.Cn, tol, shrinking: c.shrinking, maxIter: c.maxIter });
      const QD = new Float64Array(c.l).fill(1);
      const maxIter = iterationLimit(c.maxIter, c.l);
      const r = solveSmo({
        samples, y, QD, Cp: c.Cp, Cn: c.Cn, tol, shrinking: c.shrinking, maxIter,
        fill: (i, s, yy, out) => rows.fill(s[i], yy[i], s, yy, 0, s.length, out),
      });
      if (!r) this.skip();
      same(js, solution(r!.y, r!.G, r!.status, r!.alpha, r!.active, r!.activeSize, r!.iterations, r!.iterations >= maxIter));
      // Q's rows read by the solver itself from a kernel matrix it made in its memory.
      const matrix = smoKernelMatrix(X, c.l, c.d, rowSquaredNorms(new Matrix(c.l, c.d, X)), 'rbf', c.gamma, c.l, 2 ** 30)!;
      const K2 = new PrecomputedKernelRows(Float32Array.from(matrix.K), c.l, new Float64Array(c.l).fill(1));
      const js2 = solveBinary({ Q: new SvcQMatrix(K2, samples, y, 4 * c.l * c.l), y, Cp: c.Cp, Cn: c.Cn, tol, shrinking: c.shrinking, maxIter: c.maxIter });
      const fill = () => {
        throw new Error('the rows must come from the kernel matrix');
      };
      const r2 = solveSmo({ samples, y, QD, Cp: c.Cp, Cn: c.Cn, tol, shrinking: c.shrinking, maxIter, fill }, matrix)!;
      same(js2, solution(r2.y, r2.G, r2.status, r2.alpha, r2.active, r2.activeSize, r2.iterations, r2.iterations >= maxIter));
      releaseSmoKernelMatrix(matrix);
      if (c.l > 300 && c.shrinking && Number.isFinite(c.maxIter)) expect(js.iterations).to.be.above(c.l);
    });
  }
});

describe('SVC: the kernel matrix made in the WebAssembly solver\'s memory', () => {
  it('has kernelMatrix\'s bits, RBF and linear, odd sizes and several blocks', function () {
    for (const [n, d, gamma] of [[5, 3, 0.7], [301, 7, 0.05], [450, 64, 0.001], [257, 1, 3], [9, 2, 0.5], [11, 5, 0.2]] as const) {
      const r = rng(n);
      const X = Float64Array.from({ length: n * d }, () => Math.round(r() * 16) * (r() < 0.3 ? 0 : 1) + r());
      const Xm = new Matrix(n, d, X);
      const norms = rowSquaredNorms(Xm);
      for (const kind of ['rbf', 'linear'] as const) {
        const m = smoKernelMatrix(X, n, d, norms, kind, gamma, 2, 2 ** 30);
        if (!m) this.skip();
        const expected = kernelMatrix(Xm, { kind, gamma });
        expect(Buffer.from(m!.K.buffer, m!.K.byteOffset, m!.K.byteLength).equals(Buffer.from(expected.buffer, 0, expected.byteLength)), `${kind} n=${n} d=${d}`).to.equal(true);
        // The next matrix reuses this memory, stale values and all.
        releaseSmoKernelMatrix(m!);
      }
    }
  });

  it('computes exp as Math.exp does, bit for bit', function () {
    const m = smoKernelMatrix(new Float64Array(2), 2, 1, new Float64Array(2), 'rbf', 1, 2, 2 ** 30);
    if (!m) this.skip();
    const exp = smoExp()!;
    const r = rng(99);
    const values = [0, -0, 1, -1, Infinity, -Infinity, NaN, 709.78, 709.79, -745.13, -745.14, 2 ** -28, -(2 ** -29), 1e-300];
    for (const b of [0.5 * Math.LN2, 1.5 * Math.LN2, 2 ** -28, 1021 * Math.LN2, 1024 * Math.LN2]) {
      for (let i = -200; i < 200; i++) values.push(b * (1 + i * 2 ** -45), -b * (1 + i * 2 ** -45));
    }
    for (let i = 0; i < 200000; i++) values.push(-r() * 60, (r() - 0.5) * 1500, (r() - 0.5) * 1e-6);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    for (let i = 0; i < 200000; i++) {
      words[0] = (r() * 2 ** 32) >>> 0;
      words[1] = (r() * 2 ** 32) >>> 0;
      values.push(bits[0]);
    }
    let bad = 0;
    for (const x of values) if (!Object.is(exp(x), Math.exp(x))) bad++;
    expect(bad, 'values whose exp differs from Math.exp').to.equal(0);
    // Two lanes at a time, in pairs of every kind (both lanes in the vector's range or not).
    if (values.length % 2) values.push(-1);
    const two = smoExp2(Float64Array.from(values))!;
    const shuffled = Float64Array.from(values).reverse();
    const two2 = smoExp2(shuffled)!;
    let bad2 = 0;
    for (let i = 0; i < values.length; i++) {
      if (!Object.is(two[i], Math.exp(values[i]))) bad2++;
      if (!Object.is(two2[i], Math.exp(shuffled[i]))) bad2++;
    }
    expect(bad2, 'values whose two-lane exp differs from Math.exp').to.equal(0);
  });
});

describe('SVC: the one-vs-one sums of prediction in WebAssembly', () => {
  it('give addDecisionTerms\'s bits, for chunks that split classes and any class count', function () {
    for (const [nClasses, perClass, nQ, chunk] of [[10, [5, 0, 7, 3, 9, 1, 4, 6, 2, 8], 13, 7], [2, [3, 4], 5, 3], [3, [6, 1, 5], 4, 12], [4, [2, 2, 2, 2], 3, 5]] as const) {
      const r = rng(nClasses * 31 + nQ);
      const nSupport = Int32Array.from(perClass);
      const nSV = (perClass as readonly number[]).reduce((a, b) => a + b, 0);
      const svStart = groupStarts(nSupport);
      const dualCoef = new Matrix(nClasses - 1, nSV, Float64Array.from({ length: (nClasses - 1) * nSV }, () => (r() - 0.5) * 20));
      const K = Float64Array.from({ length: nQ * nSV }, () => r());
      const nPairs = (nClasses * (nClasses - 1)) / 2;
      const expected = new Float64Array(nQ * nPairs);
      const wasm = takeDecisionBlocks(nSupport, dualCoef.data, nQ, chunk);
      if (!wasm) this.skip();
      wasm!.sums.fill(0);
      for (let from = 0; from < nSV; from += chunk) {
        const to = Math.min(nSV, from + chunk);
        const part = new Float64Array(nQ * (to - from));
        for (let q = 0; q < nQ; q++) for (let s = from; s < to; s++) part[q * (to - from) + s - from] = K[q * nSV + s];
        addDecisionTerms(part, nQ, from, to, nSupport, svStart, dualCoef, expected);
        wasm!.values.set(part);
        wasm!.add(nQ, from, to);
      }
      const got = new Float64Array(nQ * nPairs);
      for (let q = 0; q < nQ; q++) got.set(wasm!.sums.subarray(q * wasm!.sumsRow, q * wasm!.sumsRow + nPairs), q * nPairs);
      wasm!.release();
      expect(Buffer.from(got.buffer).equals(Buffer.from(expected.buffer)), `${nClasses} classes`).to.equal(true);
    }
  });
});

describe('SVC: the RBF values of prediction in WebAssembly', () => {
  it('give applyKernel\'s bits', function () {
    const r = rng(5);
    const nQ = 7;
    const width = 13;
    const wasm = takeDecisionBlocks(Int32Array.of(6, 7), new Float64Array(13), nQ, width);
    if (!wasm) this.skip();
    try {
      for (const gamma of [0.001, 0.37, 5]) {
        const dots = Float64Array.from({ length: nQ * width }, () => r() * 60);
        const normsA = Float64Array.from({ length: nQ }, () => r() * 40);
        const normsB = Float64Array.from({ length: width }, () => r() * 40);
        dots[3] = normsA[0] / 2 + normsB[3] / 2; // a zero distance
        const expected = Float64Array.from(dots);
        applyKernel({ kind: 'rbf', gamma }, expected, normsA, normsB, width);
        wasm!.values.set(dots);
        wasm!.normsA.set(normsA);
        wasm!.normsB.set(normsB);
        wasm!.rbf(nQ, width, gamma);
        const got = wasm!.values.slice(0, nQ * width);
        expect(Buffer.from(got.buffer).equals(Buffer.from(expected.buffer)), `gamma ${gamma}`).to.equal(true);
      }
    } finally {
      wasm!.release();
    }
  });
});
