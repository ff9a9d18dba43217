import { expect } from 'chai';
import { Blur, NotFittedError, blur, loadMnistSync, loadModel, type BlurParams } from '../src/index.js';
import { binomialWeights } from '../src/transformers/blur.js';

describe('features: blur()', () => {
  it('spreads a single bright pixel into the outer product of the binomial weights', () => {
    const img = new Array(49).fill(0);
    img[3 * 7 + 3] = 16;
    const out = blur(img, 7, 7);
    const w = [0.25, 0.5, 0.25];
    for (let y = 0; y < 7; y++) {
      for (let x = 0; x < 7; x++) {
        const expected = Math.abs(y - 3) <= 1 && Math.abs(x - 3) <= 1 ? 16 * w[y - 2] * w[x - 2] : 0;
        expect(out[y * 7 + x], `(${x}, ${y})`).to.equal(expected);
      }
    }
  });

  it('keeps the total ink of a digit away from the border, and smooths it', () => {
    // Ink only more than 2 pixels from the border: a radius-2 blur loses none of it.
    const digit = Array.from(loadMnistSync({ split: 'test', limit: 1 }).images.image(0), (v, i) =>
      (i % 28 >= 3 && i % 28 < 25 && i >= 3 * 28 && i < 25 * 28 ? v : 0));
    const out = blur(digit, 28, 28, 2);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(out)).to.be.closeTo(sum(digit), 1e-9);
    expect(Math.max(...out)).to.be.below(Math.max(...digit));
  });

  it('has binomial weights: [1, 4, 6, 4, 1] / 16 for radius 2', () => {
    expect(Array.from(binomialWeights(2))).to.deep.equal([1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16]);
  });

  it('refuses a bad radius, size or image', () => {
    expect(() => blur([1, 2, 3, 4], 2, 2, 0)).to.throw(RangeError, /^blur: parameter 'radius' must be an integer >= 1 and <= 10, got 0$/);
    expect(() => blur([1, 2, 3, 4], 2, 2, 1.5)).to.throw(RangeError, /^blur: parameter 'radius' must be an integer/);
    expect(() => blur([1, 2, 3], 2, 2)).to.throw(RangeError, /^blur: /);
    expect(() => blur([1, 2, -3, 4], 2, 2)).to.throw(RangeError, /^blur: .*>= 0/);
  });
});

describe('features: Blur transformer', () => {
  const images = loadMnistSync({ split: 'test', limit: 5 }).features;

  it('blurs every row like blur(), learning the image size at fit', () => {
    const t = new Blur({ radius: 2 });
    expect(t.fit(images)).to.equal(t);
    expect(t.imageShape).to.deep.equal({ width: 28, height: 28 });
    const out = t.transform(images);
    for (let i = 0; i < 5; i++) expect(Array.from(out.row(i))).to.deep.equal(Array.from(blur(images.row(i), 28, 28, 2)));
  });

  it('refuses bad parameters and use before fit, naming them', () => {
    expect(() => new Blur().transform(images)).to.throw(NotFittedError, /^Blur\.transform: this Blur is not fitted yet; call fit\(X\) first$/);
    expect(() => new Blur({ radius: 0 }).fit(images)).to.throw(RangeError, /^Blur\.fit: parameter 'radius' must be an integer >= 1 and <= 10, got 0$/);
    expect(() => new Blur({ sigma: 1 } as unknown as BlurParams)).to.throw(TypeError, /^Blur: unknown option 'sigma'/);
    expect(() => new Blur().fit(images).transform([[1, 2, 3]])).to.throw(RangeError, /^Blur\.transform: argument 'X' must have 784 features per sample \(as at fit\), got 3$/);
  });

  it('round-trips through JSON and loadModel, and refuses a bad radius in the JSON', () => {
    const t = new Blur({ radius: 2 }).fit(images);
    const json = JSON.parse(JSON.stringify(t.toJSON()));
    expect(json).to.deep.equal({ name: 'Blur', version: 1, params: { width: null, height: null, radius: 2 }, state: { width: 28, height: 28 } });
    const back = loadModel(json) as Blur;
    expect(Array.from(back.transform(images).data)).to.deep.equal(Array.from(t.transform(images).data));
    expect(() => Blur.fromJSON({ ...json, params: { radius: -1 } })).to.throw(RangeError, /^Blur\.fromJSON: parameter 'radius'/);
    expect(() => Blur.fromJSON({ ...json, name: 'Deskew' })).to.throw(/^Blur\.fromJSON: /);
  });
});
