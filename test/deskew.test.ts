import { expect } from 'chai';
import { Deskew, ImageSet, NotFittedError, deskew, loadModel, type DeskewParams } from '../src/index.js';
import { firstMnistImages } from './helpers/mnist-sample.js';

/** Central moments mu11 and mu02 of a w×h image. */
function moments(img: ArrayLike<number>, w: number, h: number): { mu11: number; mu02: number } {
  let m00 = 0, m10 = 0, m01 = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const v = img[y * w + x]; m00 += v; m10 += x * v; m01 += y * v; }
  const xc = m10 / m00, yc = m01 / m00;
  let mu11 = 0, mu02 = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) { const v = img[y * w + x]; mu11 += (x - xc) * (y - yc) * v; mu02 += (y - yc) ** 2 * v; }
  return { mu11, mu02 };
}

/** A 28×28 bar, 3 pixels wide, leaning right by `slope` pixels per row going up, from row 4 to 23. */
function slantedBar(slope: number): Float64Array {
  const img = new Float64Array(784);
  for (let y = 4; y < 24; y++) {
    const cx = 14 + slope * (13.5 - y);
    for (let x = 0; x < 28; x++) img[y * 28 + x] = Math.max(0, Math.min(1, 2 - Math.abs(x - cx))) * 255;
  }
  return img;
}

// MNIST's first ten training images (read from MNIST, never committed); the tests on them are skipped without MNIST.
const mnistOrNull = firstMnistImages();
const mnist = mnistOrNull ?? [];

describe('features: deskew', () => {
  it('makes a slanted bar (nearly) vertical: |mu11| drops by more than 90%', () => {
    for (const slope of [0.4, -0.3, 0.15]) {
      const bar = slantedBar(slope);
      const before = moments(bar, 28, 28);
      const after = moments(deskew(bar, 28, 28), 28, 28);
      expect(before.mu11 / before.mu02).to.be.closeTo(-slope, 0.02); // y grows downwards
      expect(Math.abs(after.mu11)).to.be.below(0.1 * Math.abs(before.mu11));
    }
  });

  it('changes an upright bar very little and keeps the ink in the image', () => {
    const bar = slantedBar(0);
    const out = deskew(bar, 28, 28);
    let diff = 0;
    for (let k = 0; k < 784; k++) diff = Math.max(diff, Math.abs(out[k] - bar[k]));
    expect(diff).to.be.below(1e-9);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    const slanted = slantedBar(0.3);
    expect(sum(deskew(slanted, 28, 28))).to.be.closeTo(sum(slanted), 1e-6 * sum(slanted));
  });

  it('straightens real MNIST digits: |mu11| shrinks by more than 80%, pixels stay in 0..255', function () {
    if (!mnistOrNull) this.skip();
    for (const img of mnist) {
      const out = deskew(img, 28, 28);
      const before = moments(img, 28, 28);
      const after = moments(out, 28, 28);
      expect(Math.abs(after.mu11)).to.be.below(Math.max(0.2 * Math.abs(before.mu11), 1e-6 * before.mu02));
      for (const v of out) expect(v).to.be.within(0, 255);
    }
  });

  it('returns blank and one-row images unchanged (as a copy)', () => {
    const blank = new Uint8Array(64);
    const out = deskew(blank, 8, 8);
    expect(out).to.be.instanceOf(Float64Array);
    expect(Array.from(out)).to.deep.equal(Array.from(blank));
    const line = new Float64Array(64);
    for (let x = 1; x < 7; x++) line[3 * 8 + x] = x;
    expect(Array.from(deskew(line, 8, 8))).to.deep.equal(Array.from(line));
    expect(deskew(line, 8, 8)).to.not.equal(line);
  });

  it('refuses bad input with errors that name the call, the argument and what came', () => {
    expect(() => deskew(new Uint8Array(63), 8, 8)).to.throw(RangeError, /^deskew: argument 'image' must hold width\*height = 8\*8 = 64 pixels, got 63$/);
    expect(() => deskew([1, -2, 0, 0], 2, 2)).to.throw(RangeError, /^deskew: argument 'image' must hold finite numbers >= 0, got -2 at index 1$/);
    expect(() => deskew([1, NaN, 0, 0], 2, 2)).to.throw(RangeError, /got NaN at index 1/);
    expect(() => deskew(null as unknown as number[], 2, 2)).to.throw(TypeError, /argument 'image' must be an array or typed array of pixels, got null/);
    expect(() => deskew([1, 2, 3, 4], 2.5, 2)).to.throw(RangeError, /^deskew: parameter 'width' must be an integer >= 1, got 2\.5$/);
    expect(() => deskew([1, 2, 3, 4], 2, '2' as unknown as number)).to.throw(TypeError, /parameter 'height'/);
  });
});

describe('features: Deskew transformer', () => {
  const plain = (json: unknown) => JSON.parse(JSON.stringify(json));
  beforeEach(function () {
    if (!mnistOrNull) this.skip(); // MNIST images, and no MNIST here
  });

  it('fit returns this and learns the size; transform deskews every row like deskew()', () => {
    const t = new Deskew();
    expect(t.getParams()).to.deep.equal({ width: null, height: null });
    expect(t.fit(mnist)).to.equal(t);
    expect(t.getParams()).to.deep.equal({ width: null, height: null });
    expect(t.imageShape).to.deep.equal({ width: 28, height: 28 });
    const out = t.transform(mnist);
    expect([out.rows, out.cols]).to.deep.equal([10, 784]);
    mnist.forEach((img, i) => expect(Array.from(out.row(i))).to.deep.equal(Array.from(deskew(img, 28, 28))));
    const set = new ImageSet(Uint8Array.from(mnist.flat()), 10, 28, 28);
    expect(Array.from(new Deskew().fitTransform(set).data)).to.deep.equal(Array.from(out.data));
    const wide = new Deskew({ width: 49 }).fit([new Array(784).fill(0)]);
    expect(wide.imageShape).to.deep.equal({ width: 49, height: 16 });
  });

  it('refuses bad input and use before fit', () => {
    expect(() => new Deskew().transform(mnist)).to.throw(NotFittedError, /^Deskew\.transform: this Deskew is not fitted yet; call fit\(X\) first$/);
    const t = new Deskew().fit(mnist);
    expect(() => t.transform([new Array(64).fill(0)])).to.throw(RangeError, /^Deskew\.transform: argument 'X' must have 784 features per sample \(as at fit\), got 64$/);
    expect(() => t.transform([[-1, ...new Array(783).fill(0)]])).to.throw(RangeError, /^Deskew\.transform: argument 'X' must hold pixels >= 0, got -1 at \[0\]\[0\]$/);
    expect(() => new Deskew().fit([[1, 2, 3]])).to.throw(RangeError, /square number of features per sample.*got 3/);
    expect(() => new Deskew({ height: 0 }).fit(mnist)).to.throw(RangeError, /^Deskew\.fit: parameter 'height' must be an integer >= 1, got 0$/);
    expect(() => new Deskew({ size: 28 } as unknown as DeskewParams)).to.throw(TypeError, /^Deskew: unknown option 'size'/);
  });

  it('round-trips through JSON and loadModel, and refuses another name or version', () => {
    const t = new Deskew().fit(mnist);
    const json = plain(t.toJSON());
    expect(json).to.deep.equal({ name: 'Deskew', version: 1, params: { width: null, height: null }, state: { width: 28, height: 28 } });
    const back = loadModel(json) as Deskew;
    expect(back).to.be.instanceOf(Deskew);
    expect(Array.from(back.transform(mnist).data)).to.deep.equal(Array.from(t.transform(mnist).data));
    expect(plain(new Deskew().toJSON()).state).to.equal(null);
    expect(() => Deskew.fromJSON({ ...json, name: 'HOG' })).to.throw(TypeError, /^Deskew\.fromJSON: argument 'json' must be a Deskew model \(name 'Deskew'\), got name "HOG"/);
    expect(() => Deskew.fromJSON({ ...json, version: 0 })).to.throw(RangeError, /format version must be 1, got 0/);
  });
});
