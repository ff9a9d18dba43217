import { expect } from 'chai';
import { KNeighborsClassifier, loadDigits, loadMnistSync, Matrix, RandomState } from '../src/index.js';
import { buildBoundIndex, kNearestBounded } from '../src/neighbors/bounded-search.js';
import { prepareRows } from '../src/neighbors/metric.js';
import { principalAxes, symmetricEigen } from '../src/neighbors/principal-axes.js';
import { kNearest } from '../src/neighbors/search.js';

/** Runs both searches on the same rows and expects bit-identical neighbours and distances. */
function expectSameAsBruteForce(train: Matrix, queries: Matrix, k: number): void {
  const t = prepareRows('euclidean', train, true);
  const q = prepareRows('euclidean', queries, false);
  const brute = kNearest('euclidean', t, q, k);
  const index = buildBoundIndex(t);
  // With the first level in WebAssembly SIMD, and in plain TypeScript.
  for (const simd of [true, false]) {
    const bounded = kNearestBounded(index, t, q, k, simd);
    expect(Array.from(bounded.indices), `simd ${simd}`).to.deep.equal(Array.from(brute.indices));
    expect(Array.from(bounded.distances), `simd ${simd}`).to.deep.equal(Array.from(brute.distances));
  }
}

function randomMatrix(rows: number, cols: number, seed: number, scale: (c: number) => number = () => 1): Matrix {
  const rng = new RandomState(seed);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) m.data[i * cols + c] = (rng.nextUint32() / 2 ** 32 - 0.5) * scale(c);
  return m;
}

describe('principal axes', () => {
  it('are orthonormal and ordered by variance, the first along the widest direction', () => {
    // Column c has spread 0.8^c: the principal axes are the coordinate axes, in order.
    const X = randomMatrix(3000, 40, 1, (c) => 0.8 ** c);
    const p = principalAxes(X.data, X.rows, X.cols, 8);
    expect(p.count).to.equal(8);
    for (let a = 0; a < p.count; a++) {
      for (let b = 0; b < p.count; b++) {
        let dot = 0;
        for (let c = 0; c < p.cols; c++) dot += p.axes[a * p.cols + c] * p.axes[b * p.cols + c];
        expect(dot).to.be.closeTo(a === b ? 1 : 0, 1e-12);
      }
    }
    expect(Math.abs(p.axes[0])).to.be.above(0.95); // axis 0 ≈ ±e0
    expect(Math.abs(p.axes[p.cols + 1])).to.be.above(0.9); // axis 1 ≈ ±e1
  });

  it('are deterministic and never more than the columns', () => {
    const X = randomMatrix(500, 5, 2);
    const a = principalAxes(X.data, X.rows, X.cols, 64);
    const b = principalAxes(X.data, X.rows, X.cols, 64);
    expect(a.count).to.equal(5);
    expect(Array.from(a.axes)).to.deep.equal(Array.from(b.axes));
  });

  it('symmetricEigen: A v = λ v for every eigenpair, ordered by decreasing λ', () => {
    const n = 12;
    const r = randomMatrix(n, n, 3);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = r.data[i * n + j] + r.data[j * n + i];
    const { values, vectors, order } = symmetricEigen(A, n);
    for (let e = 0; e < n; e++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += A[i * n + j] * vectors[j * n + e];
        expect(av).to.be.closeTo(values[e] * vectors[i * n + e], 1e-10);
      }
    }
    for (let i = 1; i < n; i++) expect(values[order[i - 1]]).to.be.at.least(values[order[i]]);
  });
});

describe('pruned k-NN search: bit-identical to brute force', () => {
  it('on MNIST (6,000 training images, 300 test images), k = 1, 3 and 10', function () {
    this.timeout(60000);
    const train = loadMnistSync({ split: 'train', limit: 6000 }).features;
    const test = loadMnistSync({ split: 'test', limit: 300 }).features;
    const t = prepareRows('euclidean', train, true);
    const q = prepareRows('euclidean', test, false);
    const index = buildBoundIndex(t);
    // The first k of brute force's 10 nearest are its k nearest (same order, same tie rule).
    const brute = kNearest('euclidean', t, q, 10);
    for (const [k, simd] of [[1, true], [3, true], [3, false], [10, true]] as const) {
      const bounded = kNearestBounded(index, t, q, k, simd);
      for (let i = 0; i < test.rows; i++) {
        expect(Array.from(bounded.indices.subarray(i * k, i * k + k))).to.deep.equal(Array.from(brute.indices.subarray(i * 10, i * 10 + k)));
        expect(Array.from(bounded.distances.subarray(i * k, i * k + k))).to.deep.equal(Array.from(brute.distances.subarray(i * 10, i * 10 + k)));
      }
    }
  });

  it('on the 8×8 digits, where 64 axes leave no residual at all', () => {
    const { data } = loadDigits();
    const rows = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
    expectSameAsBruteForce(data.selectRows(rows(0, 1200)), data.selectRows(rows(1200, 1797)), 5);
  });

  it('with exact duplicates and queries equal to training rows (ties go to the lower index)', () => {
    const base = randomMatrix(400, 50, 4);
    const train = new Matrix(1200, 50);
    // Rows 400..799 copy rows 0..399 and rows 800..1199 copy them again: every distance ties three ways.
    for (let copy = 0; copy < 3; copy++) train.data.set(base.data, copy * base.data.length);
    const queries = base.selectRows([0, 5, 399, 17]);
    expectSameAsBruteForce(train, queries, 4);
    expectSameAsBruteForce(train, queries, 7);
  });

  it('on long rows (1,100 columns: the [48, 96] levels), with correlated columns', function () {
    this.timeout(30000);
    // Rows mix 40 random factors, so a few axes capture most of the variance, as with HOG features.
    const factors = randomMatrix(40, 1100, 9);
    const mix = (rows: number, seed: number) => {
      const w = randomMatrix(rows, 40, seed);
      const m = new Matrix(rows, 1100);
      for (let i = 0; i < rows; i++) for (let f = 0; f < 40; f++) for (let c = 0; c < 1100; c++) m.data[i * 1100 + c] += w.data[i * 40 + f] * factors.data[f * 1100 + c];
      return m;
    };
    expectSameAsBruteForce(mix(1500, 10), mix(50, 11), 3);
  });

  it('with fewer columns than the first level, and with k = every training row', () => {
    expectSameAsBruteForce(randomMatrix(300, 3, 5), randomMatrix(40, 3, 6), 3);
    expectSameAsBruteForce(randomMatrix(60, 20, 7), randomMatrix(10, 20, 8), 60);
  });
});

describe('KNeighborsClassifier at MNIST scale', () => {
  it('gives the brute-force neighbours when its pruned search is used (5,000+ rows, 200+ queries)', function () {
    this.timeout(60000);
    const train = loadMnistSync({ split: 'train', limit: 5000 });
    const test = loadMnistSync({ split: 'test', limit: 250 }).features;
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels);
    const got = knn.kneighbors(test);
    const t = prepareRows('euclidean', train.features, true);
    const brute = kNearest('euclidean', t, prepareRows('euclidean', test, false), 3);
    expect(Array.from(got.indices)).to.deep.equal(Array.from(brute.indices));
    expect(Array.from(got.distances.data)).to.deep.equal(Array.from(brute.distances));
    // A small call after the index exists uses it too, with the same answer as brute force.
    const one = knn.kneighbors(test.selectRows([7]));
    expect(Array.from(one.indices)).to.deep.equal(Array.from(brute.indices.subarray(21, 24)));
  });
});

describe('first-level kernel (WebAssembly SIMD)', () => {
  it('is available here, and its bounds equal the plain f64 sums within f32 rounding', async () => {
    const { createFirstLevelKernel } = await import('../src/compute/wasm/first-level-kernel.js');
    const nT = 37;
    const m0 = 8;
    const head = randomMatrix(nT, m0, 21).data;
    const tails = randomMatrix(1, nT, 22).data;
    const kernel = createFirstLevelKernel(head, tails, nT, m0, 8);
    expect(kernel, 'WebAssembly SIMD in this Node').to.not.equal(null);
    const qHead = randomMatrix(4, m0, 23).data;
    const qTails = Float64Array.from([0.1, -0.2, 0.3, 0]);
    kernel!.run(qHead, qTails, 4);
    for (let k = 0; k < 4; k++) {
      for (let i = 0; i < nT; i++) {
        let s = 0;
        for (let j = 0; j < m0; j++) s += (qHead[k * m0 + j] - head[i * m0 + j]) ** 2;
        s += (qTails[k] - tails[i]) ** 2;
        // f32 coordinates: within a few f32 roundings of the f64 sum.
        expect(kernel!.bounds[(4 + k) * nT + i]).to.be.closeTo(s, 1e-5 * (1 + s));
      }
    }
    expect(createFirstLevelKernel(head, tails, nT, 6, 8), 'm0 not a multiple of 4').to.equal(null);
  });
});

describe('src/compute/wasm: the generated modules', () => {
  it('match their .wat sources (run npx tsx scripts/build-wasm.ts after editing one)', async function () {
    this.timeout(30000);
    const { readFileSync, readdirSync } = await import('node:fs');
    const { assemble, generated } = await import('../scripts/build-wasm.js');
    const dir = new URL('../src/compute/wasm/', import.meta.url).pathname;
    const sources = readdirSync(dir).filter((f) => f.endsWith('.wat'));
    expect(sources).to.not.be.empty;
    for (const file of sources) {
      const name = file.slice(0, -4);
      expect(readFileSync(`${dir}${name}.wasm.ts`, 'utf8'), name).to.equal(generated(name, await assemble(dir + file), await assemble(dir + file, true)));
    }
  });
});

describe('dot-block kernel (WebAssembly SIMD)', () => {
  it('gives the plain dot products within rounding, odd sizes padded', async () => {
    const { createDotBlockKernel } = await import('../src/compute/wasm/dot-block-kernel.js');
    for (const [count, cols, n] of [[5, 7, 3], [4, 8, 4], [1, 1, 1]]) {
      const axes = randomMatrix(count, cols, 31).data;
      const rows = randomMatrix(n, cols, 32).data;
      const kernel = createDotBlockKernel(axes, count, cols, 6)!;
      expect(kernel, 'WebAssembly SIMD in this Node').to.not.equal(null);
      for (let i = 0; i < n; i++) kernel.rows.set(rows.subarray(i * cols, (i + 1) * cols), i * kernel.stride);
      kernel.run(n);
      for (let i = 0; i < n; i++) {
        for (let a = 0; a < count; a++) {
          let dot = 0;
          for (let c = 0; c < cols; c++) dot += rows[i * cols + c] * axes[a * cols + c];
          expect(kernel.coords[i * kernel.coordStride + a], `${count}×${cols}, row ${i}, axis ${a}`).to.be.closeTo(dot, 1e-14);
        }
      }
    }
  });
});
