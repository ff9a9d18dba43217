/**
 * One contract for every model (like scikit-learn's check_estimator): the
 * checks below run on every model in the registry — each classifier and
 * transformer with its defaults, composites (pipelines) built from the
 * registered parts — and on a few more configurations. A new model class
 * that registers itself is checked without a line here; a new kind of
 * composite needs its factory in `composites`, and the first test fails
 * until it has one.
 */
import { expect } from 'chai';
import {
  Deskew,
  HOG,
  KNeighborsClassifier,
  Matrix,
  NotFittedError,
  SVC,
  TemplateMatcher,
  loadDigits,
  loadModel,
  makePipeline,
  predictWithConfidence,
  modelFromBytes,
  modelRegistry,
  modelToBytes,
  type Classifier,
  type Model,
  type RegisteredModel,
  type Transformer,
} from '../src/index.js';
import { editHeader } from './helpers/model-file-header.js';

const digits = loadDigits();
const rows = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const plain = (json: unknown) => JSON.parse(JSON.stringify(json));
const y = digits.target.slice(0, 240);
const yq = digits.target.slice(1200, 1320);

/** The 8×8 digits scaled 4× (nearest neighbour) to 32×32: images large enough for every transformer's defaults. */
function upscaled(X: Matrix): Matrix {
  const out = new Matrix(X.rows, 1024);
  for (let i = 0; i < X.rows; i++) for (let p = 0; p < 1024; p++) out.data[i * 1024 + p] = X.data[i * 64 + ((p >> 7) << 3) + ((p & 31) >> 2)];
  return out;
}
const small = { X: digits.data.selectRows(rows(0, 240)), Xq: digits.data.selectRows(rows(1200, 1320)), all: digits.data };
const large = { X: upscaled(small.X), Xq: upscaled(small.Xq), all: upscaled(digits.data) };

const registry = modelRegistry();
/**
 * The transformers whose defaults need images larger than 8×8 (HOG's 8×8-pixel cells in 3×3 blocks need 24×24);
 * they and their pipelines get the 32×32 images, every other transformer the 8×8 digits. (PCA with its defaults on
 * the 1,024 features of the 32×32 images took 23 s of this file's 36.)
 */
const needsLargeImages = new Set(['HOG']);
const dataFor = (transformer: string) => (needsLargeImages.has(transformer) ? large : small);
const ofKind = (kind: RegisteredModel['kind']) => registry.filter((e) => e.kind === kind);
const firstClassifier = ofKind('classifier')[0];

/** How each kind of composite is built from registered parts. */
const composites: Record<string, () => { name: string; make: () => Classifier; data: typeof small }[]> = {
  Pipeline: () => [
    ...ofKind('transformer').map((t) => ({
      name: `Pipeline (${t.name}, ${firstClassifier.name})`,
      make: () => makePipeline(t.create!() as Transformer, firstClassifier.create!() as Classifier),
      data: dataFor(t.name),
    })),
    {
      name: 'Pipeline (Deskew, HOG 2×2, k-NN) on 8×8',
      make: () => makePipeline(new Deskew(), new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier({ nNeighbors: 3 })),
      data: small,
    },
  ],
};

interface Case<M> {
  name: string;
  make: () => M;
  data: typeof small;
}

/** The registry entry of a model's class. */
const entryOf = (m: Model) => registry.find((e) => e.name === m.toJSON().name)!;

const classifierCases: Case<Classifier>[] = [
  ...ofKind('classifier').map((e) => ({ name: `${e.name} (defaults)`, make: () => e.create!() as Classifier, data: small })),
  { name: 'SVC (gamma 0.001)', make: () => new SVC({ gamma: 0.001 }), data: small },
  { name: 'SVC (probability, randomState 0)', make: () => new SVC({ gamma: 0.001, probability: true, randomState: 0 }), data: small },
  { name: 'KNeighborsClassifier (k=3, cosine, distance)', make: () => new KNeighborsClassifier({ nNeighbors: 3, metric: 'cosine', weights: 'distance' }), data: small },
  { name: 'TemplateMatcher (all, k=3, maxShift=1)', make: () => new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }), data: small },
  ...ofKind('composite').flatMap((e) => composites[e.name]?.() ?? []),
];

const transformerCases: Case<Transformer>[] = ofKind('transformer').map((e) => ({
  name: `${e.name} (defaults)`,
  make: () => e.create!() as Transformer,
  data: dataFor(e.name),
}));

/** What every saved model must refuse: each parameter of a wrong type, each state field missing or of a wrong type. */
function checkRefusesTampering(m: Model): void {
  const json = plain(m.toJSON());
  for (const name of Object.keys(json.params)) {
    const bad = plain(json);
    bad.params[name] = { not: 'a value' };
    expect(() => loadModel(bad), `params.${name}`).to.throw(TypeError, new RegExp(`\\.fromJSON: parameter '${name}' must be`));
  }
  for (const field of Object.keys(json.state)) {
    const missing = plain(json);
    delete missing.state[field];
    expect(() => loadModel(missing), `state.${field} missing`).to.throw(TypeError, new RegExp(`field 'state\\.${field}' must be`));
    const wrong = plain(json);
    wrong.state[field] = 'tampered';
    expect(() => loadModel(wrong), `state.${field} a string`).to.throw(TypeError, new RegExp(`field 'state\\.${field}' must be`));
  }
  // The same refusals from a binary model file, whose header carries the parameters.
  const first = Object.keys(json.params)[0];
  const bytes = editHeader(modelToBytes(m), (h) => (h.model.params[first] = { not: 'a value' }));
  expect(() => modelFromBytes(bytes)).to.throw(TypeError, new RegExp(`parameter '${first}' must be`));
}

/** The checks on a model's constructor: unknown keys refused, getParams a round trip. */
function checkConstructor(e: RegisteredModel, m: Model): void {
  expect(() => e.create!({ notAParameter: 1 })).to.throw(TypeError, new RegExp(`^${e.name}: unknown option 'notAParameter', expected one of '`));
  expect(() => e.create!(5 as never)).to.throw(TypeError, new RegExp(`^${e.name}: argument 'options' must be an object, got 5`));
  expect(plain(e.create!(m.getParams()).getParams())).to.deep.equal(plain(m.getParams()));
}

describe('contract: the registry', () => {
  it('holds every model with its kind; each classifier and transformer with a constructor, each composite with a factory here', () => {
    for (const name of ['SVC', 'KNeighborsClassifier', 'TemplateMatcher', 'HOG', 'Deskew', 'Blur', 'Pipeline']) {
      expect(registry.map((e) => e.name)).to.include(name);
    }
    for (const e of registry) {
      expect(e.kind, e.name).to.be.oneOf(['classifier', 'transformer', 'composite']);
      if (e.kind === 'composite') expect(composites, `a factory for the composite ${e.name}`).to.have.property(e.name);
      else expect(e.create!().toJSON().name, e.name).to.equal(e.name);
    }
  });
});

for (const c of classifierCases) {
  const { X, Xq, all } = c.data;
  const nFeatures = X.cols;
  describe(`contract: ${c.name}`, () => {
    it('fit returns this and leaves the parameters unchanged', () => {
      const m = c.make();
      const before = plain(m.getParams());
      expect(m.fit(X, y)).to.equal(m);
      expect(plain(m.getParams())).to.deep.equal(before);
    });

    it('fitting twice, or two fresh instances, give the same model', () => {
      const a = c.make().fit(X, y);
      const first = plain(a.toJSON());
      a.fit(X, y);
      expect(plain(a.toJSON())).to.deep.equal(first);
      expect(plain(c.make().fit(X, y).toJSON())).to.deep.equal(first);
    });

    it('predict before fit throws NotFittedError', () => {
      expect(() => c.make().predict(Xq)).to.throw(NotFittedError, /fit/);
    });

    it('X/y length mismatch, NaN, Infinity and empty input give clear errors', () => {
      expect(() => c.make().fit(X, y.slice(1))).to.throw(RangeError, /same number of samples, got 240 rows in X and 239 labels/);
      const bad = X.toArray();
      bad[3][5] = NaN;
      expect(() => c.make().fit(bad, y)).to.throw(RangeError, /must hold finite numbers, got NaN at \[3\]\[5\]/);
      bad[3][5] = Infinity;
      expect(() => c.make().fit(bad, y)).to.throw(RangeError, /got Infinity/);
      expect(() => c.make().fit([], [])).to.throw(RangeError, /at least one sample, got 0 rows/);
      const m = c.make().fit(X, y);
      expect(() => m.predict([])).to.throw(RangeError, /at least one sample/);
      const q = Xq.toArray().slice(0, 2);
      q[1][0] = NaN;
      expect(() => m.predict(q)).to.throw(RangeError, /must hold finite numbers, got NaN at \[1\]\[0\]/);
    });

    it('a wrong feature count at predict gives a clear error', () => {
      const m = c.make().fit(X, y);
      expect(() => m.predict([new Array(nFeatures - 1).fill(0)])).to.throw(RangeError, new RegExp(`must have ${nFeatures} features per sample \\(as at fit\\), got ${nFeatures - 1}`));
    });

    it('one class: a clear RangeError, or every prediction that class', () => {
      const Xone = X.selectRows([0, 10, 20, 30, 40, 50]);
      let m: Classifier;
      try {
        m = c.make().fit(Xone, [0, 0, 0, 0, 0, 0]);
      } catch (err) {
        expect(err).to.be.instanceOf(RangeError);
        expect((err as Error).message).to.match(/at least 2 classes, got 1/);
        return;
      }
      expect(Array.from(m.predict(Xq))).to.deep.equal(new Array(Xq.rows).fill(0));
    });

    it('predicting a subset gives the subset of the predictions', () => {
      const m = c.make().fit(X, y);
      const allPredicted = m.predict(Xq);
      const pick = [7, 3, 100, 0, 119];
      expect(Array.from(m.predict(Xq.selectRows(pick)))).to.deep.equal(pick.map((i) => allPredicted[i]));
    });

    it('a JSON round trip through loadModel gives identical predictions', () => {
      const m = c.make().fit(X, y);
      const back = loadModel(plain(m.toJSON())) as Classifier;
      expect(back.constructor).to.equal(m.constructor);
      expect(Array.from(back.predict(Xq))).to.deep.equal(Array.from(m.predict(Xq)));
      expect(Array.from(back.classes)).to.deep.equal(Array.from(m.classes));
      const proba = predictWithConfidence(m, Xq).proba;
      if (proba) expect(Array.from(predictWithConfidence(back, Xq).proba!.data)).to.deep.equal(Array.from(proba.data));
    });

    it('probabilities, where the model gives them: one row per sample in classes order, summing to 1; predictWithConfidence agrees', () => {
      const m = c.make().fit(X, y);
      const { labels, confidence, proba } = predictWithConfidence(m, Xq);
      expect(Array.from(labels)).to.deep.equal(Array.from(m.predict(Xq)));
      const predictProba = (m as { predictProba?: (X: Matrix) => Matrix }).predictProba;
      if (proba === null) {
        // A model that could give them but was not asked to (an SVC without probability: true) says how to.
        if (typeof predictProba === 'function') expect(() => predictProba.call(m, Xq)).to.throw(TypeError, /probability: true/);
        return;
      }
      expect(typeof predictProba).to.equal('function');
      expect(Array.from(predictProba!.call(m, Xq).data)).to.deep.equal(Array.from(proba.data));
      expect([proba.rows, proba.cols]).to.deep.equal([Xq.rows, m.classes.length]);
      const classes = Array.from(m.classes);
      for (let i = 0; i < proba.rows; i++) {
        let sum = 0;
        for (let j = 0; j < proba.cols; j++) {
          const p = proba.get(i, j);
          expect(p >= 0 && p <= 1, `proba[${i}][${j}] = ${p}`).to.equal(true);
          sum += p;
        }
        expect(sum).to.be.closeTo(1, 1e-9);
        expect(confidence[i]).to.equal(proba.get(i, classes.indexOf(labels[i])));
      }
    });

    it('saved parameters or state of a wrong type are refused, from JSON and from a binary model file', () => {
      const m = c.make().fit(X, y);
      if (entryOf(m).kind !== 'composite') checkRefusesTampering(m);
      else {
        // A composite refuses a tampered part.
        const json = plain(m.toJSON());
        const step = json.steps[json.steps.length - 1].model;
        step.params[Object.keys(step.params)[0]] = { not: 'a value' };
        expect(() => loadModel(json)).to.throw(TypeError, /\.fromJSON: parameter '\w+' must be/);
      }
    });

    // A composite is built from its parts, not from parameters.
    if (entryOf(c.make()).kind !== 'composite') {
      it('the constructor refuses unknown keys and takes back what getParams gives', () => checkConstructor(entryOf(c.make()), c.make()));
    }

    it('onProgress: reports fit and predict up to done = total, with the same predictions; a bad callback is refused', () => {
      const fitSeen: [number, number][] = [];
      const m = c.make().fit(X, y, { onProgress: (d, t) => fitSeen.push([d, t]) });
      expect(fitSeen.length).to.be.above(0);
      const [dLast, tLast] = fitSeen[fitSeen.length - 1];
      expect(dLast).to.equal(tLast);
      // More queries than one progress step (1,024), so that prediction reports in several steps.
      const predictSeen: number[] = [];
      const withProgress = m.predict(all, { onProgress: (d, t) => (expect(t).to.equal(1797), predictSeen.push(d)) });
      expect(Array.from(withProgress)).to.deep.equal(Array.from(m.predict(all)));
      expect(predictSeen.length).to.be.above(1);
      expect(predictSeen[predictSeen.length - 1]).to.equal(1797);
      expect(predictSeen).to.deep.equal([...predictSeen].sort((a, b) => a - b));
      expect(() => m.predict(Xq, { onProgress: 'yes' } as never)).to.throw(TypeError, /\.predict: option 'onProgress' must be a function, got "yes"/);
      expect(() => c.make().fit(X, y, { onProgess: () => {} } as never)).to.throw(TypeError, /\.fit: unknown option 'onProgess', expected one of 'onProgress'/);
    });

    it('learns something: better than 80% on held-out digits', () => {
      expect(c.make().fit(X, y).score(Xq, yq)).to.be.above(0.8);
    });
  });
}

for (const c of transformerCases) {
  const { X, Xq } = c.data;
  describe(`contract: ${c.name}, a transformer on its own`, () => {
    it('fit returns this, leaves the parameters unchanged; fitTransform is fit then transform', () => {
      const m = c.make();
      const before = plain(m.getParams());
      expect(m.fit(X)).to.equal(m);
      expect(plain(m.getParams())).to.deep.equal(before);
      const out = m.transform(Xq);
      expect(out.rows).to.equal(Xq.rows);
      expect(out.data.every(Number.isFinite)).to.equal(true);
      expect(Array.from(c.make().fit(X).transform(X).data)).to.deep.equal(Array.from(m.transform(X).data));
    });

    it('fitting twice, or two fresh instances, give the same transformer', () => {
      const a = c.make().fit(X);
      const first = plain(a.toJSON());
      a.fit(X);
      expect(plain(a.toJSON())).to.deep.equal(first);
      expect(Array.from(c.make().fit(X).transform(Xq).data)).to.deep.equal(Array.from(a.transform(Xq).data));
    });

    it('transform before fit throws NotFittedError', () => {
      expect(() => c.make().transform(Xq)).to.throw(NotFittedError, /not fitted yet; call fit\(X\) first/);
    });

    it('NaN, empty input and a wrong feature count give clear errors', () => {
      const bad = X.toArray().slice(0, 3);
      bad[1][2] = NaN;
      expect(() => c.make().fit(bad)).to.throw(RangeError, /must hold finite numbers, got NaN at \[1\]\[2\]/);
      expect(() => c.make().fit([])).to.throw(RangeError, /at least one/);
      const m = c.make().fit(X);
      expect(() => m.transform([new Array(X.cols - 1).fill(0)])).to.throw(RangeError, /features per sample \(as at fit\)/);
      expect(() => m.transform(bad)).to.throw(RangeError, /must hold finite numbers/);
    });

    it('a JSON round trip through loadModel gives the identical transform', () => {
      const m = c.make().fit(X);
      const back = loadModel(plain(m.toJSON())) as Transformer;
      expect(back.constructor).to.equal(m.constructor);
      expect(Array.from(back.transform(Xq).data)).to.deep.equal(Array.from(m.transform(Xq).data));
      const unfitted = loadModel(plain(c.make().toJSON())) as Transformer;
      expect(() => unfitted.transform(Xq)).to.throw(NotFittedError);
    });

    it('saved parameters or state of a wrong type are refused, from JSON and from a binary model file', () => {
      checkRefusesTampering(c.make().fit(X));
    });

    it('the constructor refuses unknown keys and takes back what getParams gives', () => checkConstructor(entryOf(c.make()), c.make()));
  });
}
