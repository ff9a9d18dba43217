/**
 * PCA: parity with scikit-learn 1.2.1's PCA(svd_solver='full') on the fixtures
 * of scripts/make-pca-fixtures.py, its properties, its errors, its persistence,
 * and PCA inside a pipeline. With DIGITKIT_BACKEND=js (npm run test:js) the
 * same checks run on the TypeScript kernels.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  DatasetError,
  GridSearchCV,
  Deskew,
  HOG,
  Matrix,
  NotFittedError,
  PCA,
  SVC,
  loadDigits,
  loadMnistSync,
  loadModel,
  loadModelFile,
  makePipeline,
  modelFromBytes,
  modelToBytes,
  predictParallel,
  saveModelFile,
  type Pipeline,
} from '../src/index.js';
import { CHOSEN_HOG, featureSteps } from '../src/transformers/feature-setting.js';
import { symmetricEigen } from '../src/compute/symmetric-eigen.js';

interface Case {
  name: string;
  params: { nComponents: number | null; whiten: boolean };
  digitsRows?: [number, number];
  scale?: number;
  queryRows?: number[];
  X?: number[][];
  queryX?: number[][];
  nSamples: number;
  nFeatures: number;
  nComponents: number;
  components: number[][];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  singularValues: number[];
  mean: number[];
  noiseVariance: number;
  transform: number[][];
  inverseTransform: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-pca.json', import.meta.url), 'utf8')) as { sklearn: string; cases: Case[] };
const digits = loadDigits();
const plain = (json: unknown) => JSON.parse(JSON.stringify(json));
const digitRows = (rows: number[], scale = 1) => rows.map((i) => Array.from(digits.data.row(i), (v) => v * scale));
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

function inputs(c: Case): { X: number[][]; Q: number[][] } {
  if (c.X) return { X: c.X, Q: c.queryX! };
  return { X: digitRows(range(c.digitsRows![0], c.digitsRows![1]), c.scale), Q: digitRows(c.queryRows!, c.scale) };
}

/**
 * The tolerance: |got − want| ≤ 1e-6 · (|want| + floor). The fixtures carry 10
 * significant digits; the floor is the scale below which a value is rounding
 * (a zero eigenvalue is 1e-30 in scikit-learn's SVD and 1e-29 here).
 */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, floor: number, what: string, rel = 1e-6): void {
  expect(got.length, `${what}: length`).to.equal(want.length);
  for (let i = 0; i < want.length; i++) {
    const tol = rel * (Math.abs(want[i]) + floor);
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      expect.fail(`${what}[${i}]: got ${got[i]}, want ${want[i]} (tolerance ${tol.toExponential(2)})`);
    }
  }
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/**
 * Components whose variance is not zero: below 1e-9 of the largest, a
 * variance is rounding (the digits' 3 constant pixels, a duplicated column,
 * the n-th axis of n centred rows), and its axis is any unit vector of a
 * subspace, decided by LAPACK's rounding in scikit-learn and by ours here.
 */
function determined(c: Case): number {
  const top = c.explainedVariance[0];
  return c.explainedVariance.filter((v) => v > 1e-9 * top).length;
}

describe(`PCA: parity with scikit-learn ${fixture.sklearn} (PCA(svd_solver='full'), test/fixtures/sklearn-pca.json)`, () => {
  for (const c of fixture.cases) {
    describe(c.name, () => {
      const { X, Q } = inputs(c);
      const pca = new PCA(c.params).fit(X);
      const k = c.nComponents;
      const nz = determined(c);
      const top = c.explainedVariance[0];

      it('the number of components, the mean, the variances, their ratios, the singular values, the noise variance', () => {
        expect(pca.fittedNComponents).to.equal(k);
        expect(pca.nFeaturesOut).to.equal(k);
        expect(pca.nFeaturesIn).to.equal(c.nFeatures);
        expect(pca.nSamples).to.equal(c.nSamples);
        const spread = Math.max(...c.mean.map(Math.abs));
        expectClose(pca.mean, c.mean, spread, 'mean');
        // Variances of zero come out as rounding on both sides: relative to the largest.
        expectClose(pca.explainedVariance, c.explainedVariance, 1e-6 * top, 'explainedVariance');
        expectClose(pca.explainedVarianceRatio, c.explainedVarianceRatio, 1e-6, 'explainedVarianceRatio');
        expectClose(pca.singularValues, c.singularValues, 1e-3 * c.singularValues[0], 'singularValues');
        expectClose([pca.noiseVariance], [c.noiseVariance], 1e-6 * top, 'noiseVariance');
      });

      it(`the components with scikit-learn's signs (${nz} of ${k}; the rest, of zero variance, compared as a subspace)`, () => {
        const comps = pca.components;
        expect([comps.rows, comps.cols]).to.deep.equal([k, c.nFeatures]);
        for (let r = 0; r < nz; r++) expectClose(comps.row(r), c.components[r], 1, `components[${r}]`);
        if (nz < k) {
          if (k === c.nFeatures) {
            // Every axis kept: the zero-variance ones span the complement of the others, on both sides.
            for (let r = nz; r < k; r++) {
              const inSpan = c.components.slice(nz).reduce((s, b) => s + dot(comps.row(r), b) ** 2, 0);
              expect(inSpan, `component ${r} in scikit-learn's span of components ${nz}..${k - 1}`).to.be.closeTo(1, 1e-9);
            }
          } else {
            // Fewer axes than features: which unit vector of the complement comes out is arbitrary; it is
            // at least a unit vector orthogonal to the determined axes (below).
            expect(k).to.be.lessThan(c.nFeatures);
          }
        }
        for (let a = 0; a < k; a++) {
          for (let b = a; b < k; b++) expect(dot(comps.row(a), comps.row(b)), `components ${a}·${b}`).to.be.closeTo(a === b ? 1 : 0, 1e-10);
        }
      });

      it('transform of held-out rows', () => {
        const T = pca.transform(Q);
        expect([T.rows, T.cols]).to.deep.equal([Q.length, k]);
        // A column's scale: its standard deviation over the training rows (1 when whitened).
        const scale = (r: number) => (c.params.whiten ? 1 : Math.sqrt(top));
        for (let i = 0; i < Q.length; i++) {
          const got = T.row(i);
          for (let r = 0; r < nz; r++) expectClose([got[r]], [c.transform[i][r]], scale(r), `transform[${i}][${r}]`);
          if (nz < k && k === c.nFeatures && !c.params.whiten) {
            // The zero-variance axes: any basis of one subspace, so only the length of that part compares.
            const norm = (a: ArrayLike<number>) => Math.hypot(...Array.from(a).slice(nz));
            expectClose([norm(got)], [norm(c.transform[i])], scale(0), `|transform[${i}][${nz}..]|`);
          }
        }
      });

      it('inverseTransform of those projections', function () {
        if (nz < k && k < c.nFeatures) {
          // scikit-learn's last axis is an arbitrary direction outside the training rows' span, which
          // held-out rows do project onto: their reconstructions differ by that arbitrary part.
          this.skip();
        }
        const spread = Math.max(...Q.flat().map(Math.abs), ...c.mean.map(Math.abs));
        const back = pca.inverseTransform(pca.transform(Q));
        for (let i = 0; i < Q.length; i++) expectClose(back.row(i), c.inverseTransform[i], spread, `inverseTransform[${i}]`);
        // And from scikit-learn's own projections, where its axes are ours.
        if (nz === k) {
          const fromTheirs = pca.inverseTransform(c.transform);
          for (let i = 0; i < Q.length; i++) expectClose(fromTheirs.row(i), c.inverseTransform[i], spread, `inverseTransform(sklearn's transform)[${i}]`);
        }
      });
    });
  }
});

describe('symmetricEigen (the decomposition behind PCA)', () => {
  /** Q·diag(values)·Qᵀ for Q a product of reflections I − 2uuᵀ/‖u‖² from a fixed sequence: a known spectrum. */
  function withSpectrum(values: number[]): Float64Array {
    const n = values.length;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = values[i];
    for (let t = 0; t < 3; t++) {
      const u = Array.from({ length: n }, (_, i) => Math.sin(1 + i * (t + 2)) + 0.1 * t);
      const uu = dot(u, u);
      // a ← H a H with H = I − 2uuᵀ/uu.
      const au = Array.from({ length: n }, (_, i) => dot(a.subarray(i * n, i * n + n), u));
      const uau = dot(u, au);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) a[i * n + j] += (-2 * (au[i] * u[j] + u[i] * au[j])) / uu + (4 * uau * u[i] * u[j]) / (uu * uu);
      }
    }
    return a;
  }

  it('A·v = λ·v for every pair, eigenvalues decreasing, orthonormal vectors: distinct, repeated, zero and negative eigenvalues', () => {
    for (const spectrum of [[5, 4, 3, 2, 1], [3, 3, 3, 1, 0, 0, -2], [7], [2, 2], [1e6, 1, 1e-6, 0, 0, 0, 0, 0], Array.from({ length: 40 }, (_, i) => (i % 7) - 3)]) {
      const n = spectrum.length;
      const A = withSpectrum(spectrum);
      const { values, vectors, count } = symmetricEigen(A.slice(), n);
      expect(count).to.equal(n);
      const sorted = [...spectrum].sort((x, y) => y - x);
      const top = Math.max(...spectrum.map(Math.abs));
      for (let i = 0; i < n; i++) expect(values[i], `λ${i} of [${spectrum}]`).to.be.closeTo(sorted[i], 1e-12 * top * n);
      for (let r = 0; r < n; r++) {
        const v = vectors.subarray(r * n, r * n + n);
        for (let i = 0; i < n; i++) expect(dot(A.subarray(i * n, i * n + n), v) - values[r] * v[i], `(Av − λv)[${i}] for λ${r}`).to.be.closeTo(0, 1e-11 * top * n);
        for (let q = 0; q <= r; q++) expect(dot(v, vectors.subarray(q * n, q * n + n))).to.be.closeTo(q === r ? 1 : 0, 1e-12 * n);
      }
    }
  });

  it('only the eigenvectors asked for, chosen after seeing the eigenvalues', () => {
    const A = withSpectrum([9, 1, 8, 2, 7, 3]);
    const full = symmetricEigen(A.slice(), 6);
    let seen: number[] = [];
    const part = symmetricEigen(A.slice(), 6, (values) => {
      seen = Array.from(values);
      return 2;
    });
    expect(seen).to.deep.equal(Array.from(full.values));
    expect(part.count).to.equal(2);
    expect(part.vectors.length).to.equal(12);
    for (let i = 0; i < 12; i++) expect(part.vectors[i]).to.be.closeTo(full.vectors[i], 1e-15);
  });
});

describe('PCA: properties', () => {
  const X = digits.data;

  it('orthonormal components, in both methods (scatter matrix: n ≥ d; Gram matrix: n < d)', () => {
    for (const [rows, nComponents] of [[1797, null], [40, null], [500, 30], [20, 0.8]] as const) {
      const pca = new PCA({ nComponents }).fit(digitRows(range(0, rows)));
      const C = pca.components;
      for (let a = 0; a < C.rows; a++) {
        for (let b = a; b < C.rows; b++) {
          expect(dot(C.row(a), C.row(b)), `${rows} rows: components ${a}·${b}`).to.be.closeTo(a === b ? 1 : 0, 1e-10);
        }
      }
    }
  });

  it('every component kept: inverseTransform∘transform gives back the rows; the ratios sum to 1', () => {
    const pca = new PCA().fit(X);
    const back = pca.inverseTransform(pca.transform(X));
    let worst = 0;
    for (let i = 0; i < X.data.length; i++) worst = Math.max(worst, Math.abs(back.data[i] - X.data[i]));
    expect(worst).to.be.below(1e-11); // pixels 0..16
    expect(pca.explainedVarianceRatio.reduce((s, v) => s + v, 0)).to.be.closeTo(1, 1e-12);
    expect(pca.noiseVariance).to.equal(0);
  });

  it('whiten: projections of the training rows have unit variance; inverseTransform undoes it', () => {
    const rows = digitRows(range(0, 400));
    const pca = new PCA({ nComponents: 10, whiten: true }).fit(rows);
    const T = pca.fitTransform(rows);
    for (let r = 0; r < 10; r++) {
      let ss = 0;
      for (let i = 0; i < T.rows; i++) ss += T.get(i, r) ** 2;
      expect(ss / (T.rows - 1), `variance of component ${r}`).to.be.closeTo(1, 1e-9);
    }
    const plainPca = new PCA({ nComponents: 10 }).fit(rows);
    const a = pca.inverseTransform(T);
    const b = plainPca.inverseTransform(plainPca.transform(rows));
    expectClose(a.data, b.data, 16, 'whitened reconstruction = plain reconstruction', 1e-9);
  });

  it('whiten with a component of zero variance: 0 for it, not a division by zero', () => {
    const rows = [[1, 5], [2, 5], [3, 5], [4, 5]];
    const T = new PCA({ whiten: true }).fit(rows).transform(rows);
    expect(T.data.every(Number.isFinite)).to.equal(true);
    expect(Array.from({ length: 4 }, (_, i) => T.get(i, 1))).to.deep.equal([0, 0, 0, 0]);
  });

  it('constant data: components of zero variance, ratios 0 (scikit-learn: NaN), everything finite', () => {
    const pca = new PCA({ nComponents: 0.5 }).fit([[3, 3, 3], [3, 3, 3], [3, 3, 3]]);
    expect(pca.fittedNComponents).to.equal(1);
    expect(Array.from(pca.explainedVariance)).to.deep.equal([0]);
    expect(Array.from(pca.explainedVarianceRatio)).to.deep.equal([0]);
    expect(Array.from(pca.transform([[3, 3, 4]]).data).every(Number.isFinite)).to.equal(true);
  });

  it('the parameters stay as given; fitting twice gives the same model', () => {
    const pca = new PCA({ nComponents: 0.9 });
    pca.fit(X);
    expect(pca.getParams()).to.deep.equal({ nComponents: 0.9, whiten: false });
    const first = plain(pca.toJSON());
    expect(plain(pca.fit(X).toJSON())).to.deep.equal(first);
  });

  it('values near ±1e150 (the largest toMatrix takes) neither overflow nor underflow', () => {
    const rows = digitRows(range(0, 100), 6e148); // pixels up to 16: 9.6e149
    const pca = new PCA({ nComponents: 5 }).fit(rows);
    const small = new PCA({ nComponents: 5 }).fit(digitRows(range(0, 100)));
    expectClose(pca.explainedVarianceRatio, small.explainedVarianceRatio, 0, 'ratios at 1e149 vs 1', 1e-12);
    expectClose(pca.components.data, small.components.data, 1, 'components at 1e149 vs 1', 1e-9);
    expect(pca.transform(rows).data.every(Number.isFinite)).to.equal(true);
  });
});

describe('PCA: errors', () => {
  const X = digitRows(range(0, 10));

  it('bad parameters: nComponents 0, negative, 1.5, NaN, a string, above min(n, d); whiten not a boolean', () => {
    const expected = /^PCA\.fit: parameter 'nComponents' must be an integer >= 1 \(a number of components\) or a number in \(0, 1\) \(a fraction of the variance to keep\)(, or null for min\(nSamples, nFeatures\))?, got /;
    for (const bad of [0, -1, 1.5, NaN, Infinity, 1.0000001]) {
      expect(() => new PCA({ nComponents: bad }).fit(X), String(bad)).to.throw(RangeError, expected);
    }
    expect(() => new PCA({ nComponents: '5' as never }).fit(X)).to.throw(TypeError, expected);
    expect(() => new PCA({ nComponents: 11 }).fit(X)).to.throw(
      RangeError,
      /^PCA\.fit: parameter 'nComponents' must be at most min\(nSamples, nFeatures\) = 10 \(X has 10 samples of 64 features\), got 11$/,
    );
    expect(() => new PCA({ nComponents: 3 }).fit(digitRows([0, 1, 2]).map((r) => r.slice(0, 2)))).to.throw(RangeError, /= 2 \(X has 3 samples of 2 features\), got 3/);
    expect(() => new PCA({ whiten: 1 as never }).fit(X)).to.throw(TypeError, /^PCA\.fit: parameter 'whiten' must be a boolean, got 1$/);
    expect(() => new PCA({ n_components: 3 } as never)).to.throw(TypeError, /^PCA: unknown option 'n_components', expected one of 'nComponents', 'whiten'$/);
  });

  it('bad X: NaN, Infinity, empty, one row, ragged', () => {
    const nan = X.map((r) => r.slice());
    nan[2][7] = NaN;
    expect(() => new PCA().fit(nan)).to.throw(RangeError, /^PCA\.fit: argument 'X' must hold finite numbers, got NaN at \[2\]\[7\]$/);
    nan[2][7] = -Infinity;
    expect(() => new PCA().fit(nan)).to.throw(RangeError, /^PCA\.fit: argument 'X' must hold finite numbers, got -Infinity at \[2\]\[7\]$/);
    expect(() => new PCA().fit([])).to.throw(RangeError, /^PCA\.fit: argument 'X' must have at least one sample, got 0 rows$/);
    expect(() => new PCA().fit([X[0]])).to.throw(RangeError, /^PCA\.fit: argument 'X' must have at least 2 samples \(variances are divided by nSamples − 1\), got 1 row$/);
    expect(() => new PCA().fit([[1, 2], [3]])).to.throw(RangeError, /rows of equal length/);
    expect(() => new PCA().fit('x' as never)).to.throw(TypeError, /^PCA\.fit: argument 'X' must be a Matrix or an array of rows/);
    // min(n, d) above 8,192: a 512 MB matrix and minutes of work; refused before any (the rows are all zero here).
    expect(() => new PCA().fit(new Matrix(8193, 8193))).to.throw(
      RangeError,
      /^PCA\.fit: argument 'X' must have at most 8192 samples or at most 8192 features \(PCA decomposes a min\(nSamples, nFeatures\)-sided matrix\), got 8193 samples of 8193 features$/,
    );
  });

  it('transform and inverseTransform: before fit, wrong feature count, NaN', () => {
    expect(() => new PCA().transform(X)).to.throw(NotFittedError, /^PCA\.transform: this PCA is not fitted yet; call fit\(X\) first$/);
    expect(() => new PCA().inverseTransform(X)).to.throw(NotFittedError, /^PCA\.inverseTransform: this PCA is not fitted yet/);
    expect(() => new PCA().components).to.throw(NotFittedError, /^PCA\.components: /);
    const pca = new PCA({ nComponents: 4 }).fit(X);
    expect(() => pca.transform([X[0].slice(1)])).to.throw(RangeError, /^PCA\.transform: argument 'X' must have 64 features per sample \(as at fit\), got 63$/);
    expect(() => pca.transform([X[0].map(() => Infinity)])).to.throw(RangeError, /^PCA\.transform: argument 'X' must hold finite numbers, got Infinity at \[0\]\[0\]$/);
    expect(() => pca.inverseTransform([[1, 2, 3]])).to.throw(RangeError, /^PCA\.inverseTransform: argument 'Y' must have 4 values per sample \(one per component\), got 3$/);
    expect(() => pca.inverseTransform([[1, 2, NaN, 3]])).to.throw(RangeError, /^PCA\.inverseTransform: argument 'Y' must hold finite numbers, got NaN at \[0\]\[2\]$/);
  });

  it('a tampered saved state is refused at load, naming the field', () => {
    const json = plain(new PCA({ nComponents: 3 }).fit(X).toJSON());
    const tamper = (edit: (s: any, j: any) => void) => {
      const j = plain(json);
      edit(j.state, j);
      return () => loadModel(j);
    };
    expect(tamper(() => {})).not.to.throw();
    expect(tamper((s) => (s.mean = s.mean.slice(1)))).to.throw(TypeError, /^PCA\.fromJSON: field 'state\.mean' must be an array of 64 finite numbers \(one per feature, as the columns of state\.components\), got an array of length 63$/);
    expect(tamper((s) => (s.explainedVariance = s.explainedVariance.slice(1)))).to.throw(TypeError, /field 'state\.explainedVariance' must be an array of 3 finite numbers \(one per component\)/);
    expect(tamper((s) => (s.components.data[5] = null))).to.throw(TypeError, /field 'state\.components\.data/);
    expect(tamper((s) => (s.components.data = s.components.data.map((v: number) => v * 2)))).to.throw(RangeError, /^PCA\.fromJSON: field 'state\.components' must be unit rows \(within 0\.01\), got row 0 of norm (2|1\.99+\d*)$/);
    expect(tamper((s) => (s.components.data = s.components.data.map(() => 0)))).to.throw(RangeError, /unit rows .* got row 0 of norm 0/);
    expect(tamper((s, j) => (j.params.nComponents = 2))).to.throw(RangeError, /field 'state\.components' must be 2 rows \(parameter nComponents\), got 3/);
    expect(tamper((s, j) => (j.params.nComponents = null))).to.throw(RangeError, /field 'state\.components' must be min\(nSamples, nFeatures\) = 10 rows \(parameter nComponents null\), got 3/);
    expect(tamper((s) => (s.nSamples = 2))).to.throw(RangeError, /field 'state\.components' must be at most min\(nSamples, nFeatures\) = 2 rows, got 3/);
    expect(tamper((s) => (s.mean[4] = 1e200))).to.throw(RangeError, /^PCA\.fromJSON: field 'state\.mean\[4\]' must be within ±1e\+150 \(.*\), got 1e\+200$/);
    expect(tamper((s) => (s.nSamples = 1))).to.throw(RangeError, /field 'state\.nSamples' must be an integer >= 2, got 1/);
    expect(tamper((s) => (s.explainedVariance[1] = -s.explainedVariance[1]))).to.throw(RangeError, /field 'state\.explainedVariance\[1\]' must be a finite number >= 0, got -/);
    expect(tamper((s) => (s.explainedVariance[2] = s.explainedVariance[0] * 2))).to.throw(RangeError, /field 'state\.explainedVariance\[2\]' must be at most the one before/);
    expect(tamper((s) => (s.explainedVariance[0] *= 1.01))).to.throw(RangeError, /field 'state\.explainedVariance\[0\]' must be singularValues\[0\]² \/ \(nSamples − 1\)/);
    expect(tamper((s) => (s.singularValues[0] = -s.singularValues[0]))).to.throw(RangeError, /field 'state\.singularValues\[0\]' must be a finite number >= 0/);
    expect(tamper((s) => (s.explainedVarianceRatio[0] = 1.5))).to.throw(RangeError, /field 'state\.explainedVarianceRatio\[0\]' must be a number in \[0, 1\], got 1\.5/);
    expect(tamper((s) => (s.explainedVarianceRatio = [0.6, 0.3, 0.2]))).to.throw(RangeError, /field 'state\.explainedVarianceRatio' must be shares of the variance summing to at most 1/);
    expect(tamper((s) => (s.noiseVariance = -1))).to.throw(RangeError, /field 'state\.noiseVariance' must be a finite number >= 0, got -1/);
    expect(tamper((s) => (s.noiseVariance = s.explainedVariance[2] * 2))).to.throw(RangeError, /field 'state\.noiseVariance' must be at most the smallest kept variance/);
    expect(tamper((s) => (s.noiseVariance = 'x'))).to.throw(TypeError, /field 'state\.noiseVariance' must be/);
  });
});

describe('PCA: persistence', () => {
  const X = digits.data;
  const Q = digitRows(range(1500, 1600));
  const pca = new PCA({ nComponents: 40, whiten: true }).fit(X);
  const expected = pca.transform(Q);

  it('JSON through loadModel: the identical transform and attributes', () => {
    const back = loadModel(plain(pca.toJSON())) as PCA;
    expect(back).to.be.instanceOf(PCA);
    // JSON writes −0 as 0: compared as numbers (+0 added), the values are identical.
    const same = (a: Float64Array) => Array.from(a, (v) => v + 0);
    expect(same(back.transform(Q).data)).to.deep.equal(same(expected.data));
    expect(same(back.components.data)).to.deep.equal(same(pca.components.data));
    expect(back.noiseVariance).to.equal(pca.noiseVariance);
    expect(back.getParams()).to.deep.equal(pca.getParams());
    expect(() => (loadModel(plain(new PCA().toJSON())) as PCA).transform(Q)).to.throw(NotFittedError);
  });

  it('binary model file (bytes and file): the identical transform', () => {
    const back = modelFromBytes(modelToBytes(pca)) as PCA;
    expect(Array.from(back.transform(Q).data)).to.deep.equal(Array.from(expected.data));
    const dir = mkdtempSync(join(tmpdir(), 'digitkit-pca-'));
    try {
      saveModelFile(pca, join(dir, 'pca.dkm'));
      const fromFile = loadModelFile(join(dir, 'pca.dkm')) as PCA;
      expect(Array.from(fromFile.transform(Q).data)).to.deep.equal(Array.from(expected.data));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("saveModelFile(…, { precision: 'float16' }): components under 4,096 values kept exact; more, rounded within 2e-3, in less than half the bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), 'digitkit-pca-'));
    try {
      // 40 × 64 = 2,560 values: under COMPACT_MIN_LENGTH (4,096), so kept at float64.
      saveModelFile(pca, join(dir, 'small.dkm'), { precision: 'float16' });
      const small = loadModelFile(join(dir, 'small.dkm')) as PCA;
      expect(Array.from(small.transform(Q).data)).to.deep.equal(Array.from(expected.data));
      // HOG-like width: 100 components of 150 features (15,000 values) are stored as float16.
      const wide = new Matrix(300, 150);
      for (let i = 0; i < wide.rows; i++) for (let j = 0; j < 150; j++) wide.data[i * 150 + j] = digits.data.get(i, j % 64) * (1 + (j >> 6)) + ((i * 7 + j * 13) % 5);
      const big = new PCA({ nComponents: 100 }).fit(wide);
      saveModelFile(big, join(dir, 'big.dkm'), { precision: 'float16' });
      const rounded = loadModelFile(join(dir, 'big.dkm')) as PCA;
      const a = big.transform(wide);
      const b = rounded.transform(wide);
      // float16 keeps 11 significant bits: each component value within 2⁻¹¹ relative, the projections
      // within about 1e-3 of the first component's scale.
      const scale = Math.sqrt(big.explainedVariance[0]);
      let worst = 0;
      for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / scale);
      expect(worst).to.be.above(0).and.below(2e-3);
      const full = saveModelFile(big, join(dir, 'full.dkm'));
      const half = saveModelFile(big, join(dir, 'half.dkm'), { precision: 'float16' });
      expect(half.bytes).to.be.below(full.bytes / 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PCA in a pipeline', function () {
  this.timeout(60000);
  const train = range(0, 898);
  const test = range(898, 1797);
  const Xtr = digits.data.selectRows(train);
  const ytr = train.map((i) => digits.target[i]);
  const Xte = digits.data.selectRows(test);
  const yte = test.map((i) => digits.target[i]);

  it('PCA(30) then SVC(gamma 0.001) on the digits example split: as good as the pixels (96.9%)', () => {
    const model = makePipeline(new PCA({ nComponents: 30 }), new SVC({ gamma: 0.001 })).fit(Xtr, ytr);
    const score = model.score(Xte, yte);
    // On the 64 pixels the example reads 96.9%; 30 components keep 93% of the variance.
    expect(score).to.be.above(0.95);
    const back = loadModel(plain(model.toJSON())) as Pipeline;
    expect(Array.from(back.predict(Xte))).to.deep.equal(Array.from(model.predict(Xte)));
  });

  it('Deskew → HOG → PCA(0.95) → SVC: fits, predicts, predicts on threads the same, survives a model file', async () => {
    const model = makePipeline(new Deskew(), new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new PCA({ nComponents: 0.95 }), new SVC({ gamma: 'scale' }));
    model.fit(Xtr, ytr);
    const pred = model.predict(Xte);
    expect(pred.filter((p, i) => p === yte[i]).length / yte.length).to.be.above(0.9);
    expect(Array.from(await predictParallel(model, Xte, { nJobs: 2 }))).to.deep.equal(Array.from(pred));
    const back = modelFromBytes(modelToBytes(model)) as Pipeline;
    expect(Array.from(back.predict(Xte))).to.deep.equal(Array.from(pred));
  });
});

describe('PCA in a grid search', function () {
  this.timeout(60000);
  it("GridSearchCV over 'pca__nComponents' (an integer and a fraction) clones the step with each value", () => {
    const rows = range(0, 300);
    const X = digits.data.selectRows(rows);
    const y = rows.map((i) => digits.target[i]);
    const search = new GridSearchCV(makePipeline(new PCA(), new SVC({ gamma: 0.001 })), { pca__nComponents: [5, 0.8] }, { cv: 3 }).fit(X, y);
    expect([5, 0.8]).to.include(search.bestParams.pca__nComponents);
    const best = search.bestEstimator as Pipeline;
    expect((best.steps[0][1] as PCA).getParams().nComponents).to.equal(search.bestParams.pca__nComponents);
  });
});

describe('PCA: extreme values that once stopped the eigen-solver', () => {
  it('fits a column of 1e150 beside subnormal values (fuzz case 417): finite, unit components, no endless QR', () => {
    const X = [
      [11, 5.53245209707598e-36, 8, 0],
      [1e150, 16, 12, 0],
      [3, -5e-324, 4, 5],
      [2, 3, 7, 12],
      [4, 9, 13, 3],
    ];
    const pca = new PCA().fit(X);
    expect(Array.from(pca.explainedVariance).every(Number.isFinite)).to.equal(true);
    expect(pca.explainedVariance[0]).to.be.closeTo(2e299, 1e285);
    const c = pca.components;
    for (let r = 0; r < c.rows; r++) {
      let norm = 0;
      for (let j = 0; j < c.cols; j++) norm += c.get(r, j) ** 2;
      expect(norm).to.be.closeTo(1, 1e-12);
    }
  });
});
