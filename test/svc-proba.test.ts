/**
 * SVC probability estimates equal to scikit-learn 1.2.1's `SVC(probability=True)`
 * (test/fixtures/sklearn-svc-proba.json, made by scripts/make-proba-fixtures.py):
 * probA_, probB_ and predict_proba within 1e-6, predictions unchanged; on the
 * digits and on small synthetic sets of two, three and four classes, several
 * random states, RBF and linear kernels, and a class too small for every fold.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Matrix, SVC, fitParallel, loadDigits, loadModel, modelFromBytes, modelToBytes } from '../src/index.js';

interface ProbaCase {
  name: string;
  params: Record<string, unknown>;
  nTrain: number;
  testFrom: number;
  nTest: number;
  classes: number[];
  probA: number[];
  probB: number[];
  proba: number[];
  predict: number[];
  X?: number[][];
  y?: number[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-svc-proba.json', import.meta.url), 'utf8')) as { cases: ProbaCase[] };
const digits = loadDigits();

function data(c: ProbaCase): { X: Matrix; y: Int32Array } {
  if (c.X && c.y) return { X: Matrix.fromArray(c.X), y: Int32Array.from(c.y) };
  return { X: digits.data, y: digits.target };
}

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).to.equal(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

const TOL = 1e-6;

describe('SVC probability estimates: scikit-learn 1.2.1 parity (within 1e-6)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const { X, y } = data(c);
      const Xtr = X.selectRows(rows(0, c.nTrain));
      const Xte = X.selectRows(rows(c.testFrom, c.nTest));
      const { random_state: randomState, ...rest } = c.params;
      const svc = new SVC({ ...rest, probability: true, randomState } as never);
      svc.fit(Xtr, y.slice(0, c.nTrain));
      expect(Array.from(svc.classes)).to.deep.equal(c.classes);
      expect(maxDiff(svc.probA, c.probA), 'probA').to.be.below(TOL);
      expect(maxDiff(svc.probB, c.probB), 'probB').to.be.below(TOL);
      expect(maxDiff(svc.predictProba(Xte).data, c.proba), 'predictProba').to.be.below(TOL);
      expect(Array.from(svc.predict(Xte))).to.deep.equal(c.predict);
    });
  }
});

describe('SVC probability estimates: threads, files, and bad use', () => {
  const X = digits.data.selectRows(rows(0, 600));
  const y = digits.target.slice(0, 600);
  const Xq = digits.data.selectRows(rows(1200, 100));

  it('fitParallel gives the very model fit gives, probabilities included', async function () {
    this.timeout(60000);
    const a = new SVC({ gamma: 0.001, probability: true, randomState: 3 }).fit(X, y);
    // A small cache: the threads train kernel rows on demand, and with a large one on the precomputed matrix.
    for (const cacheSize of [1, 200]) {
      const b = await fitParallel(new SVC({ gamma: 0.001, probability: true, randomState: 3, cacheSize }), X, y, { nJobs: 2 });
      expect(Array.from(b.probA), `cache ${cacheSize}`).to.deep.equal(Array.from(a.probA));
      expect(Array.from(b.probB)).to.deep.equal(Array.from(a.probB));
      expect(Array.from(b.predictProba(Xq).data)).to.deep.equal(Array.from(a.predictProba(Xq).data));
    }
  });

  it('saves probA and probB in JSON and binary model files', () => {
    const a = new SVC({ gamma: 0.001, probability: true, randomState: 0 }).fit(X, y);
    for (const back of [loadModel(JSON.parse(JSON.stringify(a.toJSON()))) as SVC, modelFromBytes(modelToBytes(a)) as SVC]) {
      expect(Array.from(back.predictProba(Xq).data)).to.deep.equal(Array.from(a.predictProba(Xq).data));
    }
    const json = JSON.parse(JSON.stringify(a.toJSON()));
    json.state.probA.pop();
    expect(() => loadModel(json)).to.throw(TypeError, /^SVC\.fromJSON: field 'state\.probA' must be an array of 45 finite numbers/);
    // Extreme sigmoids, as a tampered file may hold: still probabilities (pairwise ones of 0 and 1 are clipped, as libsvm does).
    for (const v of [1e308, -1e308, 0]) {
      const extreme = JSON.parse(JSON.stringify(a.toJSON()));
      extreme.state.probA = extreme.state.probA.map(() => v);
      extreme.state.probB = extreme.state.probB.map(() => -v);
      const P = (loadModel(extreme) as SVC).predictProba(Xq);
      for (let i = 0; i < P.rows; i++) {
        expect(P.row(i).every((p) => p >= 0 && p <= 1), String(v)).to.equal(true);
        expect(P.row(i).reduce((t, p) => t + p, 0), String(v)).to.be.closeTo(1, 1e-9);
      }
    }
  });

  it('rows sum to 1; log probabilities; the same seed gives the same model, predict stays the vote', () => {
    const a = new SVC({ gamma: 0.001, probability: true, randomState: 9 }).fit(X, y);
    const P = a.predictProba(Xq);
    for (let i = 0; i < P.rows; i++) expect(P.row(i).reduce((s, v) => s + v, 0)).to.be.closeTo(1, 1e-12);
    expect(Array.from(a.predictLogProba(Xq).data)).to.deep.equal(Array.from(P.data, Math.log));
    const b = new SVC({ gamma: 0.001, probability: true, randomState: 9 }).fit(X, y);
    expect(Array.from(b.probA)).to.deep.equal(Array.from(a.probA));
    expect(Array.from(a.predict(Xq))).to.deep.equal(Array.from(new SVC({ gamma: 0.001 }).fit(X, y).predict(Xq)));
  });

  it('predictProba without probability says how to get them; randomState is checked like every parameter', () => {
    const plain = new SVC({ gamma: 0.001 }).fit(X, y);
    expect(() => plain.predictProba(Xq)).to.throw(TypeError, /^SVC\.predictProba: this SVC was fitted without probability estimates; create it with new SVC\(\{ probability: true, randomState: 0 \}\)/);
    expect(plain.probA.length).to.equal(0);
    expect(() => new SVC({ probability: true, randomState: -1 }).fit(X, y)).to.throw(RangeError, /^SVC\.fit: parameter 'randomState' must be an integer >= 0 and <= 4294967295, got -1$/);
    expect(() => new SVC({ probability: true, randomState: 1.5 }).fit(X, y)).to.throw(RangeError, /parameter 'randomState'/);
    expect(() => new SVC({ probability: 'yes' as never }).fit(X, y)).to.throw(TypeError, /^SVC\.fit: parameter 'probability' must be a boolean, got "yes"$/);
  });
});
