/**
 * The cases of the hostile-input audit (issue 14), one test each: tampered
 * model files, values at the edge of the representable range, and absurd
 * sizes. Each ends in a clear error naming the call and the argument or field,
 * or in the right answer. (PNG, IDX, gzip and download cases: see
 * reading-png.test.ts, datasets.test.ts and bounded-inflate.test.ts.)
 */
import { expect } from 'chai';
import {
  HOG,
  KNeighborsClassifier,
  Pipeline,
  SVC,
  TemplateMatcher,
  loadDigits,
  loadModel,
  makePipeline,
  modelFromBytes,
  modelToBytes,
  type Classifier,
} from '../src/index.js';
import { editHeader } from './helpers/model-file-header.js';

const digits = loadDigits();
const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
const X = digits.data.selectRows(rows(300));
const y = digits.target.slice(0, 300);
const plain = (json: unknown) => JSON.parse(JSON.stringify(json));

describe('hostile input 1: a TemplateMatcher file whose maxShift would abort the process', () => {
  it('is refused at load, naming the parameter, instead of killing Node at the first predict', () => {
    const json = plain(new TemplateMatcher().fit(X, y).toJSON());
    json.params.maxShift = 2 ** 31;
    expect(() => loadModel(json)).to.throw(RangeError, /^TemplateMatcher\.fromJSON: parameter 'maxShift' must be smaller than the image's width and height \(8×8\), got 2147483648$/);
    json.params.maxShift = 8;
    expect(() => TemplateMatcher.fromJSON(json)).to.throw(RangeError, /maxShift/);
    json.state.width = 0;
    json.state.height = 0;
    json.params.maxShift = 2 ** 31;
    expect(() => TemplateMatcher.fromJSON(json)).to.throw(RangeError, /'state\.width' and 'state\.height' must multiply to nFeatures = 64/);
  });
});

describe('hostile input 3: tampered learned state that would predict wrongly', () => {
  const svc = plain(new SVC({ gamma: 0.001 }).fit(X, y).toJSON());
  const tampered = (f: (j: any) => void) => {
    const j = plain(svc);
    f(j);
    return j;
  };

  it('refuses a negative nSupport entry even when the sum is unchanged', () => {
    const j = tampered((j) => {
      j.state.nSupport[0] -= 5;
      j.state.nSupport[1] += 5;
      j.state.nSupport[2] = -j.state.nSupport[2];
      j.state.nSupport[3] += 2 * -j.state.nSupport[2];
    });
    expect(j.state.nSupport.reduce((a: number, b: number) => a + b, 0)).to.equal(svc.state.nSupport.reduce((a: number, b: number) => a + b, 0));
    expect(() => loadModel(j)).to.throw(RangeError, /^SVC\.fromJSON: field 'state\.nSupport\[2\]' must be an integer >= 0, got -\d+$/);
  });

  it('refuses unsorted or repeated classes, and class indices out of range', () => {
    expect(() => loadModel(tampered((j) => ([j.state.classes[0], j.state.classes[1]] = [j.state.classes[1], j.state.classes[0]])))).to.throw(
      RangeError,
      /^SVC\.fromJSON: field 'state\.classes' must be sorted and distinct labels, got 1 before 0$/,
    );
    expect(() => loadModel(tampered((j) => (j.state.classes[1] = j.state.classes[0])))).to.throw(RangeError, /'state\.classes' must be sorted and distinct labels, got 0 before 0/);
    const knn = plain(new KNeighborsClassifier().fit(X, y).toJSON());
    knn.state.classes = [3, 1, 2, 0, 4, 5, 6, 7, 8, 9];
    expect(() => loadModel(knn)).to.throw(RangeError, /KNeighborsClassifier\.fromJSON: field 'state\.classes' must be sorted and distinct/);
  });

  it('refuses support vectors or rows beyond the representable range', () => {
    expect(() => loadModel(tampered((j) => (j.state.supportVectors.data[7] = 1e200)))).to.throw(RangeError, /field 'state\.supportVectors\.data\[7\]' must be within ±1e\+150/);
  });

  it('refuses integers beyond 32 bits rather than wrapping them', () => {
    expect(() => loadModel(tampered((j) => (j.state.support[0] = 2 ** 32 + 1)))).to.throw(TypeError, /field 'state\.support\[0\]' must be a 32-bit integer, got 4294967297/);
  });
});

describe('hostile input 4: the SVC on very large finite values', () => {
  const scaled = (s: number) => X.toArray().map((r) => r.map((v) => v * s));

  it('fits and predicts right up to ±1e150, with finite decision values, on every path', () => {
    for (const params of [{}, { gamma: 0.001 }]) {
      const m = new SVC(params).fit(scaled(1e148 / 16), y);
      expect(m.score(scaled(1e148 / 16), y)).to.be.above(0.9);
      expect(Array.from(m.decisionFunction(scaled(1e148 / 16)).data).every(Number.isFinite)).to.equal(true);
    }
  });

  it('refuses values beyond ±1e150 with the representable range, and a linear kernel beyond float32', () => {
    expect(() => new SVC().fit(scaled(1e160), y)).to.throw(RangeError, /^SVC\.fit: argument 'X' must hold numbers within ±1e\+150 \(larger ones overflow squared distances\), got 5e\+160 at \[0\]\[2\]$/);
    expect(() => new SVC({ kernel: 'linear' }).fit(scaled(1e140), y)).to.throw(RangeError, /^SVC\.fit: argument 'X' must have rows of squared norm at most 3\.40e\+38 with kernel 'linear'/);
    const m = new SVC().fit(X, y);
    expect(() => m.predict([new Array(64).fill(-1e300)])).to.throw(RangeError, /^SVC\.predict: argument 'X' must hold numbers within ±1e\+150/);
  });
});

describe('found by the fuzz suite: a fit that cannot converge in floating point', () => {
  it('stops at libsvm own iteration limit (max(10^7, 100·l)) with fitStatus 1, instead of running for ever', function () {
    this.timeout(20000);
    // A linear kernel on a value of 2^53: its float32 kernel rows are far too coarse for the tolerance of 1e-3.
    const Xh = [[12, 2 ** 53, 7], [14, 5, 9], [4, 16, 4], [14, 9, 11]];
    const m = new SVC({ kernel: 'linear' }).fit(Xh, [3, 0, 1, 3]);
    expect(m.fitStatus).to.equal(1);
    expect(Math.max(...m.nIter)).to.equal(1e7);
    expect(Array.from(m.decisionFunction(Xh).data).every(Number.isFinite)).to.equal(true);
  });
});

describe('found by the fuzz suite: a model file with a parameter its class does not have', () => {
  it('is refused naming fromJSON and the field, not as a constructor error', () => {
    const json = plain(new KNeighborsClassifier().fit(X, y).toJSON());
    json.params.rows = 1;
    expect(() => loadModel(json)).to.throw(TypeError, /^KNeighborsClassifier\.fromJSON: field 'params\.rows' is not a parameter of KNeighborsClassifier, expected only 'nNeighbors', 'weights', 'metric'$/);
  });
});

describe('hostile input 8: absurd sizes give clear errors, not raw internal ones', () => {
  it('a HOG file with absurd orientations or image size', () => {
    const json = plain(new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }).fit(X).toJSON());
    expect(() => loadModel({ ...json, params: { ...json.params, orientations: 2 ** 53 + 2 } })).to.throw(
      RangeError,
      /^HOG\.fromJSON: parameter 'orientations' must be an integer >= 1 and at most 360, got 9007199254740994$/,
    );
    expect(() => loadModel({ ...json, state: { width: 1e308, height: 8 } })).to.throw(RangeError, /^HOG\.fromJSON: field 'state\.width' must be an integer >= 1 and at most 16384, got 1e\+308$/);
    expect(() => loadModel({ ...json, state: { width: 16384, height: 16384 } })).to.throw(RangeError, /must make at most 40000000 pixels/);
    expect(() => new HOG({ pixelsPerCell: [1e9, 2] }).fit(X)).to.throw(RangeError, /^HOG\.fit: parameter 'pixelsPerCell' must be a pair \[rows, cols\] of integers >= 1, each at most 16384/);
  });

  it('an SVC with a cache of 1e12 MB fits as with any cache large enough', () => {
    const a = new SVC({ gamma: 0.001, cacheSize: 1e12 }).fit(X, y);
    const b = new SVC({ gamma: 0.001 }).fit(X, y);
    expect(Array.from(a.predict(X))).to.deep.equal(Array.from(b.predict(X)));
  });
});

describe('hostile input 9: extreme finite values give right answers or clear errors', () => {
  it('TemplateMatcher never answers a label it was not trained on; near 1e300 it refuses', () => {
    const Xs = [[1e149, -1e149, 3e148, 0], [-1e149, 1e149, 0, 2e148], [5e148, 5e148, -1e149, 1e149], [1e149, 1e149, 1e149, -1e149]];
    const labels = [-2, -1, 1, 3];
    const tm = new TemplateMatcher({ mode: 'all' }).fit(Xs, labels);
    expect(Array.from(tm.predict(Xs))).to.deep.equal(labels);
    expect(() => new TemplateMatcher().fit(Xs.map((r) => r.map((v) => v * 1e150)), labels)).to.throw(RangeError, /^TemplateMatcher\.fit: argument 'X' must hold numbers within ±1e\+150/);
  });

  it('k-NN with k=1 finds each training row itself at the edge of the range', () => {
    const Xs = X.toArray().map((r) => r.map((v) => v * 6e148));
    const knn = new KNeighborsClassifier({ nNeighbors: 1 }).fit(Xs, y);
    expect(Array.from(knn.predict(Xs))).to.deep.equal(Array.from(y));
  });
});

describe('hostile input 12: a binary model file whose blob type is a prototype key', () => {
  it('is refused as corrupt before any data is read', () => {
    const bytes = modelToBytes(new SVC({ gamma: 0.001 }).fit(X, y));
    const bad = editHeader(bytes, (h) => (h.blobs[0].type = 'toString'));
    expect(() => modelFromBytes(bad)).to.throw(RangeError, /^modelFromBytes: argument 'bytes' is corrupt: blob 0 must be \{ path, type: 'float64' \| 'int32'/);
    const proto = editHeader(bytes, (h) => (h.model = JSON.parse(`{"__proto__": {"name": "SVC"}, "name": "SVC"}`)));
    expect(() => modelFromBytes(proto)).to.throw(RangeError, /corrupt: its header holds a field named '__proto__'/);
  });
});

describe('hostile input 13: a step of a pipeline that fails is named', () => {
  it('names the step and its class when a transformer turns finite input into non-finite values', () => {
    // A transformer of our own whose output overflows, standing for any step that could.
    class Overflow extends HOG {
      override transform(Xin: Parameters<HOG['transform']>[0]) {
        const out = super.transform(Xin);
        out.data[5] = Infinity;
        return out;
      }
    }
    const p = new Pipeline([
      ['hog', new Overflow({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] })],
      ['knn', new KNeighborsClassifier()],
    ]);
    expect(() => p.fit(X, y)).to.throw(RangeError, /^Pipeline\.fit: step 'hog' \(Overflow\) gave a non-finite value \(Infinity at \[0\]\[5\]\) from finite input/);
    const good = makePipeline(new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier()).fit(X, y) as Classifier;
    expect(() => good.predict([new Array(63).fill(0)])).to.throw(RangeError, /^HOG\.transform: argument 'X' must have 64 features per sample/);
  });
});
