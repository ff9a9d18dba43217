import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Matrix, RandomState, trainTestSplit } from '../src/index.js';
import { approximateMode } from '../src/model-selection/approximate-mode.js';
import { resolveSplitSizes } from '../src/model-selection/sizes.js';

const split = JSON.parse(readFileSync(new URL('./fixtures/sklearn-split.json', import.meta.url), 'utf8')) as {
  sizes: Array<{ n: number; testSize: number | null; trainSize: number | null; nTrain?: number; nTest?: number; error?: string }>;
  approximateMode: Array<{ classCounts: number[]; nDraws: number; lo: number[]; hi: number[]; sklearnSeed0: number[] }>;
  stratified: Array<{
    classLabels: number[];
    classCounts: number[];
    testSize: number | null;
    trainSize: number | null;
    trainCounts?: number[];
    testCounts?: number[];
    error?: string;
  }>;
};

/** n samples with one feature holding the row number, so rows can be traced. */
function data(n: number): { X: number[][]; y: number[] } {
  return { X: Array.from({ length: n }, (_, i) => [i, -i]), y: Array.from({ length: n }, (_, i) => i % 3) };
}

function sizeOptions(c: { testSize: number | null; trainSize: number | null }): { testSize?: number; trainSize?: number } {
  const o: { testSize?: number; trainSize?: number } = {};
  if (c.testSize !== null) o.testSize = c.testSize;
  if (c.trainSize !== null) o.trainSize = c.trainSize;
  return o;
}

function countPerClass(y: ArrayLike<number>, labels: number[]): number[] {
  return labels.map((l) => Array.from(y).filter((v) => v === l).length);
}

describe('trainTestSplit: sizes as scikit-learn', () => {
  it(`gives sklearn's (n_train, n_test) or an error for ${split.sizes.length} (n, testSize, trainSize) combinations`, () => {
    let errors = 0;
    for (const c of split.sizes) {
      const call = () => resolveSplitSizes(c.n, c.testSize, c.trainSize, 'trainTestSplit');
      const label = `n=${c.n} testSize=${c.testSize} trainSize=${c.trainSize}`;
      if (c.error !== undefined) {
        errors++;
        expect(call, label).to.throw(RangeError, /^trainTestSplit: parameters? '(testSize|trainSize)'/);
      } else {
        expect(call(), label).to.deep.equal({ nTrain: c.nTrain, nTest: c.nTest });
      }
    }
    expect(errors).to.be.greaterThan(100);
  });

  it('applies them to the data (checked through the public function on the small cases)', () => {
    for (const c of split.sizes.filter((s) => s.n <= 150)) {
      const { X, y } = data(c.n);
      const call = () => trainTestSplit(X, y, { ...sizeOptions(c), seed: 1 });
      if (c.error !== undefined) {
        expect(call).to.throw(RangeError);
        continue;
      }
      const s = call();
      expect(s.XTrain.rows).to.equal(c.nTrain);
      expect(s.XTest.rows).to.equal(c.nTest);
      expect(s.yTrain.length).to.equal(c.nTrain);
      expect(s.testIndices.length).to.equal(c.nTest);
    }
  });

  it('defaults to a 0.25 test fraction, rounded up', () => {
    const { X, y } = data(10);
    const s = trainTestSplit(X, y, { seed: 0 });
    expect([s.trainIndices.length, s.testIndices.length]).to.deep.equal([7, 3]);
  });
});

describe('trainTestSplit: without shuffling', () => {
  it('takes the first nTrain samples for training and the next nTest for test', () => {
    const { X, y } = data(10);
    const s = trainTestSplit(X, y, { testSize: 3, trainSize: 5, shuffle: false });
    expect(Array.from(s.trainIndices)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(Array.from(s.testIndices)).to.deep.equal([5, 6, 7]);
    expect(s.XTest.toArray()).to.deep.equal([[5, -5], [6, -6], [7, -7]]);
    expect(Array.from(s.yTest)).to.deep.equal([2, 0, 1]);
  });

  it("splits the digits as scikit-learn's example does (test_size=0.5: 898 train, 899 test)", () => {
    const X = new Matrix(1797, 2);
    const y = new Int32Array(1797);
    const s = trainTestSplit(X, y, { testSize: 0.5, shuffle: false });
    expect(s.trainIndices.length).to.equal(898);
    expect(s.testIndices[0]).to.equal(898);
    expect(s.testIndices[898]).to.equal(1796);
  });
});

describe('trainTestSplit: shuffled', () => {
  it('is reproducible under a seed and changes with the seed', () => {
    const { X, y } = data(50);
    const a = trainTestSplit(X, y, { seed: 7 });
    const b = trainTestSplit(X, y, { seed: 7 });
    const c = trainTestSplit(X, y, { seed: 8 });
    expect(a.trainIndices).to.deep.equal(b.trainIndices);
    expect(a.testIndices).to.deep.equal(b.testIndices);
    expect(Array.from(a.testIndices)).to.not.deep.equal(Array.from(c.testIndices));
  });

  it('takes the test set from the front of a RandomState permutation, then the training set', () => {
    const { X, y } = data(20);
    const s = trainTestSplit(X, y, { testSize: 4, trainSize: 10, seed: 3 });
    const p = Array.from(new RandomState(3).permutation(20));
    expect(Array.from(s.testIndices)).to.deep.equal(p.slice(0, 4));
    expect(Array.from(s.trainIndices)).to.deep.equal(p.slice(4, 14));
  });

  it('returns disjoint parts whose rows and labels follow the indices', () => {
    const X = Array.from({ length: 30 }, (_, i) => Float32Array.of(i, i * 2));
    const y = Int32Array.from({ length: 30 }, (_, i) => i * 10);
    const s = trainTestSplit(X, y, { testSize: 0.3, seed: 11 });
    const all = [...s.trainIndices, ...s.testIndices].sort((a, b) => a - b);
    expect(all).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
    expect(s.XTrain).to.be.instanceOf(Matrix);
    expect(s.yTrain).to.be.instanceOf(Int32Array);
    s.trainIndices.forEach((idx, k) => {
      expect(Array.from(s.XTrain.row(k))).to.deep.equal([idx, idx * 2]);
      expect(s.yTrain[k]).to.equal(idx * 10);
    });
    s.testIndices.forEach((idx, k) => expect(s.yTest[k]).to.equal(idx * 10));
  });

  it('without a seed, still gives a valid split', () => {
    const { X, y } = data(12);
    const s = trainTestSplit(X, y);
    expect(new Set([...s.trainIndices, ...s.testIndices]).size).to.equal(12);
  });
});

describe('trainTestSplit: stratified', () => {
  it(`allocates per class as sklearn's _approximate_mode (${split.approximateMode.length} fixtures, ties within sklearn's bounds)`, () => {
    let exact = 0;
    for (const [i, c] of split.approximateMode.entries()) {
      for (const seed of [0, 1, 2]) {
        const got = Array.from(approximateMode(c.classCounts, c.nDraws, new RandomState(seed)));
        expect(got.reduce((a, b) => a + b, 0), `case ${i}`).to.equal(c.nDraws);
        got.forEach((v, k) => expect(v, `case ${i} class ${k}`).to.be.within(c.lo[k], c.hi[k]));
        if (c.lo.every((v, k) => v === c.hi[k])) {
          expect(got, `case ${i}`).to.deep.equal(c.sklearnSeed0);
          exact++;
        }
      }
    }
    expect(exact).to.be.greaterThan(600);
  });

  it('breaks ties at random, but reproducibly', () => {
    const draws = new Set<string>();
    for (let seed = 0; seed < 40; seed++) draws.add(approximateMode([2, 2, 2, 1], 2, new RandomState(seed)).join(','));
    expect(draws.size).to.be.greaterThan(1);
    expect(approximateMode([2, 2, 2, 1], 2, new RandomState(5))).to.deep.equal(approximateMode([2, 2, 2, 1], 2, new RandomState(5)));
    expect(Array.from(approximateMode([4, 2], 3, new RandomState(0)))).to.deep.equal([2, 1]);
  });

  it(`gives sklearn's per-class train/test counts on ${split.stratified.length} stratified splits`, () => {
    let errors = 0;
    for (const [i, c] of split.stratified.entries()) {
      // labels interleaved, so that the class order differs from the sample order
      const y: number[] = [];
      const left = c.classCounts.slice();
      while (left.some((v) => v > 0)) {
        left.forEach((v, k) => {
          if (v > 0) {
            y.push(c.classLabels[k]);
            left[k]--;
          }
        });
      }
      const X = y.map((_, j) => [j]);
      const call = () => trainTestSplit(X, y, { ...sizeOptions(c), seed: i, stratify: y });
      if (c.error !== undefined) {
        errors++;
        const re = c.error.includes('least populated')
          ? /parameter 'stratify' must have at least 2 samples of every class, got 1 sample of class/
          : c.error.startsWith('The train_size')
            ? /parameter '(testSize|trainSize)' must leave at least one training sample per class/
            : /parameter '(testSize|trainSize)' must give at least one test sample per class/;
        expect(call, `case ${i}: ${c.error}`).to.throw(RangeError, re);
        continue;
      }
      const s = call();
      expect(countPerClass(s.yTrain, c.classLabels), `case ${i} train`).to.deep.equal(c.trainCounts);
      expect(countPerClass(s.yTest, c.classLabels), `case ${i} test`).to.deep.equal(c.testCounts);
      expect(new Set([...s.trainIndices, ...s.testIndices]).size).to.equal(s.trainIndices.length + s.testIndices.length);
    }
    expect(errors).to.be.greaterThan(5);
  });

  it('is reproducible under a seed, with labels distinct from the stratification', () => {
    const { X, y } = data(60);
    const strata = y.map((v) => (v === 0 ? 5 : -5));
    const a = trainTestSplit(X, y, { testSize: 0.25, seed: 4, stratify: strata });
    const b = trainTestSplit(X, y, { testSize: 0.25, seed: 4, stratify: strata });
    expect(a.testIndices).to.deep.equal(b.testIndices);
    expect(a.trainIndices).to.deep.equal(b.trainIndices);
    expect(countPerClass(Array.from(a.testIndices, (i) => strata[i]), [-5, 5])).to.deep.equal([10, 5]);
  });
});

describe('trainTestSplit: bad input', () => {
  const { X, y } = data(10);
  const fail = (options: unknown, type: typeof TypeError | typeof RangeError, re: RegExp) =>
    expect(() => trainTestSplit(X, y, options as never), String(re)).to.throw(type, re);

  it('refuses sizes out of range, naming the option, the range and the value', () => {
    const range = String.raw`must be a fraction in \(0, 1\) or an integer count in \[1, 9\] \(of 10 samples\)`;
    fail({ testSize: 0 }, RangeError, new RegExp(`^trainTestSplit: parameter 'testSize' ${range}, got 0$`));
    fail({ testSize: 10 }, RangeError, new RegExp(`^trainTestSplit: parameter 'testSize' ${range}, got 10$`));
    fail({ testSize: -0.5 }, RangeError, /'testSize' must be .*, got -0\.5$/);
    fail({ testSize: 1.5 }, RangeError, /'testSize' must be .*, got 1\.5$/);
    fail({ testSize: NaN }, RangeError, /'testSize' must be .*, got NaN$/);
    fail({ testSize: Infinity }, RangeError, /'testSize' must be .*, got Infinity$/);
    fail({ trainSize: 12 }, RangeError, new RegExp(`^trainTestSplit: parameter 'trainSize' ${range}, got 12$`));
    fail({ testSize: '0.2' }, TypeError, /^trainTestSplit: parameter 'testSize' must be .*, got "0\.2"$/);
    fail({ trainSize: true }, TypeError, /'trainSize' must be .*, got true$/);
    fail({ testSize: 0.6, trainSize: 0.5 }, RangeError, /^trainTestSplit: parameters 'testSize' and 'trainSize' must add up to at most 1 when both are fractions, got 0\.6 \+ 0\.5/);
    fail({ testSize: 6, trainSize: 0.5 }, RangeError, /^trainTestSplit: parameters 'testSize' and 'trainSize' must not ask for more than the 10 samples, got testSize 6 \(6 samples\) and trainSize 0\.5 \(5 samples\)/);
    fail({ trainSize: 0.05 }, RangeError, /^trainTestSplit: parameter 'trainSize' must leave at least one training sample of 10, got 0\.05/);
    expect(() => trainTestSplit([[1], [2], [3]], [0, 1, 0], { testSize: 0.9 })).to.throw(RangeError, /parameter 'testSize' must leave at least one training sample of 3, got 0\.9 \(3 test and 0 training samples\)/);
    expect(() => trainTestSplit([[1]], [0])).to.throw(RangeError, /parameter 'testSize' must leave at least one training sample of 1, got 0\.25/);
  });

  it('refuses bad options', () => {
    fail({ shuffle: 'no' }, TypeError, /^trainTestSplit: parameter 'shuffle' must be a boolean, got "no"/);
    fail({ seed: 1.5 }, RangeError, /^trainTestSplit: parameter 'seed' must be an integer, got 1\.5/);
    fail({ seed: '1' }, TypeError, /'seed' must be an integer, got "1"/);
    fail({ test_size: 0.3 }, TypeError, /^trainTestSplit: unknown option 'test_size', expected one of 'testSize'/);
    fail(5, TypeError, /^trainTestSplit: argument 'options' must be an object, got 5/);
    fail({ stratify: y, shuffle: false }, RangeError, /^trainTestSplit: parameter 'shuffle' must be true when stratify is given .*, got false/);
    fail({ stratify: [0, 1] }, RangeError, /^trainTestSplit: arguments 'X' and 'stratify' must have the same number of samples, got 10 rows in X and 2 labels/);
    fail({ stratify: 'abc' }, TypeError, /argument 'stratify' must be an array of integer labels/);
    fail({ stratify: [0, 0, 0, 0, 0, 1, 1, 1, 1, 2] }, RangeError, /'stratify' must have at least 2 samples of every class, got 1 sample of class 2/);
    fail({ stratify: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4], testSize: 3 }, RangeError, /parameter 'testSize' must give at least one test sample per class \(5 classes in 'stratify'\), got 3 test samples/);
    fail({ stratify: [0, 0, 1, 1, 2, 2, 3, 3, 4, 4], trainSize: 3 }, RangeError, /parameter 'trainSize' must leave at least one training sample per class \(5 classes in 'stratify'\), got 3 training samples/);
  });

  it('validates X and y with toMatrix and toLabels', () => {
    expect(() => trainTestSplit([], [])).to.throw(RangeError, /^trainTestSplit: argument 'X' must have at least one sample/);
    expect(() => trainTestSplit([[1, NaN], [2, 3]], [0, 1])).to.throw(RangeError, /^trainTestSplit: argument 'X' must hold finite numbers, got NaN/);
    expect(() => trainTestSplit('X' as never, [0])).to.throw(TypeError, /^trainTestSplit: argument 'X' must be a Matrix/);
    expect(() => trainTestSplit(X, y.slice(1))).to.throw(RangeError, /^trainTestSplit: arguments 'X' and 'y' must have the same number of samples, got 10 rows in X and 9 labels/);
    expect(() => trainTestSplit(X, y.map((v) => v + 0.5))).to.throw(TypeError, /^trainTestSplit: argument 'y' must hold integer labels, got 0\.5/);
  });
});
