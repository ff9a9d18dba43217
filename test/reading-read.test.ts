import { expect } from 'chai';
import { decode } from 'fast-png';
import {
  HOG,
  KNeighborsClassifier,
  Matrix,
  NotFittedError,
  Pipeline,
  SVC,
  TemplateMatcher,
  explainPng,
  loadDigits,
  makePipeline,
  modelFormat,
  readDigit,
  readDigits,
  readDigitsBatch,
  toMnist,
  type Classifier,
  type GreyImage,
} from '../src/index.js';
import { paper, rect } from './helpers/draw-grey.js';

/** An 8×8 digit (0..16) drawn as a picture: each value a `cell`×`cell` block, dark ink on white. */
function drawDigits8(images: Float64Array[], cell: number, gap: number): GreyImage {
  const width = gap + images.length * (8 * cell + gap);
  const img = paper(width, 8 * cell + 2 * gap);
  images.forEach((im, k) => {
    const left = gap + k * (8 * cell + gap);
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) rect(img, left + c * cell, gap + r * cell, cell, cell, 1 - im[r * 8 + c] / 16);
  });
  return img;
}

describe('readDigits / readDigit with a model trained on the 8×8 digits', () => {
  const digits = loadDigits();
  const n = digits.data.rows;
  const half = Math.floor(n / 2);
  const row = (i: number) => digits.data.data.slice(i * 64, (i + 1) * 64);
  let svc: SVC;
  before(() => {
    svc = new SVC({ gamma: 0.001 }).fit(new Matrix(half, 64, digits.data.data.slice(0, half * 64)), digits.target.slice(0, half));
  });

  it('reads held-out digits drawn as pictures, most of them right', () => {
    const ids = Array.from({ length: 100 }, (_, k) => half + k * 8);
    const results = readDigitsBatch(ids.map((i) => drawDigits8([row(i)], 6, 10)), svc, { single: true, minConfidence: 0 });
    const right = results.filter((r, k) => r.text === String(digits.target[ids[k]])).length;
    expect(results.every((r) => r.format === 'digits8x8' && r.digits.length === 1)).to.equal(true);
    expect(right).to.be.at.least(80);
  });

  it('reads a strip of digits left to right, each as readDigit reads it alone', () => {
    const ids = [half + 3, half + 10, half + 20, half + 31];
    const strip = drawDigits8(ids.map(row), 5, 12);
    const result = readDigits(strip, svc, { minConfidence: 0 });
    expect(result.digits).to.have.length(4);
    expect(result.text).to.equal(result.digits.map((d) => d.digit).join(''));
    const xs = result.digits.map((d) => d.box.x);
    expect(xs).to.deep.equal([...xs].sort((a, b) => a - b));
    ids.forEach((i, k) => {
      const alone = readDigit(drawDigits8([row(i)], 5, 12), svc);
      expect(alone.digit).to.equal(result.digits[k].digit);
    });
    for (const d of result.digits) expect(d.confidence).to.be.within(0, 1);
  });
});

describe('readDigits: the model decides the format, and confidences', () => {
  const seven = () => rect(rect(paper(60, 60), 15, 8, 30, 5), 36, 8, 6, 44);
  const rng = (() => {
    let s = 7;
    return () => ((s = (s * 16807) % 2147483647) / 2147483647);
  })();
  const X784 = Array.from({ length: 30 }, () => Array.from({ length: 784 }, () => (rng() < 0.2 ? rng() : 0)));
  const y30 = Array.from({ length: 30 }, (_, i) => i % 3);

  it('takes the format from nFeaturesIn: 784 → MNIST, 64 → 8×8, a pipeline asks its first step', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X784, y30);
    expect(modelFormat(knn)).to.equal('mnist');
    const pipe = makePipeline(new HOG({ pixelsPerCell: [7, 7] }), new KNeighborsClassifier({ nNeighbors: 1 })).fit(X784, y30);
    expect(pipe.nFeaturesIn).to.equal(784);
    expect(readDigits(seven(), pipe).format).to.equal('mnist');
    const X64 = X784.map((r) => r.slice(0, 64));
    expect(modelFormat(new SVC().fit(X64, y30))).to.equal('digits8x8');
    expect(() => modelFormat(new SVC().fit(X784.map((r) => r.slice(0, 100)), y30))).to.throw(
      RangeError,
      /^modelFormat: argument 'model' must take 784 features \(28×28 MNIST digits\) or 64 \(8×8 digits\), got a model fitted on 100 features$/,
    );
    expect(() => readDigits(seven(), new SVC())).to.throw(NotFittedError);
    expect(() => new Pipeline([['k', new KNeighborsClassifier()]]).nFeaturesIn).to.throw(NotFittedError);
  });

  it('gives k-NN the share of neighbours, TemplateMatcher its probability, SVC its share of one-vs-one wins, others NaN', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X784, y30);
    const r = readDigit(seven(), knn);
    expect([1 / 3, 2 / 3, 1].some((v) => Math.abs(v - r.confidence) < 1e-12)).to.equal(true);
    const tm = new TemplateMatcher().fit(X784, y30);
    const t = readDigit(seven(), tm);
    expect(t.confidence).to.be.within(0, 1);
    expect(t.digit).to.equal(tm.predict([Array.from(toMnist(seven()))])[0]);
    for (const shape of ['ovr', 'ovo'] as const) {
      const svc = new SVC({ decisionFunctionShape: shape }).fit(X784, y30);
      const s = readDigit(seven(), svc);
      expect([0, 0.5, 1]).to.include(s.confidence); // 3 classes: 0, 1 or 2 wins of 2
    }
    const plain: Classifier = {
      fit() {
        return this;
      },
      predict: (X) => new Int32Array((X as Matrix).rows).fill(4),
      score: () => 1,
      classes: Int32Array.of(4),
      getParams: () => ({}),
      toJSON: () => ({ name: 'Plain', version: 1 }),
    };
    const p = readDigits(seven(), plain, { format: 'mnist' });
    expect(p.text).to.equal('4');
    expect(Number.isNaN(p.digits[0].confidence)).to.equal(true);
    // No score: nothing to judge by, so never uncertain.
    expect(readDigits(seven(), plain, { format: 'mnist', minConfidence: 1 }).digits[0]).to.include({ uncertain: false, digit: 4 });
  });

  it('gives each digit its probability and the likeliest other digits, from predictProba', () => {
    const X = new Matrix(1, 784, Float64Array.from(toMnist(seven())));
    for (const model of [
      new KNeighborsClassifier({ nNeighbors: 5 }).fit(X784, y30),
      new TemplateMatcher().fit(X784, y30),
      new SVC({ probability: true, randomState: 0 }).fit(X784, y30),
      makePipeline(new HOG({ pixelsPerCell: [7, 7] }), new SVC({ probability: true, randomState: 1 })).fit(X784, y30),
    ]) {
      const name = model.constructor.name;
      const d = readDigit(seven(), model, { minConfidence: 0 });
      const proba = (model as unknown as { predictProba(X: Matrix): Matrix }).predictProba(X);
      const p = (c: number) => proba.get(0, Array.from(model.classes).indexOf(c));
      expect(d.digit, name).to.equal(model.predict(X)[0]);
      expect(d.probability, name).to.equal(p(d.digit));
      expect(d.confidence, name).to.equal(d.probability);
      // Three classes: the two others, most probable first.
      expect(d.alternatives.map((a) => a.digit).sort(), name).to.deep.equal([0, 1, 2].filter((c) => c !== d.digit));
      expect(d.alternatives.map((a) => a.probability), name).to.deep.equal(d.alternatives.map((a) => p(a.digit)));
      expect(d.alternatives[0].probability, name).to.be.at.least(d.alternatives[1].probability);
      expect(d.probability + d.alternatives[0].probability + d.alternatives[1].probability, name).to.be.closeTo(1, 1e-9);
    }
    // An SVC without probabilities: none, and its vote share as confidence.
    const plain = readDigit(seven(), new SVC().fit(X784, y30), { minConfidence: 0 });
    expect(Number.isNaN(plain.probability)).to.equal(true);
    expect(plain.alternatives).to.deep.equal([]);
  });

  it('flags a digit whose confidence is under minConfidence: uncertain, and ? in the text', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X784, y30);
    const two = (() => {
      const img = paper(140, 60);
      rect(rect(img, 15, 8, 30, 5), 36, 8, 6, 44);
      return rect(rect(img, 95, 8, 30, 5), 116, 8, 6, 44);
    })();
    const { digits } = readDigits(two, knn, { minConfidence: 0 });
    const c = digits[0].confidence;
    expect(digits.map((d) => d.uncertain)).to.deep.equal([false, false]);
    expect(readDigits(two, knn, { minConfidence: c }).digits[0].uncertain).to.equal(false); // under, not at
    const flagged = readDigits(two, knn, { minConfidence: Math.min(1, c + 1e-9) });
    if (c < 1) {
      expect(flagged.digits.map((d) => d.uncertain)).to.deep.equal([true, true]);
      expect(flagged.text).to.equal('??');
    }
    const svc = new SVC({ probability: true, randomState: 0 }).fit(X784, y30);
    const strict = readDigits(two, svc, { minConfidence: 1 });
    expect(strict.text).to.equal('??'); // a probability from Platt scaling is never 1
    expect(strict.digits.map((d) => d.digit)).to.deep.equal(readDigits(two, svc, { minConfidence: 0 }).digits.map((d) => d.digit));
  });

  it('refuses bad arguments with clear errors', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 1 }).fit(X784, y30);
    expect(() => readDigits(seven(), {} as never)).to.throw(TypeError, /^readDigits: argument 'model' must be a fitted classifier \(with fit and predict\), got an object$/);
    expect(() => readDigits('a.png' as never, knn)).to.throw(TypeError, /^readDigits: argument 'png' must be the bytes of a PNG or JPEG file \(Uint8Array\) or a GreyImage, got "a\.png"$/);
    expect(() => readDigits(new Uint8Array([1, 2, 3]), knn)).to.throw(TypeError, /^readDigits: argument 'png' must be the bytes of a PNG file \(starting 89 50/);
    expect(() => readDigits(paper(10, 10), knn)).to.throw(RangeError, /^readDigits: argument 'png' must show some ink, got a blank 10×10 picture/);
    expect(() => readDigits(seven(), knn, { format: 'svg' as never })).to.throw(RangeError, /^readDigits: parameter 'format' must be one of 'auto', 'mnist', 'digits8x8', got "svg"$/);
    expect(() => readDigits(seven(), knn, { single: 1 as never })).to.throw(TypeError, /^readDigits: parameter 'single' must be a boolean, got 1$/);
    for (const bad of [1.5, -0.1, NaN, '0.5', Infinity]) {
      expect(() => readDigits(seven(), knn, { minConfidence: bad as never }), String(bad)).to.throw(/^readDigits: parameter 'minConfidence' must be a finite number >= 0 and <= 1, got /);
    }
    expect(() => readDigits(seven(), knn, { format: 'digits8x8' })).to.throw(RangeError, /^KNeighborsClassifier\.predict.*784 features/);
    const plain = { fit: () => plain, predict: () => new Int32Array(1), classes: Int32Array.of(0) };
    expect(() => readDigits(seven(), plain as never)).to.throw(TypeError, /^readDigits: argument 'model' must tell its number of input features \('nFeaturesIn'.*pass the option 'format'/);
    expect(() => readDigitsBatch(seven() as never, knn)).to.throw(TypeError, /^readDigitsBatch: argument 'pngs' must be an array/);
    expect(() => readDigitsBatch([seven(), paper(4, 4)], knn)).to.throw(RangeError, /^readDigitsBatch: argument 'pngs\[1\]' must show some ink/);
    expect(readDigitsBatch([], knn)).to.deep.equal([]);
  });
});

describe('explainPng: the picture with its digits boxed and labelled', () => {
  it('draws a box and the digit read over each digit found', () => {
    const img = rect(rect(paper(120, 50), 10, 8, 8, 34), 70, 8, 8, 34);
    const result = {
      text: '17',
      format: 'mnist' as const,
      width: 120,
      height: 50,
      digits: [
        { digit: 1, confidence: 1, box: { x: 10, y: 8, width: 8, height: 34 } },
        { digit: 7, confidence: 0.5, box: { x: 70, y: 8, width: 8, height: 34 } },
      ],
    };
    const png = decode(explainPng(img, result));
    expect(png.channels).to.equal(3);
    expect(png.width).to.equal(120 * 4); // scaled to at least 200 pixels tall: 4×
    expect(png.height).to.be.above(200);
    let red = 0;
    for (let i = 0; i < png.data.length; i += 3) if (png.data[i] > 200 && png.data[i + 1] < 80 && png.data[i + 2] < 80) red++;
    expect(red).to.be.above(100);
    expect(decode(explainPng(img, result.digits, { scale: 1 })).width).to.equal(120);
  });

  it('refuses a result that is not one, or boxes outside the picture', () => {
    const img = paper(20, 20);
    expect(() => explainPng(img, 5 as never)).to.throw(TypeError, /^explainPng: argument 'result' must be what readDigits or readDigit returned/);
    expect(() => explainPng(img, [{ digit: 1, box: { x: 15, y: 0, width: 10, height: 5 } }])).to.throw(
      RangeError,
      /^explainPng: argument 'result' must hold boxes inside the 20×20 picture, but digit 0 has box/,
    );
  });
});
