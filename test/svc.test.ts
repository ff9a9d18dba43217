import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Matrix, NotFittedError, SVC } from '../src/index.js';

// Parity fixtures made by scikit-learn 1.2.1: the reference (copied from
// shared/reference) and scripts/make-svc-fixtures.py.
const ref = JSON.parse(readFileSync(new URL('./fixtures/sklearn-digits-svc.json', import.meta.url), 'utf8'));
const cases = JSON.parse(readFileSync(new URL('./fixtures/sklearn-svc-cases.json', import.meta.url), 'utf8')).cases;

const table = gunzipSync(readFileSync(new URL('../datasets/digits.csv.gz', import.meta.url)))
  .toString()
  .trim()
  .split('\n')
  .map((line) => line.split(',').map(Number));
const X = Matrix.fromArray(table.map((r) => r.slice(0, 64)));
const y = Int32Array.from(table.map((r) => r[64]));
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const Xtrain = X.selectRows(range(0, 898));
const ytrain = y.slice(0, 898);
const Xtest = X.selectRows(range(898, 1797));

/** Largest absolute difference between a matrix and nested arrays. */
function maxDiff(m: Matrix, expected: number[][]): number {
  expect(m.rows).to.equal(expected.length);
  let d = 0;
  expected.forEach((row, i) => {
    expect(m.cols).to.equal(row.length);
    row.forEach((v, j) => (d = Math.max(d, Math.abs(v - m.get(i, j)))));
  });
  return d;
}

describe('SVC: parity with scikit-learn on the digits example', () => {
  const clf = new SVC({ gamma: 0.001 }).fit(Xtrain, ytrain);

  it('predicts all 899 test digits exactly as scikit-learn', () => {
    expect(Array.from(clf.predict(Xtest))).to.deep.equal(ref.predicted);
  });

  it('has scikit-learn\'s support vectors per class, support indices and dual coefficients', () => {
    const c = cases[0];
    expect(Array.from(clf.nSupport)).to.deep.equal(ref.n_support);
    expect(Array.from(clf.support)).to.deep.equal(c.support);
    expect(maxDiff(clf.dualCoef, c.dual_coef)).to.be.below(1e-6);
    expect(Array.from(clf.classes)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(clf.supportVectors.rows).to.equal(c.support.length);
    expect(Array.from(clf.supportVectors.row(0))).to.deep.equal(Array.from(X.row(c.support[0])));
  });

  it('has scikit-learn\'s intercepts within 1e-6', () => {
    ref.intercept_ovo.forEach((v: number, i: number) => expect(clf.intercept[i]).to.be.closeTo(v, 1e-6));
  });

  it('gives decision values within 1e-3 of scikit-learn\'s, in both shapes', () => {
    const ovr = clf.decisionFunction(Xtest);
    expect(maxDiff(ovr, cases[0].decision_ovr)).to.be.below(1e-3);
    expect(maxDiff(clf.decisionFunction(Xtest.selectRows(range(0, 10))), ref.decision_function_ovr_first10)).to.be.below(1e-3);
    const ovo = new SVC({ gamma: 0.001, decisionFunctionShape: 'ovo' }).fit(Xtrain, ytrain);
    expect(maxDiff(ovo.decisionFunction(Xtest.selectRows(range(0, 150))), cases[0].decision_ovo_first)).to.be.below(1e-3);
    expect(maxDiff(ovo.decisionFunction(Xtest.selectRows(range(0, 10))), ref.decision_function_ovo_first10)).to.be.below(1e-3);
  });

  it('reaches scikit-learn\'s accuracy and reports its fit', () => {
    expect(clf.score(Xtest, y.slice(898))).to.be.closeTo(ref.accuracy, 1e-12);
    expect(clf.fittedGamma).to.equal(0.001);
    expect(clf.fitStatus).to.equal(0);
    expect(clf.nIter.length).to.equal(45);
    expect(clf.nFeaturesIn).to.equal(64);
  });
});

describe('SVC: parity with scikit-learn on other settings', () => {
  for (const c of cases.slice(1)) {
    it(c.name, () => {
      const p = c.params;
      const params = {
        C: p.C,
        gamma: p.gamma,
        kernel: p.kernel,
        shrinking: p.shrinking,
        tol: p.tol,
        cacheSize: p.cache_size,
      };
      for (const k of Object.keys(params) as (keyof typeof params)[]) if (params[k] === undefined) delete params[k];
      let Xtr = Xtrain;
      let ytr: Int32Array = ytrain;
      let Xte = Xtest;
      if (c.rows) {
        Xtr = X.selectRows(c.rows.slice(0, c.n_train));
        ytr = Int32Array.from(c.rows.slice(0, c.n_train), (r: number) => y[r]);
        Xte = X.selectRows(c.rows.slice(c.n_train));
      }
      const clf = new SVC(params).fit(Xtr, ytr);
      expect(Array.from(clf.classes)).to.deep.equal(c.classes);
      expect(Array.from(clf.nSupport)).to.deep.equal(c.n_support);
      expect(clf.fittedGamma).to.be.closeTo(c.fitted_gamma, 1e-15);
      expect(Array.from(clf.predict(Xte))).to.deep.equal(c.predicted);
      c.intercept.forEach((v: number, i: number) => expect(clf.intercept[i]).to.be.closeTo(v, 1e-6));
      if (c.support) expect(Array.from(clf.support)).to.deep.equal(c.support);
      if (c.dual_coef) expect(maxDiff(clf.dualCoef, c.dual_coef)).to.be.below(1e-6);
      if (c.decision) {
        // Two classes: one column, positive means classes[1].
        expect(maxDiff(clf.decisionFunction(Xte), c.decision.map((v: number) => [v]))).to.be.below(1e-3);
      }
    });
  }
});

describe('SVC: estimator behaviour', () => {
  const small = Xtrain.selectRows(range(0, 200));
  const ySmall = ytrain.slice(0, 200);

  it('fit returns this and leaves the parameters as given', () => {
    const clf = new SVC({ C: 2, gamma: 'scale' });
    expect(clf.fit(small, ySmall)).to.equal(clf);
    expect(clf.getParams()).to.deep.equal({
      C: 2,
      kernel: 'rbf',
      gamma: 'scale',
      tol: 1e-3,
      cacheSize: 200,
      maxIter: -1,
      shrinking: true,
      decisionFunctionShape: 'ovr',
      probability: false,
      randomState: null,
    });
    expect(clf.gamma).to.equal('scale');
  });

  it('fitting twice gives the same model, and accepts number[][] as well as Matrix', () => {
    const a = new SVC({ gamma: 0.001 }).fit(small, ySmall);
    const b = new SVC({ gamma: 0.001 }).fit(small.toArray(), Array.from(ySmall));
    expect(Array.from(a.dualCoef.data)).to.deep.equal(Array.from(b.dualCoef.data));
    expect(Array.from(a.intercept)).to.deep.equal(Array.from(b.intercept));
    a.fit(small, ySmall);
    expect(Array.from(a.dualCoef.data)).to.deep.equal(Array.from(b.dualCoef.data));
  });

  it('the precomputed kernel and the cached kernel rows give the same model', () => {
    // 200 samples: 160 kB of kernel matrix; a 0.1 MB cache forces rows computed on demand.
    const a = new SVC({ gamma: 0.001 }).fit(small, ySmall);
    const b = new SVC({ gamma: 0.001, cacheSize: 0.1 }).fit(small, ySmall);
    expect(Array.from(b.nSupport)).to.deep.equal(Array.from(a.nSupport));
    const d = a.dualCoef.data.map((v, i) => Math.abs(v - b.dualCoef.data[i]));
    expect(Math.max(...d)).to.be.below(1e-9);
  });

  it('predicting a subset gives the subset of the predictions', () => {
    const clf = new SVC({ gamma: 0.001 }).fit(small, ySmall);
    const all = clf.predict(Xtest);
    const rows = [5, 17, 400, 898];
    expect(Array.from(clf.predict(Xtest.selectRows(rows)))).to.deep.equal(rows.map((r) => all[r]));
  });

  it('accepts any integer labels and returns them, sorted in classes', () => {
    const labels = Int32Array.from(ySmall, (v) => (v % 2 === 0 ? -7 : 40));
    const clf = new SVC({ gamma: 0.001 }).fit(small, labels);
    expect(Array.from(clf.classes)).to.deep.equal([-7, 40]);
    const pred = clf.predict(small);
    for (const p of pred) expect([-7, 40]).to.include(p);
    // Two classes: decision > 0 means classes[1], and predict agrees with its sign.
    const dec = clf.decisionFunction(small);
    expect(dec.cols).to.equal(1);
    pred.forEach((p, i) => expect(p).to.equal(dec.data[i] > 0 ? 40 : -7));
  });

  it('stops at maxIter and says so in fitStatus', () => {
    const clf = new SVC({ gamma: 0.001, maxIter: 5 }).fit(small, ySmall);
    expect(clf.fitStatus).to.equal(1);
    expect(Math.max(...clf.nIter)).to.equal(5);
  });
});

describe('SVC: bad input gives clear errors', () => {
  const Xs = [[0, 1], [1, 0], [1, 1], [0, 0]];
  const ys = [0, 1, 1, 0];

  it('before fit: NotFittedError naming the call', () => {
    const clf = new SVC();
    expect(() => clf.predict(Xs)).to.throw(NotFittedError, /^SVC\.predict: this SVC is not fitted yet; call fit\(X, y\) first/);
    expect(() => clf.decisionFunction(Xs)).to.throw(NotFittedError, /SVC\.decisionFunction/);
    expect(() => clf.supportVectors).to.throw(NotFittedError, /SVC\.supportVectors/);
  });

  it('NaN, Infinity, empty X, X/y length mismatch, one class', () => {
    expect(() => new SVC().fit([[0, NaN], [1, 1]], [0, 1])).to.throw(RangeError, /^SVC\.fit: argument 'X' must hold finite numbers, got NaN at \[0\]\[1\]/);
    expect(() => new SVC().fit([[0, Infinity], [1, 1]], [0, 1])).to.throw(RangeError, /got Infinity/);
    expect(() => new SVC().fit([], [])).to.throw(RangeError, /^SVC\.fit: argument 'X' must have at least one sample, got 0 rows/);
    expect(() => new SVC().fit(Xs, [0, 1, 1])).to.throw(RangeError, /^SVC\.fit: arguments 'X' and 'y' must have the same number of samples, got 4 rows in X and 3 labels in y/);
    expect(() => new SVC().fit(Xs, [2, 2, 2, 2])).to.throw(RangeError, /^SVC\.fit: argument 'y' must hold at least 2 classes, got 1 class \(2\)/);
  });

  it('labels that are not integers', () => {
    expect(() => new SVC().fit(Xs, [0, 1, 0.5, 0])).to.throw(TypeError, /^SVC\.fit: argument 'y' must hold integer labels, got 0\.5 at index 2/);
    expect(() => new SVC().fit(Xs, ['a', 'b', 'a', 'b'] as unknown as number[])).to.throw(TypeError, /integer labels, got "a"/);
  });

  it('a wrong feature count or bad values at predict', () => {
    const clf = new SVC().fit(Xs, ys);
    expect(() => clf.predict([[1, 2, 3]])).to.throw(RangeError, /^SVC\.predict: argument 'X' must have 2 features per sample \(as at fit\), got 3/);
    expect(() => clf.decisionFunction([[1]])).to.throw(RangeError, /^SVC\.decisionFunction: argument 'X' must have 2 features/);
    expect(() => clf.predict([[1, NaN]])).to.throw(RangeError, /^SVC\.predict: argument 'X' must hold finite numbers/);
  });

  it('C <= 0; gamma 0, negative or an unknown string; other parameters', () => {
    expect(() => new SVC({ C: 0 }).fit(Xs, ys)).to.throw(RangeError, "SVC.fit: parameter 'C' must be a finite number > 0, got 0");
    expect(() => new SVC({ C: -1 }).fit(Xs, ys)).to.throw(RangeError, "SVC.fit: parameter 'C' must be a finite number > 0, got -1");
    expect(() => new SVC({ C: NaN }).fit(Xs, ys)).to.throw(RangeError, /parameter 'C'.*got NaN/);
    expect(() => new SVC({ gamma: 0 }).fit(Xs, ys)).to.throw(RangeError, "SVC.fit: parameter 'gamma' must be a finite number > 0, got 0");
    expect(() => new SVC({ gamma: -0.5 }).fit(Xs, ys)).to.throw(RangeError, /parameter 'gamma'.*got -0\.5/);
    expect(() => new SVC({ gamma: 'big' as 'scale' }).fit(Xs, ys)).to.throw(RangeError, `SVC.fit: parameter 'gamma' must be one of 'scale', 'auto', got "big"`);
    expect(() => new SVC({ gamma: null as unknown as number }).fit(Xs, ys)).to.throw(TypeError, /parameter 'gamma' must be 'scale', 'auto' or a finite number > 0, got null/);
    expect(() => new SVC({ C: '1' as unknown as number }).fit(Xs, ys)).to.throw(TypeError, /parameter 'C' must be a finite number > 0, got "1"/);
    expect(() => new SVC({ kernel: 'poly' as 'rbf' }).fit(Xs, ys)).to.throw(RangeError, /parameter 'kernel' must be one of 'rbf', 'linear', got "poly"/);
    expect(() => new SVC({ tol: 0 }).fit(Xs, ys)).to.throw(RangeError, /parameter 'tol'/);
    expect(() => new SVC({ cacheSize: -1 }).fit(Xs, ys)).to.throw(RangeError, /parameter 'cacheSize'/);
    expect(() => new SVC({ maxIter: 2.5 }).fit(Xs, ys)).to.throw(RangeError, /parameter 'maxIter' must be an integer >= 1, got 2\.5/);
    expect(() => new SVC({ shrinking: 1 as unknown as boolean }).fit(Xs, ys)).to.throw(TypeError, /parameter 'shrinking' must be a boolean, got 1/);
    expect(() => new SVC({ decisionFunctionShape: 'ovx' as 'ovr' }).fit(Xs, ys)).to.throw(RangeError, /parameter 'decisionFunctionShape'/);
  });
});

describe('SVC kernel matrix: WebAssembly SIMD and the TypeScript fallback', () => {
  it('agree within float32 rounding, odd sizes included', async () => {
    const { kernelMatrix } = await import('../src/svm/kernel-rows.js');
    const { loadDigits } = await import('../src/index.js');
    const X = loadDigits().data.selectRows(Array.from({ length: 301 }, (_, i) => i));
    for (const kernel of [{ kind: 'rbf', gamma: 0.001 }, { kind: 'linear', gamma: 0 }] as const) {
      const a = kernelMatrix(X, kernel, true);
      const b = kernelMatrix(X, kernel, false);
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
      expect(worst, kernel.kind).to.be.below(1e-6);
    }
  });
});

describe('SVC kernel rows computed on demand: WebAssembly SIMD and the TypeScript fallback', () => {
  it('fill the same rows within float32 rounding, for any list of samples', async () => {
    const { ComputedKernelRows, rowDotsOf } = await import('../src/svm/kernel-rows.js');
    const { rowSquaredNorms } = await import('../src/compute/dot-products.js');
    const { loadDigits } = await import('../src/index.js');
    const X = loadDigits().data.selectRows(Array.from({ length: 200 }, (_, i) => i));
    const kernel = { kind: 'rbf', gamma: 0.001 } as const;
    const simd = new ComputedKernelRows(kernel, rowSquaredNorms(X), rowDotsOf(X, true));
    const plain = new ComputedKernelRows(kernel, rowSquaredNorms(X), rowDotsOf(X, false));
    const samples = Int32Array.from({ length: 77 }, (_, i) => (i * 37) % 200);
    const y = Int8Array.from(samples, (s) => (s % 3 ? 1 : -1));
    for (const [a, start, end] of [[5, 0, 77], [199, 3, 10], [0, 76, 77]]) {
      const u = new Float32Array(77);
      const v = new Float32Array(77);
      simd.fill(a, 1, samples, y, start, end, u);
      plain.fill(a, 1, samples, y, start, end, v);
      for (let j = 0; j < 77; j++) expect(u[j], `row ${a}, sample ${j}`).to.be.closeTo(v[j], 1e-6);
    }
  });
});
