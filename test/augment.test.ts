/** augmentImages: seeded, the amounts asked for, originals first, clear errors. */
import { expect } from 'chai';
import { augmentImages, loadMnistSync } from '../src/index.js';

describe('augmentImages', () => {
  const train = loadMnistSync({ split: 'train', limit: 20 });
  const X = train.features;
  const y = train.labels;

  /** Centre of mass (x, y) and total ink of row `i` of a 28×28 matrix. */
  const moments = (data: Float64Array, i: number) => {
    let m = 0;
    let mx = 0;
    let my = 0;
    for (let p = 0; p < 784; p++) {
      const v = data[i * 784 + p];
      m += v;
      mx += v * (p % 28);
      my += v * Math.floor(p / 28);
    }
    return { m, x: mx / m, y: my / m };
  };

  it('gives the originals, then each image\'s copies, with their labels; the same seed gives the same copies', () => {
    const a = augmentImages(X, y, { copies: 3, seed: 7 });
    expect([a.X.rows, a.X.cols]).to.deep.equal([80, 784]);
    expect(Array.from(a.X.data.subarray(0, 20 * 784))).to.deep.equal(Array.from(X.data));
    expect(Array.from(a.y)).to.deep.equal([...y, ...Array.from(y).flatMap((l) => [l, l, l])]);
    expect(Array.from(augmentImages(X, y, { copies: 3, seed: 7 }).X.data)).to.deep.equal(Array.from(a.X.data));
    expect(Array.from(augmentImages(X, y, { copies: 3, seed: 8 }).X.data)).to.not.deep.equal(Array.from(a.X.data));
    const only = augmentImages(X, y, { copies: 2, includeOriginals: false, seed: 7 });
    expect(only.X.rows).to.equal(40);
    // Pixels stay within the images' range.
    expect(a.X.data.every((v) => v >= 0 && v <= 1)).to.equal(true);
  });

  it('with every amount 0, copies equal their images; a shift moves the centre of mass by at most the shift', () => {
    const still = augmentImages(X, y, { copies: 1, includeOriginals: false, maxShift: 0, maxRotation: 0, maxScale: 0, maxShear: 0, strokeChange: 0 });
    expect(Array.from(still.X.data)).to.deep.equal(Array.from(X.data));
    const moved = augmentImages(X, y, { copies: 5, includeOriginals: false, maxShift: 2, maxRotation: 0, maxScale: 0, maxShear: 0, strokeChange: 0, seed: 3 });
    let largest = 0;
    for (let i = 0; i < 20; i++) {
      const before = moments(X.data, i);
      for (let c = 0; c < 5; c++) {
        const after = moments(moved.X.data, i * 5 + c);
        const shift = Math.max(Math.abs(after.x - before.x), Math.abs(after.y - before.y));
        expect(shift).to.be.at.most(2 + 1e-6);
        largest = Math.max(largest, shift);
        expect(after.m / before.m).to.be.within(0.97, 1.001); // a shift keeps the ink (bar what leaves the frame)
      }
    }
    expect(largest).to.be.above(1); // and it does move them
  });

  it('thicker and thinner strokes change the ink, turned copies keep the centre', () => {
    const strokes = augmentImages(X, y, { copies: 6, includeOriginals: false, maxShift: 0, maxRotation: 0, maxScale: 0, maxShear: 0, strokeChange: 1, seed: 5 });
    const ratios = Array.from({ length: 120 }, (_, r) => moments(strokes.X.data, r).m / moments(X.data, Math.floor(r / 6)).m);
    expect(ratios.some((v) => v > 1.2)).to.equal(true);
    expect(ratios.some((v) => v < 0.8)).to.equal(true);
    const turned = augmentImages(X, y, { copies: 2, includeOriginals: false, maxShift: 0, maxRotation: 15, maxScale: 0, maxShear: 0, strokeChange: 0, seed: 9 });
    for (let r = 0; r < 40; r++) {
      const a = moments(turned.X.data, r);
      const b = moments(X.data, r >> 1);
      // A turn about the frame's centre moves the centre of mass by at most |c − centre| · 2 sin(7.5°).
      const reach = Math.hypot(b.x - 13.5, b.y - 13.5) * 2 * Math.sin((7.5 * Math.PI) / 180) + 0.3;
      expect(Math.hypot(a.x - b.x, a.y - b.y)).to.be.at.most(reach);
    }
  });

  it('refuses bad arguments, naming them', () => {
    expect(() => augmentImages(X, y.slice(1))).to.throw(RangeError, /^augmentImages: arguments 'X' and 'y' must have the same number of samples, got 20 rows in X and 19 labels in y$/);
    expect(() => augmentImages([[1, 2, 3]], [0])).to.throw(RangeError, /^augmentImages: options 'width' × 'height' must equal the 3 features of each image, got 2×2/);
    expect(augmentImages([[0, 1, 0, 1, 0, 1]], [0], { width: 3 }).X.rows).to.equal(2);
    expect(() => augmentImages(X, y, { copies: 0 })).to.throw(RangeError, /^augmentImages: parameter 'copies' must be an integer >= 1 and <= 1000, got 0$/);
    expect(() => augmentImages(X, y, { maxRotation: NaN })).to.throw(RangeError, /parameter 'maxRotation'/);
    expect(() => augmentImages(X, y, { seed: -1 })).to.throw(RangeError, /parameter 'seed'/);
    expect(() => augmentImages(X, y, { includeOriginals: 'yes' as never })).to.throw(TypeError, /parameter 'includeOriginals' must be a boolean/);
    expect(() => augmentImages(X, y, { copy: 2 } as never)).to.throw(TypeError, /augmentImages: unknown option 'copy'/);
  });
});
