import { expect } from 'chai';
import { Matrix, NotFittedError, TemplateMatcher, loadDigits, loadModel, registeredModels } from '../src/index.js';
import type { TemplateMatcherParams } from '../src/index.js';

const digits = loadDigits();
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const Xtrain = digits.data.selectRows(range(0, 898));
const ytrain = digits.target.slice(0, 898);
const Xtest = digits.data.selectRows(range(898, 1797));
const ytest = digits.target.slice(898);
const small = Xtrain.selectRows(range(0, 200));
const ySmall = ytrain.slice(0, 200);
const queries = Xtest.selectRows(range(0, 60));

/** Pearson's r computed the textbook way; 0 when either row is constant. */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/** `img` (w × h, row-major) moved dx right and dy down, zero filled. */
function shifted(img: ArrayLike<number>, w: number, h: number, dx: number, dy: number): Float64Array {
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < w && sy >= 0 && sy < h) out[y * w + x] = img[sy * w + sx];
    }
  }
  return out;
}

describe('TemplateMatcher: correlations', () => {
  it("'all' mode: the best match and each class's score are the naive per-pair Pearson maxima", () => {
    const tm = new TemplateMatcher({ mode: 'all' }).fit(small, ySmall);
    const matches = tm.bestMatch(queries);
    const proba = tm.predictProba(queries);
    const pred = tm.predict(queries);
    for (let i = 0; i < queries.rows; i++) {
      const r = range(0, small.rows).map((j) => pearson(queries.row(i), small.row(j)));
      let best = 0;
      r.forEach((v, j) => (best = v > r[best] ? j : best));
      expect(matches[i].index).to.equal(best);
      expect(matches[i].label).to.equal(ySmall[best]);
      expect(matches[i].correlation).to.be.closeTo(r[best], 1e-12);
      expect(matches[i].shift).to.deep.equal([0, 0]);
      expect(pred[i]).to.equal(ySmall[best]);
      const classBest = range(0, 10).map((c) => Math.max(0, ...r.filter((_, j) => ySmall[j] === c)));
      const sum = classBest.reduce((a, b) => a + b, 0);
      classBest.forEach((v, c) => expect(proba.get(i, c)).to.be.closeTo(v / sum, 1e-12));
    }
  });

  it("'mean' mode: one template per class (the class mean), matched by Pearson's r", () => {
    const tm = new TemplateMatcher().fit(small, ySmall);
    expect(tm.templates.rows).to.equal(10);
    expect(tm.templates.cols).to.equal(64);
    for (let c = 0; c < 10; c++) {
      const rows = range(0, small.rows).filter((j) => ySmall[j] === c);
      for (const f of [0, 20, 37]) {
        const mean = rows.reduce((a, j) => a + small.get(j, f), 0) / rows.length;
        expect(tm.templates.get(c, f)).to.be.closeTo(mean, 1e-12);
      }
    }
    const matches = tm.bestMatch(queries);
    const pred = tm.predict(queries);
    for (let i = 0; i < queries.rows; i++) {
      const r = range(0, 10).map((c) => pearson(queries.row(i), tm.templates.row(c)));
      let best = 0;
      r.forEach((v, c) => (best = v > r[best] ? c : best));
      expect(matches[i]).to.deep.include({ index: best, label: best });
      expect(matches[i].correlation).to.be.closeTo(r[best], 1e-12);
      expect(pred[i]).to.equal(best);
    }
  });

  it("'all' mode with k > 1: the k most correlated references vote, the smallest label wins a tie", () => {
    const k = 4;
    const tm = new TemplateMatcher({ mode: 'all', k }).fit(small, ySmall);
    const pred = tm.predict(queries);
    for (let i = 0; i < queries.rows; i++) {
      const order = range(0, small.rows)
        .map((j) => ({ j, r: pearson(queries.row(i), small.row(j)) }))
        .sort((a, b) => b.r - a.r || a.j - b.j);
      const votes = new Array(10).fill(0);
      order.slice(0, k).forEach(({ j }) => votes[ySmall[j]]++);
      const top = Math.max(...votes);
      expect(pred[i]).to.equal(votes.indexOf(top));
    }
    // A tie by construction: two references per class at k = 2, each class once in the top 2.
    const X = [[0, 1, 0, 2], [0, 1, 0, 2.1], [5, 0, 1, 0], [5, 0, 1, 0.1]];
    const two = new TemplateMatcher({ mode: 'all', k: 2 }).fit(X, [7, 3, 7, 3]);
    expect(Array.from(two.predict([[0, 1, 0, 2.05]]))).to.deep.equal([3]);
  });

  it('a constant image has correlation 0 with everything (and uniform probabilities)', () => {
    const tm = new TemplateMatcher({ mode: 'all' }).fit(small, ySmall);
    const flat = [new Array(64).fill(3)];
    expect(tm.bestMatch(flat)[0].correlation).to.equal(0);
    expect(Array.from(tm.predictProba(flat).row(0))).to.deep.equal(new Array(10).fill(0.1));
    // A constant reference never correlates.
    const withFlat = new TemplateMatcher({ mode: 'all' }).fit([new Array(64).fill(0), ...small.toArray().slice(0, 20)], [9, ...Array.from(ySmall.slice(0, 20))]);
    expect(withFlat.bestMatch(queries).every((m) => m.index !== 0)).to.equal(true);
  });

  it('works on feature vectors that are not images when maxShift is 0', () => {
    const X = [[1, 2, 3], [3, 2, 1], [1, 2, 4], [4, 2, 1]];
    const tm = new TemplateMatcher({ mode: 'all' }).fit(X, [0, 1, 0, 1]);
    expect(Array.from(tm.predict([[0, 1, 2], [9, 1, 0]]))).to.deep.equal([0, 1]);
    expect(tm.bestMatch([[0, 1, 2]])[0].correlation).to.be.closeTo(1, 1e-12);
  });
});

describe('TemplateMatcher: shifts', () => {
  // Digit images of 8×8 with an empty margin: pad them to 12×12 so shifts lose no ink.
  const pad = (img: ArrayLike<number>): number[] => {
    const out = new Array(144).fill(0);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) out[(y + 2) * 12 + x + 2] = img[y * 8 + x];
    return out;
  };
  const Xp = range(0, 300).map((i) => pad(Xtrain.row(i)));
  const yp = ytrain.slice(0, 300);

  it('a shifted copy of a training image matches it with correlation 1 when maxShift covers the shift, not otherwise', () => {
    for (const [i, dx, dy] of [[5, 2, -1], [17, -1, 2], [42, 1, 1]]) {
      const q = shifted(Xp[i], 12, 12, dx, dy);
      const m2 = new TemplateMatcher({ mode: 'all', maxShift: 2 }).fit(Xp, yp).bestMatch([q])[0];
      expect(m2.index).to.equal(i);
      expect(m2.correlation).to.be.closeTo(1, 1e-12);
      expect(m2.shift).to.deep.equal([dx, dy]);
      const m0 = new TemplateMatcher({ mode: 'all', maxShift: 0 }).fit(Xp, yp).bestMatch([q])[0];
      expect(m0.correlation).to.be.below(0.95);
      expect(m0.shift).to.deep.equal([0, 0]);
      const pearsonAtZero = pearson(q, Xp[i]);
      expect(pearsonAtZero).to.be.below(0.95);
    }
  });

  it("the shifted correlation is the naive Pearson of the renormalised, shifted, zero-filled query (width/height given)", () => {
    const X = Xtrain.selectRows(range(0, 80));
    const y = ytrain.slice(0, 80);
    const tm = new TemplateMatcher({ mode: 'all', maxShift: 1, width: 8, height: 8 }).fit(X, y);
    const q = queries.selectRows(range(0, 15));
    const matches = tm.bestMatch(q);
    const proba = tm.predictProba(q);
    for (let i = 0; i < q.rows; i++) {
      let best = { r: -Infinity, j: -1, dx: 0, dy: 0 };
      const classBest = new Array(10).fill(-Infinity);
      for (let j = 0; j < X.rows; j++) {
        // The reference moved (dx, dy) is compared as the query moved (−dx, −dy).
        for (const [dx, dy] of [[0, 0], [-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]]) {
          const r = pearson(shifted(q.row(i), 8, 8, -dx, -dy), X.row(j));
          if (r > best.r) best = { r, j, dx, dy };
          classBest[y[j]] = Math.max(classBest[y[j]], r);
        }
      }
      expect(matches[i].index).to.equal(best.j);
      expect(matches[i].correlation).to.be.closeTo(best.r, 1e-12);
      expect(matches[i].shift).to.deep.equal([best.dx, best.dy]);
      const clipped = classBest.map((v) => Math.max(0, v));
      const sum = clipped.reduce((a, b) => a + b, 0);
      clipped.forEach((v, c) => expect(proba.get(i, c)).to.be.closeTo(v / sum, 1e-12));
    }
  });

  it("shifts improve 'mean' and 'all' on the digits", () => {
    const Xq = Xtest.selectRows(range(0, 400));
    const yq = ytest.slice(0, 400);
    const acc = (p: TemplateMatcherParams) => new TemplateMatcher(p).fit(Xtrain, ytrain).score(Xq, yq);
    expect(acc({ maxShift: 1 })).to.be.above(acc({}));
    expect(acc({ mode: 'all', maxShift: 1 })).to.be.above(acc({ mode: 'all' }));
    expect(acc({ mode: 'all' })).to.be.above(0.95);
  });
});

describe('TemplateMatcher: estimator behaviour', () => {
  it('fit returns this and leaves the parameters as given', () => {
    const tm = new TemplateMatcher({ mode: 'all', k: 3 });
    expect(tm.fit(small, ySmall)).to.equal(tm);
    expect(tm.getParams()).to.deep.equal({ mode: 'all', k: 3, maxShift: 0, width: undefined, height: undefined });
    expect(new TemplateMatcher().getParams()).to.deep.equal({ mode: 'mean', k: 1, maxShift: 0, width: undefined, height: undefined });
    expect(Array.from(tm.classes)).to.deep.equal(range(0, 10));
    expect(tm.nFeaturesIn).to.equal(64);
  });

  it('fitting twice gives the same model, and accepts number[][] as well as Matrix', () => {
    const a = new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(small, ySmall);
    const b = new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(small.toArray(), Array.from(ySmall));
    const pa = a.predictProba(queries);
    expect(Array.from(b.predictProba(queries).data)).to.deep.equal(Array.from(pa.data));
    a.fit(small, ySmall);
    expect(Array.from(a.predictProba(queries).data)).to.deep.equal(Array.from(pa.data));
    expect(Array.from(a.templates.data)).to.deep.equal(Array.from(b.templates.data));
  });

  it('predicting a subset gives the subset of the predictions', () => {
    const tm = new TemplateMatcher({ mode: 'all', k: 3 }).fit(small, ySmall);
    const all = tm.predict(Xtest);
    const rows = [3, 500, 17, 898];
    expect(Array.from(tm.predict(Xtest.selectRows(rows)))).to.deep.equal(rows.map((r) => all[r]));
  });

  it('throws NotFittedError before fit, naming the call', () => {
    const tm = new TemplateMatcher();
    expect(() => tm.predict(queries)).to.throw(NotFittedError, /^TemplateMatcher\.predict: this TemplateMatcher is not fitted yet; call fit\(X, y\) first/);
    expect(() => tm.predictProba(queries)).to.throw(NotFittedError, /TemplateMatcher\.predictProba/);
    expect(() => tm.bestMatch(queries)).to.throw(NotFittedError, /TemplateMatcher\.bestMatch/);
    expect(() => tm.score(queries, ytest.slice(0, 60))).to.throw(NotFittedError);
    expect(() => tm.classes).to.throw(NotFittedError, /TemplateMatcher\.classes/);
    expect(() => tm.nFeaturesIn).to.throw(NotFittedError);
    expect(() => tm.templates).to.throw(NotFittedError, /TemplateMatcher\.templates/);
  });

  it('refuses bad input with clear errors', () => {
    const tm = new TemplateMatcher();
    expect(() => tm.fit(small, ySmall.slice(0, 10))).to.throw(RangeError, /^TemplateMatcher\.fit: arguments 'X' and 'y' must have the same number of samples, got 200 rows in X and 10 labels in y/);
    expect(() => tm.fit([[1, NaN], [2, 3]], [0, 1])).to.throw(RangeError, /^TemplateMatcher\.fit: argument 'X' must hold finite numbers, got NaN at \[0\]\[1\]/);
    expect(() => tm.fit([[1, Infinity], [2, 3]], [0, 1])).to.throw(RangeError, /finite numbers, got Infinity/);
    expect(() => tm.fit([], [])).to.throw(RangeError, /^TemplateMatcher\.fit: argument 'X' must have at least one sample, got 0 rows/);
    expect(() => tm.fit(small, ySmall.map(() => 4))).to.throw(RangeError, /^TemplateMatcher\.fit: argument 'y' must hold at least 2 classes, got 1 class \(4\)/);
    expect(() => new TemplateMatcher({ mode: 'all' }).fit(small.selectRows([0, 1]), [2, 2])).to.throw(RangeError, /at least 2 classes/);
    tm.fit(small, ySmall);
    expect(() => tm.predict([[1, 2, 3]])).to.throw(RangeError, /^TemplateMatcher\.predict: argument 'X' must have 64 features per sample \(as at fit\), got 3/);
    expect(() => tm.predict([new Array(64).fill(NaN)])).to.throw(RangeError, /^TemplateMatcher\.predict: argument 'X' must hold finite numbers/);
    expect(() => tm.bestMatch([])).to.throw(RangeError, /^TemplateMatcher\.bestMatch: argument 'X' must have at least one sample/);
    expect(() => tm.score(queries, [1, 2])).to.throw(RangeError, /^TemplateMatcher\.score: arguments 'X' and 'y'/);
  });

  it('refuses bad parameters at fit, naming them', () => {
    const fit = (p: unknown, X: Matrix | number[][] = small, y: ArrayLike<number> = ySmall) => () => new TemplateMatcher(p as TemplateMatcherParams).fit(X, y);
    expect(fit({ k: 0, mode: 'all' })).to.throw(RangeError, /^TemplateMatcher\.fit: parameter 'k' must be an integer >= 1, got 0/);
    expect(fit({ k: 1.5, mode: 'all' })).to.throw(RangeError, /parameter 'k' must be an integer >= 1, got 1\.5/);
    expect(fit({ k: '3', mode: 'all' })).to.throw(TypeError, /parameter 'k' must be an integer >= 1, got "3"/);
    expect(fit({ k: 201, mode: 'all' })).to.throw(RangeError, /^TemplateMatcher\.fit: parameter 'k' must be <= the number of training samples \(200\) in mode 'all', got 201/);
    expect(fit({ k: 3 })).to.throw(RangeError, /^TemplateMatcher\.fit: parameter 'k' must be 1 in mode 'mean'.*got 3/);
    expect(fit({ maxShift: -1 })).to.throw(RangeError, /^TemplateMatcher\.fit: parameter 'maxShift' must be an integer >= 0, got -1/);
    expect(fit({ maxShift: 0.5 })).to.throw(RangeError, /parameter 'maxShift' must be an integer >= 0, got 0\.5/);
    expect(fit({ maxShift: 8 })).to.throw(RangeError, /parameter 'maxShift' must be smaller than the image's width and height \(8×8\), got 8/);
    expect(fit({ mode: 'best' })).to.throw(RangeError, /^TemplateMatcher\.fit: parameter 'mode' must be one of 'mean', 'all', got "best"/);
    expect(fit({ mode: 3 })).to.throw(TypeError, /parameter 'mode' must be one of/);
    expect(fit({ width: 7 })).to.throw(RangeError, /parameters 'width' and 'height' must give width × height = the number of features of X \(64\), got width 7 and height not given/);
    expect(fit({ width: 8, height: 9 })).to.throw(RangeError, /got width 8 and height 9/);
    expect(fit({ width: 0 })).to.throw(RangeError, /parameter 'width' must be an integer >= 1, got 0/);
    const notSquare = [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]];
    expect(fit({ maxShift: 1 }, notSquare, [0, 1])).to.throw(RangeError, /^TemplateMatcher\.fit: parameter 'maxShift' > 0 needs images, but X has 6 features, not a square number; give 'width' and 'height'/);
    expect(fit({ maxShift: 1, width: 3 }, notSquare, [0, 1])).not.to.throw();
    expect(fit({ maxShift: 1, height: 2 }, notSquare, [0, 1])).not.to.throw();
    expect(() => new TemplateMatcher({ shift: 1 } as TemplateMatcherParams)).to.throw(TypeError, /^TemplateMatcher: unknown option 'shift', expected one of 'mode', 'k', 'maxShift', 'width', 'height'/);
    // The constructor only stores: a bad value is kept until fit.
    expect(new TemplateMatcher({ k: -2 }).k).to.equal(-2);
  });
});

describe('TemplateMatcher: persistence', () => {
  const roundTrip = (json: unknown) => JSON.parse(JSON.stringify(json));

  it('a JSON round trip through loadModel gives identical predictions, probabilities and matches', () => {
    expect(registeredModels()).to.include('TemplateMatcher');
    const notSquare = [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [1, 2, 3, 4, 5, 7]];
    const cases: [TemplateMatcherParams, Matrix | number[][], ArrayLike<number>, Matrix | number[][]][] = [
      [{}, small, ySmall, queries],
      [{ mode: 'all', k: 3, maxShift: 1 }, small, ySmall, queries],
      [{ mode: 'mean', maxShift: 2, width: 8, height: 8 }, small, ySmall, queries],
      [{ mode: 'all' }, notSquare, [0, 1, 1], [[1, 2, 3, 4, 5, 5]]],
    ];
    for (const [params, X, y, Q] of cases) {
      const tm = new TemplateMatcher(params).fit(X, y);
      const back = loadModel(roundTrip(tm.toJSON())) as TemplateMatcher;
      expect(back).to.be.instanceOf(TemplateMatcher);
      expect(back.getParams()).to.deep.equal(tm.getParams());
      expect(Array.from(back.predict(Q))).to.deep.equal(Array.from(tm.predict(Q)));
      expect(Array.from(back.predictProba(Q).data)).to.deep.equal(Array.from(tm.predictProba(Q).data));
      expect(back.bestMatch(Q)).to.deep.equal(tm.bestMatch(Q));
      expect(Array.from(back.templates.data)).to.deep.equal(Array.from(tm.templates.data));
    }
  });

  it('an unfitted model round-trips as unfitted', () => {
    const back = TemplateMatcher.fromJSON(roundTrip(new TemplateMatcher({ mode: 'all', k: 5 }).toJSON()));
    expect(back.k).to.equal(5);
    expect(() => back.predict(queries)).to.throw(NotFittedError);
  });

  it('refuses a wrong tag, an unknown version, missing or malformed fields', () => {
    const good = roundTrip(new TemplateMatcher({ mode: 'all' }).fit(small.selectRows(range(0, 12)), ySmall.slice(0, 12)).toJSON());
    const damaged = (f: (j: any) => void) => {
      const j = roundTrip(good);
      f(j);
      return j;
    };
    expect(() => TemplateMatcher.fromJSON({ ...good, name: 'SVC' })).to.throw(TypeError, /^TemplateMatcher\.fromJSON: argument 'json' must be a TemplateMatcher model/);
    expect(() => TemplateMatcher.fromJSON({ ...good, version: 2 })).to.throw(RangeError, /format version must be 1, got 2/);
    expect(() => TemplateMatcher.fromJSON(damaged((j) => delete j.state.references))).to.throw(TypeError, /field 'state\.references' must be an object, got undefined/);
    expect(() => TemplateMatcher.fromJSON(damaged((j) => (j.state.referenceClass[2] = 99)))).to.throw(RangeError, /field 'state\.referenceClass\[2\]' must be a class index/);
    expect(() => TemplateMatcher.fromJSON(damaged((j) => (j.state.templates.rows = 3)))).to.throw(TypeError, /field 'state\.templates\.data' must be an array of 192/);
    expect(() => TemplateMatcher.fromJSON(damaged((j) => (j.state.width = 7)))).to.throw(RangeError, /'state\.width' and 'state\.height' must multiply/);
    expect(() => TemplateMatcher.fromJSON(damaged((j) => (j.params.k = 0)))).to.throw(RangeError, /^TemplateMatcher\.fromJSON: parameter 'k' must be an integer >= 1, got 0/);
    expect(() => TemplateMatcher.fromJSON(damaged((j) => (j.state.classes = [3])))).to.throw(RangeError, /at least 2 classes/);
  });
});
