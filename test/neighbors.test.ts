import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { HOG, KNeighborsClassifier, loadDigits, loadMnistSync, loadModel, makePipeline, Matrix, NotFittedError, PCA } from '../src/index.js';
import type { KNeighborsParams } from '../src/index.js';
import { kneighborsParallel, predictParallel } from '../src/node.js';
import { learnedState } from '../src/base/estimator.js';
import { buildBoundIndex, kNearestBounded } from '../src/neighbors/bounded-search.js';
import type { KnnState } from '../src/neighbors/knn-search.js';
import { asByteRows, prepareRows, type ByteRows } from '../src/neighbors/metric.js';
import { kNearest } from '../src/neighbors/search.js';
import { sharedRows } from '../src/parallel/shared-memory.js';
import { fitTransformers } from '../src/pipeline/pipeline.js';
import { takeOver } from '../src/core/handed-over.js';

// Parity fixtures made by scikit-learn 1.2.1 (scripts/make-knn-fixtures.py):
// KNeighborsClassifier(algorithm='brute') on the digits, train = first 898 rows, test = last 899.
const ref = JSON.parse(readFileSync(new URL('./fixtures/sklearn-knn.json', import.meta.url), 'utf8'));

const digits = loadDigits();
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const Xtrain = digits.data.selectRows(range(0, 898));
const ytrain = digits.target.slice(0, 898);
const Xtest = digits.data.selectRows(range(898, 1797));
const ytest = digits.target.slice(898);

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

describe('KNeighborsClassifier: parity with scikit-learn on the digits', () => {
  for (const c of ref.cases) {
    describe(c.name, () => {
      const knn = new KNeighborsClassifier(c.params as KNeighborsParams).fit(Xtrain, ytrain);
      const rows = Xtest.selectRows(c.rows);

      it(`predicts all 899 test digits as scikit-learn (accuracy ${c.accuracy.toFixed(4)}, ${c.errors} errors)`, () => {
        expect(Array.from(knn.predict(Xtest))).to.deep.equal(c.predicted);
        expect(knn.score(Xtest, ytest)).to.equal(c.accuracy);
      });

      it('gives scikit-learn\'s probabilities within 1e-9', () => {
        expect(maxDiff(knn.predictProba(rows), c.proba)).to.be.below(1e-9);
      });

      it('gives scikit-learn\'s neighbour distances within 1e-9, and the same neighbours', () => {
        const r = knn.kneighbors(rows);
        expect(r.k).to.equal(c.params.nNeighbors);
        expect(maxDiff(r.distances, c.distances)).to.be.below(1e-9);
        // Same neighbours; within a run of equal distances scikit-learn's order is unspecified,
        // so compare each row's neighbours as sets, and in order where distances differ.
        c.indices.forEach((expected: number[], i: number) => {
          const got = Array.from(r.indices.subarray(i * r.k, (i + 1) * r.k));
          expect([...got].sort((a, b) => a - b)).to.deep.equal([...expected].sort((a, b) => a - b));
          expected.forEach((e, j) => {
            const dj = c.distances[i][j];
            const tied = c.distances[i].filter((v: number) => Math.abs(v - dj) < 1e-12).length > 1;
            if (!tied) expect(got[j]).to.equal(e);
          });
        });
      });
    });
  }

  it('k=3 euclidean reaches the issue\'s target: 0.9633, 33 errors', () => {
    const pred = new KNeighborsClassifier({ nNeighbors: 3 }).fit(Xtrain, ytrain).predict(Xtest);
    let errors = 0;
    pred.forEach((p, i) => (errors += p === ytest[i] ? 0 : 1));
    expect(errors).to.equal(33);
    expect((899 - errors) / 899).to.be.closeTo(0.9633, 5e-5);
  });
});

describe('KNeighborsClassifier: estimator behaviour', () => {
  const small = Xtrain.selectRows(range(0, 200));
  const ySmall = ytrain.slice(0, 200);

  it('fit returns this and leaves the parameters as given', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 4, metric: 'cosine' });
    expect(knn.fit(small, ySmall)).to.equal(knn);
    expect(knn.getParams()).to.deep.equal({ nNeighbors: 4, weights: 'uniform', metric: 'cosine' });
    expect(new KNeighborsClassifier().getParams()).to.deep.equal({ nNeighbors: 5, weights: 'uniform', metric: 'euclidean' });
    expect(knn.classes).to.deep.equal(Int32Array.from(range(0, 10)));
    expect(knn.nFeaturesIn).to.equal(64);
    expect(knn.nSamplesFit).to.equal(200);
  });

  it('fitting twice gives the same model, and accepts number[][] as well as Matrix', () => {
    const a = new KNeighborsClassifier({ weights: 'distance' }).fit(small, ySmall);
    const b = new KNeighborsClassifier({ weights: 'distance' }).fit(small.toArray(), Array.from(ySmall));
    const pa = a.predictProba(Xtest);
    expect(Array.from(b.predictProba(Xtest).data)).to.deep.equal(Array.from(pa.data));
    a.fit(small, ySmall);
    expect(Array.from(a.predictProba(Xtest).data)).to.deep.equal(Array.from(pa.data));
  });

  it('keeps its own copy of the training set', () => {
    const X = small.toArray();
    const Xm = Matrix.fromArray(X);
    const knn = new KNeighborsClassifier({ nNeighbors: 1 }).fit(Xm, ySmall);
    const before = Array.from(knn.predict(Xtest));
    Xm.data.fill(0);
    expect(Array.from(knn.predict(Xtest))).to.deep.equal(before);
  });

  it('predicting a subset gives the subset of the predictions, probabilities and neighbours', () => {
    for (const metric of ['euclidean', 'correlation'] as const) {
      const knn = new KNeighborsClassifier({ nNeighbors: 3, metric, weights: 'distance' }).fit(small, ySmall);
      const all = knn.predict(Xtest);
      const proba = knn.predictProba(Xtest);
      const nb = knn.kneighbors(Xtest);
      const rows = [5, 17, 400, 898];
      const sub = Xtest.selectRows(rows);
      expect(Array.from(knn.predict(sub))).to.deep.equal(rows.map((r) => all[r]));
      expect(knn.predictProba(sub).toArray()).to.deep.equal(rows.map((r) => Array.from(proba.row(r))));
      const nbSub = knn.kneighbors(sub);
      rows.forEach((r, i) => {
        expect(Array.from(nbSub.indices.subarray(3 * i, 3 * i + 3))).to.deep.equal(Array.from(nb.indices.subarray(3 * r, 3 * r + 3)));
        expect(Array.from(nbSub.distances.row(i))).to.deep.equal(Array.from(nb.distances.row(r)));
      });
    }
  });

  it('kneighbors: k defaults to nNeighbors, can be given, nearest first; a training row is its own nearest', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 2 }).fit(small, ySmall);
    const r = knn.kneighbors(small.selectRows([0, 7]), 6);
    expect(r.k).to.equal(6);
    expect(r.distances.rows).to.equal(2);
    expect(r.distances.cols).to.equal(6);
    expect(r.indices.length).to.equal(12);
    expect(r.indices[0]).to.equal(0);
    expect(r.indices[6]).to.equal(7);
    expect(r.distances.get(0, 0)).to.equal(0);
    for (let i = 0; i < 2; i++) for (let j = 1; j < 6; j++) expect(r.distances.get(i, j)).to.be.at.least(r.distances.get(i, j - 1));
    expect(knn.kneighbors(small.selectRows([3])).k).to.equal(2);
    // Every training row against itself: k = all rows gives a permutation of them.
    const everything = knn.kneighbors(small.selectRows([3]), 200);
    expect(new Set(everything.indices).size).to.equal(200);
  });

  it('ties: equal distances keep the lower training index; vote ties go to the smallest class', () => {
    // Four training points at distance 1 from the origin, two of class 9, two of class 4.
    const X = [[1, 0], [0, 1], [-1, 0], [0, -1]];
    const y = [9, 9, 4, 4];
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
    const r = knn.kneighbors([[0, 0]]);
    expect(Array.from(r.indices)).to.deep.equal([0, 1, 2]);
    expect(Array.from(r.distances.data)).to.deep.equal([1, 1, 1]);
    // k=2: neighbours 0 and 1 (class 9) → 9. k=4: two votes each → the smaller class, 4.
    expect(Array.from(new KNeighborsClassifier({ nNeighbors: 2 }).fit(X, y).predict([[0, 0]]))).to.deep.equal([9]);
    expect(Array.from(new KNeighborsClassifier({ nNeighbors: 4 }).fit(X, y).predict([[0, 0]]))).to.deep.equal([4]);
    expect(new KNeighborsClassifier({ nNeighbors: 4 }).fit(X, y).predictProba([[0, 0]]).toArray()).to.deep.equal([[0.5, 0.5]]);
  });

  it("weights 'distance': an exact match takes all the weight", () => {
    const X = [[0, 0], [0, 0], [1, 0], [2, 0], [3, 0]];
    const y = [1, 2, 3, 3, 3];
    const knn = new KNeighborsClassifier({ nNeighbors: 5, weights: 'distance' }).fit(X, y);
    expect(knn.predictProba([[0, 0]]).toArray()).to.deep.equal([[0.5, 0.5, 0]]);
    expect(Array.from(knn.predict([[0, 0]]))).to.deep.equal([1]);
    // Away from the training points: weights 1/d.
    const p = knn.predictProba([[0, 1]]).toArray()[0];
    const w = [1, 1, 1 / Math.SQRT2, 1 / Math.sqrt(5), 1 / Math.sqrt(10)];
    const s = w.reduce((a, b) => a + b);
    expect(p[0]).to.be.closeTo(1 / s, 1e-15);
    expect(p[2]).to.be.closeTo((w[2] + w[3] + w[4]) / s, 1e-15);
  });

  it('cosine and correlation: scale-free, and a zero or constant row is at distance 1', () => {
    const X = [[1, 2, 3], [3, 2, 1], [0, 0, 0]];
    const y = [0, 1, 2];
    const cos = new KNeighborsClassifier({ nNeighbors: 3, metric: 'cosine' }).fit(X, y);
    const r = cos.kneighbors([[10, 20, 30]]);
    expect(r.indices[0]).to.equal(0);
    expect(r.distances.get(0, 0)).to.be.closeTo(0, 1e-15);
    expect(r.distances.get(0, 2)).to.equal(1);
    expect(r.indices[2]).to.equal(2);
    const corr = new KNeighborsClassifier({ nNeighbors: 3, metric: 'correlation' }).fit(X, y);
    const c = corr.kneighbors([[5, 7, 9]]);
    expect(Array.from(c.indices)).to.deep.equal([0, 2, 1]);
    expect(Array.from(c.distances.data).map((v) => Math.round(v * 1e12) / 1e12)).to.deep.equal([0, 1, 2]);
  });

  it('one class is allowed: it is always predicted, with probability 1', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 2 }).fit([[0], [1], [5]], [7, 7, 7]);
    expect(Array.from(knn.classes)).to.deep.equal([7]);
    expect(Array.from(knn.predict([[3], [-2]]))).to.deep.equal([7, 7]);
    expect(knn.predictProba([[3]]).toArray()).to.deep.equal([[1]]);
  });

  it('accepts any integer labels and returns them, sorted in classes', () => {
    const labels = Int32Array.from(ySmall, (v) => (v % 2 === 0 ? -7 : 40));
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(small, labels);
    expect(Array.from(knn.classes)).to.deep.equal([-7, 40]);
    for (const p of knn.predict(Xtest)) expect([-7, 40]).to.include(p);
    expect(knn.score(small, labels)).to.be.above(0.9);
  });
});

describe('KNeighborsClassifier: bad input gives clear errors', () => {
  const Xs = [[0, 1], [1, 0], [1, 1], [0, 0]];
  const ys = [0, 1, 1, 0];
  const fit = (p: unknown) => new KNeighborsClassifier(p as KNeighborsParams).fit(Xs, ys);

  it('before fit: NotFittedError naming the call', () => {
    const knn = new KNeighborsClassifier();
    expect(() => knn.predict(Xs)).to.throw(
      NotFittedError,
      /^KNeighborsClassifier\.predict: this KNeighborsClassifier is not fitted yet; call fit\(X, y\) first/,
    );
    expect(() => knn.predictProba(Xs)).to.throw(NotFittedError, /KNeighborsClassifier\.predictProba/);
    expect(() => knn.kneighbors(Xs)).to.throw(NotFittedError, /KNeighborsClassifier\.kneighbors/);
    expect(() => knn.score(Xs, ys)).to.throw(NotFittedError, /KNeighborsClassifier\.predict/);
    expect(() => knn.classes).to.throw(NotFittedError, /KNeighborsClassifier\.classes/);
    expect(() => knn.nFeaturesIn).to.throw(NotFittedError, /KNeighborsClassifier\.nFeaturesIn/);
    expect(() => knn.nSamplesFit).to.throw(NotFittedError, /KNeighborsClassifier\.nSamplesFit/);
  });

  it('NaN, Infinity, empty X, X/y length mismatch, labels that are not integers', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 1 });
    expect(() => knn.fit([[0, NaN], [1, 1]], [0, 1])).to.throw(RangeError, /^KNeighborsClassifier\.fit: argument 'X' must hold finite numbers, got NaN at \[0\]\[1\]/);
    expect(() => knn.fit([[0, -Infinity], [1, 1]], [0, 1])).to.throw(RangeError, /got -Infinity/);
    expect(() => knn.fit([], [])).to.throw(RangeError, /^KNeighborsClassifier\.fit: argument 'X' must have at least one sample, got 0 rows/);
    expect(() => knn.fit(Xs, [0, 1, 1])).to.throw(
      RangeError,
      /^KNeighborsClassifier\.fit: arguments 'X' and 'y' must have the same number of samples, got 4 rows in X and 3 labels in y/,
    );
    expect(() => knn.fit(Xs, [0, 1, 0.5, 0])).to.throw(TypeError, /^KNeighborsClassifier\.fit: argument 'y' must hold integer labels, got 0\.5 at index 2/);
  });

  it('nNeighbors larger than the training set', () => {
    expect(() => fit({ nNeighbors: 5 })).to.throw(
      RangeError,
      "KNeighborsClassifier.fit: parameter 'nNeighbors' must be <= the number of training samples (4), got 5",
    );
    const knn = fit({ nNeighbors: 4 });
    expect(() => knn.kneighbors(Xs, 5)).to.throw(RangeError, "KNeighborsClassifier.kneighbors: parameter 'k' must be an integer >= 1 and <= 4, got 5");
    expect(() => knn.kneighbors(Xs, 0)).to.throw(RangeError, /parameter 'k' must be an integer >= 1 and <= 4, got 0/);
    expect(() => knn.kneighbors(Xs, 1.5)).to.throw(RangeError, /parameter 'k'.*got 1\.5/);
  });

  it('a wrong feature count, bad values or empty input at predict', () => {
    const knn = fit({ nNeighbors: 3 });
    expect(() => knn.predict([[1, 2, 3]])).to.throw(RangeError, /^KNeighborsClassifier\.predict: argument 'X' must have 2 features per sample \(as at fit\), got 3/);
    expect(() => knn.predictProba([[1]])).to.throw(RangeError, /^KNeighborsClassifier\.predictProba: argument 'X' must have 2 features/);
    expect(() => knn.kneighbors([[1]])).to.throw(RangeError, /^KNeighborsClassifier\.kneighbors: argument 'X' must have 2 features/);
    expect(() => knn.predict([[1, NaN]])).to.throw(RangeError, /^KNeighborsClassifier\.predict: argument 'X' must hold finite numbers/);
    expect(() => knn.predict([])).to.throw(RangeError, /^KNeighborsClassifier\.predict: argument 'X' must have at least one sample/);
    expect(() => knn.score(Xs, [0, 1])).to.throw(RangeError, /^KNeighborsClassifier\.score: arguments 'X' and 'y' must have the same number of samples/);
  });

  it('bad parameters: at fit, naming the parameter; unknown names at construction', () => {
    expect(() => fit({ nNeighbors: 0 })).to.throw(RangeError, "KNeighborsClassifier.fit: parameter 'nNeighbors' must be an integer >= 1, got 0");
    expect(() => fit({ nNeighbors: 2.5 })).to.throw(RangeError, /parameter 'nNeighbors' must be an integer >= 1, got 2\.5/);
    expect(() => fit({ nNeighbors: NaN })).to.throw(RangeError, /parameter 'nNeighbors'.*got NaN/);
    expect(() => fit({ nNeighbors: '3' })).to.throw(TypeError, /parameter 'nNeighbors' must be an integer >= 1, got "3"/);
    expect(() => fit({ weights: 'inverse' })).to.throw(RangeError, `KNeighborsClassifier.fit: parameter 'weights' must be one of 'uniform', 'distance', got "inverse"`);
    expect(() => fit({ weights: null })).to.throw(TypeError, /parameter 'weights'.*got null/);
    expect(() => fit({ metric: 'manhattan' })).to.throw(
      RangeError,
      `KNeighborsClassifier.fit: parameter 'metric' must be one of 'euclidean', 'cosine', 'correlation', got "manhattan"`,
    );
    expect(() => new KNeighborsClassifier({ n_neighbors: 3 } as KNeighborsParams)).to.throw(
      TypeError,
      "KNeighborsClassifier: unknown option 'n_neighbors', expected one of 'nNeighbors', 'weights', 'metric'",
    );
    expect(() => new KNeighborsClassifier(3 as KNeighborsParams)).to.throw(TypeError, /KNeighborsClassifier: argument 'options' must be an object, got 3/);
  });
});

describe('KNeighborsClassifier: persistence', () => {
  const small = Xtrain.selectRows(range(0, 150));
  const ySmall = ytrain.slice(0, 150);
  const plain = (json: unknown) => JSON.parse(JSON.stringify(json));

  it('a JSON round trip (and loadModel) gives identical predictions, probabilities and distances, for every metric', () => {
    for (const metric of ['euclidean', 'cosine', 'correlation'] as const) {
      const m = new KNeighborsClassifier({ nNeighbors: 4, metric, weights: 'distance' }).fit(small, ySmall);
      const back = loadModel(plain(m.toJSON())) as KNeighborsClassifier;
      expect(back).to.be.instanceOf(KNeighborsClassifier);
      expect(back.getParams()).to.deep.equal(m.getParams());
      expect(Array.from(back.predict(Xtest))).to.deep.equal(Array.from(m.predict(Xtest)));
      expect(Array.from(back.predictProba(Xtest).data)).to.deep.equal(Array.from(m.predictProba(Xtest).data));
      expect(Array.from(back.kneighbors(Xtest).distances.data)).to.deep.equal(Array.from(m.kneighbors(Xtest).distances.data));
      expect(back.nSamplesFit).to.equal(150);
      expect(back.nFeaturesIn).to.equal(64);
    }
  });

  it('an unfitted model round-trips unfitted; a wrong tag, version or field is refused', () => {
    const unfitted = KNeighborsClassifier.fromJSON(plain(new KNeighborsClassifier({ nNeighbors: 2 }).toJSON()));
    expect(unfitted.nNeighbors).to.equal(2);
    expect(() => unfitted.classes).to.throw(NotFittedError);
    const json = plain(new KNeighborsClassifier({ nNeighbors: 2 }).fit(small, ySmall).toJSON());
    expect(() => KNeighborsClassifier.fromJSON({ ...json, name: 'SVC' })).to.throw(TypeError, /must be a KNeighborsClassifier model/);
    expect(() => KNeighborsClassifier.fromJSON({ ...json, version: 2 })).to.throw(RangeError, /format version must be 1, got 2/);
    expect(() => KNeighborsClassifier.fromJSON({ ...json, state: { ...json.state, yIndex: [1, 2] } })).to.throw(TypeError, /field 'state\.yIndex' must be an array of 150 finite numbers/);
    const badIndex = { ...json.state, yIndex: json.state.yIndex.map((v: number, i: number) => (i === 3 ? 10 : v)) };
    expect(() => KNeighborsClassifier.fromJSON({ ...json, state: badIndex })).to.throw(RangeError, /field 'state\.yIndex\[3\]' must be a class index in 0\.\.9, got 10/);
    expect(() => KNeighborsClassifier.fromJSON({ ...json, params: { nNeighbors: 0 } })).to.throw(RangeError, /KNeighborsClassifier\.fromJSON: parameter 'nNeighbors'/);
  });
});

describe('KNeighborsClassifier: one copy of the training rows, on shared memory', () => {
  // 4,200 rows of 64 features (2.1 MB): large enough for shared memory and the pruned search. Every row is
  // repeated, and the values are small integers, so that equal distances (ties) abound.
  const rows = 4200;
  const cols = 64;
  const X = new Matrix(rows, cols);
  const y = new Int32Array(rows);
  let seed = 7;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
  for (let i = 0; i < rows; i++) {
    const from = i % 2 === 1 ? i - 1 : i; // rows 2j and 2j+1 are equal, with different labels
    for (let c = 0; c < cols; c++) X.data[i * cols + c] = from === i ? next() % 3 : X.data[from * cols + c];
    y[i] = next() % 4;
  }
  const queries = new Matrix(300, cols);
  for (let k = 0; k < queries.data.length; k++) queries.data[k] = next() % 3;

  it('keeps its copy on shared memory, which threads read as it is, and predicts as a plain copy does', async () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
    // Its values are whole numbers 0..2, so the rows are kept as bytes (see ByteRows).
    const train = learnedState<{ train: { data?: Float64Array; bytes?: Uint8Array } }>(knn, 'predict').train;
    expect(train.data).to.equal(undefined);
    expect(train.bytes!.buffer).to.be.instanceOf(SharedArrayBuffer);
    expect(sharedRows(train as ByteRows, true).bytes).to.equal(train.bytes); // no second copy for the threads
    // The search before this change: a plain copy of the rows, brute force.
    const plainTrain = { data: X.data.slice(), rows, cols, sqNorms: prepareRows('euclidean', X, false).sqNorms };
    const brute = kNearest('euclidean', plainTrain, prepareRows('euclidean', queries, false), 3);
    const near = knn.kneighbors(queries); // builds and uses the pruned search's index (300 queries)
    expect(Array.from(near.indices)).to.deep.equal(Array.from(brute.indices));
    expect(Array.from(near.distances.data)).to.deep.equal(Array.from(brute.distances));
    const onThreads = await kneighborsParallel(knn, queries, { nJobs: 2 });
    expect(Array.from(onThreads.indices)).to.deep.equal(Array.from(brute.indices));
    const predicted = Array.from(knn.predict(queries));
    expect(Array.from(await predictParallel(knn, queries, { nJobs: 2 }))).to.deep.equal(predicted);
    const fresh = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
    expect(Array.from(fresh.predict(queries))).to.deep.equal(predicted);
    // Its saved form still loads, and predicts the same.
    expect(Array.from((loadModel(JSON.parse(JSON.stringify(knn.toJSON()))) as KNeighborsClassifier).predict(queries))).to.deep.equal(predicted);
  });
});

describe('KNeighborsClassifier in a pipeline: the transformed rows kept, not copied', () => {
  it('keeps the HOG output the pipeline made, and predicts as a k-NN fitted on a copy of it', () => {
    const steps = () => [new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2], width: 8, height: 8 })] as const;
    const pipe = makePipeline(...steps(), new KNeighborsClassifier({ nNeighbors: 3 })).fit(Xtrain, ytrain);
    const knn = pipe.classifier as KNeighborsClassifier;
    const kept = learnedState<{ train: { data?: Float64Array } }>(knn, 'predict').train.data!;
    const hog = steps()[0].fit(Xtrain);
    const features = hog.transform(Xtrain);
    expect(Array.from(kept)).to.deep.equal(Array.from(features.data));
    // A user's own matrix is copied: changing it afterwards changes nothing.
    const own = new KNeighborsClassifier({ nNeighbors: 3 }).fit(features, ytrain);
    expect(learnedState<{ train: { data?: Float64Array } }>(own, 'predict').train.data).to.not.equal(features.data);
    const expected = Array.from(own.predict(hog.transform(Xtest)));
    features.data.fill(0);
    expect(Array.from(own.predict(hog.transform(Xtest)))).to.deep.equal(expected);
    expect(Array.from(pipe.predict(Xtest))).to.deep.equal(expected);
    // Fitting again hands over the new output; the kept rows of the first fit are not reused.
    pipe.fit(Xtrain, ytrain);
    expect(learnedState<{ train: { data?: Float64Array } }>(pipe.classifier as KNeighborsClassifier, 'predict').train.data).to.not.equal(kept);
    expect(Array.from(pipe.predict(Xtest))).to.deep.equal(expected);
  });

  it('hands over an image transformer\'s output only, and once', () => {
    const hogPipe = makePipeline(new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier());
    const Xt = fitTransformers(hogPipe, Xtrain, ytrain);
    expect(takeOver(Xt.data)).to.equal(true);
    expect(takeOver(Xt.data)).to.equal(false);
    const pcaPipe = makePipeline(new PCA({ nComponents: 5 }), new KNeighborsClassifier());
    expect(takeOver(fitTransformers(pcaPipe, Xtrain, ytrain).data)).to.equal(false);
    expect(takeOver(fitTransformers(makePipeline(new KNeighborsClassifier()), Xtrain, ytrain).data)).to.equal(false);
  });
});

describe('KNeighborsClassifier: rows of 256 values kept as bytes', () => {
  it('asByteRows takes pixels / 255, / 16 and whole numbers 0..255, and nothing else', () => {
    const of = (values: number[]) => asByteRows(Float64Array.from(values));
    expect(Array.from(of([0, 1 / 255, 128 / 255, 1])!.bytes)).to.deep.equal([0, 1, 128, 255]);
    expect(Array.from(of([0, 3 / 16, 255 / 16])!.bytes)).to.deep.equal([0, 3, 255]);
    expect(Array.from(of([0, 2, 16, 255])!.bytes)).to.deep.equal([0, 2, 16, 255]);
    const coded = of([7 / 255, 200 / 255])!;
    expect(Array.from(coded.bytes).map((b) => coded.values[b])).to.deep.equal([7 / 255, 200 / 255]);
    for (const bad of [[0.5 / 255], [256], [-1], [-0], [0.3], [1 / 255 + Number.EPSILON], [0, 1, 2.55]]) {
      expect(of(bad), String(bad)).to.equal(null);
    }
  });

  it('on MNIST (pixels / 255) gives the float rows\' neighbours and distances bit for bit, with every search', async () => {
    // Large enough for shared memory and the pruned search (4,096 rows, 200 queries).
    const train = loadMnistSync({ split: 'train', limit: 4200 });
    const queries = loadMnistSync({ split: 'test', limit: 200 }).features;
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels);
    const kept = learnedState<KnnState>(knn, 'predict').train;
    expect(kept.bytes).to.be.instanceOf(Uint8Array);
    expect(kept.bytes!.buffer).to.be.instanceOf(SharedArrayBuffer);
    const floats = prepareRows('euclidean', train.features, true);
    expect(Array.from(kept.sqNorms)).to.deep.equal(Array.from(floats.sqNorms));
    const q = prepareRows('euclidean', queries, false);
    const brute = kNearest('euclidean', floats, q, 3);
    const same = (r: { distances: Float64Array; indices: Int32Array }, what: string): void => {
      expect(Array.from(r.indices), what).to.deep.equal(Array.from(brute.indices));
      expect(Array.from(r.distances), what).to.deep.equal(Array.from(brute.distances));
    };
    same(kNearest('euclidean', kept, q, 3), 'brute force on bytes');
    const index = buildBoundIndex(kept);
    const floatIndex = buildBoundIndex(floats);
    expect(Array.from(index.head)).to.deep.equal(Array.from(floatIndex.head));
    expect(Array.from(index.rest)).to.deep.equal(Array.from(floatIndex.rest));
    for (const simd of [true, false]) same(kNearestBounded(index, kept, q, 3, simd), `pruned on bytes, simd ${simd}`);
    const near = knn.kneighbors(queries);
    same({ distances: near.distances.data, indices: near.indices }, 'kneighbors');
    const onThreads = await kneighborsParallel(knn, queries, { nJobs: 2 });
    same({ distances: onThreads.distances.data, indices: onThreads.indices }, 'kneighborsParallel');
    // Saved as the floats: the same JSON as a model whose rows are floats, and it loads as bytes again.
    const json = knn.toJSON() as unknown as { state: { fitX: { data: number[] } } };
    expect(Array.from(json.state.fitX.data as ArrayLike<number>)).to.deep.equal(Array.from(train.features.data));
    const back = loadModel(JSON.parse(JSON.stringify(json))) as KNeighborsClassifier;
    expect(learnedState<KnnState>(back, 'predict').train.bytes).to.be.instanceOf(Uint8Array);
    expect(Array.from(back.predict(queries))).to.deep.equal(Array.from(knn.predict(queries)));
  });

  it('keeps other rows as floats: HOG features, cosine and correlation', () => {
    const hog = new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2], width: 8, height: 8 }).fit(Xtrain).transform(Xtrain);
    expect(learnedState<KnnState>(new KNeighborsClassifier().fit(hog, ytrain), 'predict').train.bytes).to.equal(undefined);
    for (const metric of ['cosine', 'correlation'] as const) {
      expect(learnedState<KnnState>(new KNeighborsClassifier({ metric }).fit(Xtrain, ytrain), 'predict').train.bytes).to.equal(undefined);
    }
    // The digits (whole numbers 0..16) are bytes for euclidean: the parity tests above run on them.
    expect(learnedState<KnnState>(new KNeighborsClassifier().fit(Xtrain, ytrain), 'predict').train.bytes).to.be.instanceOf(Uint8Array);
  });
});
