import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Deskew, HOG, ImageSet, KNeighborsClassifier, Matrix, NotFittedError, hog, hogBatch, loadDigits, loadModel, makePipeline, type HOGParams, type HogBlockNorm } from '../src/index.js';
import { firstMnistImages } from './helpers/mnist-sample.js';

interface SkCase {
  about?: string;
  image_source?: string;
  width?: number;
  height?: number;
  params: { orientations: number; pixels_per_cell: [number, number]; cells_per_block: [number, number]; block_norm: HogBlockNorm; transform_sqrt?: boolean };
  /** The images, or (MNIST images, never committed) which MNIST training images, cropped to rows × cols. */
  images: number[][];
  mnist?: { split: 'train'; indices: number[]; crop?: { rows: [number, number]; cols: [number, number] } };
  hog: number[][];
}

/** MNIST's first training images (28×28, 0..255), or null without MNIST (the cases on MNIST images are then skipped). */
const mnist = firstMnistImages();
const mnistImages = mnist && ((i: number) => mnist[i]);

function load(name: string): SkCase[] {
  const cases = (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as { cases: SkCase[] }).cases;
  for (const c of cases) {
    if (!c.mnist || !mnistImages) continue;
    const { indices, crop } = c.mnist;
    c.images = indices.map((i) => {
      const im = mnistImages(i);
      if (!crop) return im;
      const out: number[] = [];
      for (let r = crop.rows[0]; r < crop.rows[1]; r++) out.push(...im.slice(r * 28 + crop.cols[0], r * 28 + crop.cols[1]));
      return out;
    });
  }
  return cases;
}

const cases = [...load('skimage-hog.json'), ...load('skimage-hog-extra.json')];

function optionsOf(c: SkCase) {
  const side = c.images ? Math.round(Math.sqrt(c.images[0].length)) : 28;
  return {
    width: c.width ?? side,
    height: c.height ?? side,
    orientations: c.params.orientations,
    pixelsPerCell: c.params.pixels_per_cell,
    cellsPerBlock: c.params.cells_per_block,
    blockNorm: c.params.block_norm,
    transformSqrt: c.params.transform_sqrt ?? false,
  };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).to.equal(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('features: hog parity with skimage.feature.hog 0.19.3', () => {
  for (const c of cases) {
    const o = optionsOf(c);
    const label = c.about ?? `${c.image_source}, ${JSON.stringify(c.params)}`;
    it(label, function () {
      if (!c.images) this.skip(); // MNIST images, and no MNIST here
      let worst = 0;
      for (let i = 0; i < c.images.length; i++) worst = Math.max(worst, maxAbsDiff(hog(c.images[i], o), c.hog[i]));
      expect(worst).to.be.below(1e-6);
      const batch = hogBatch(c.images, o);
      const flat = new Matrix(c.images.length, c.hog[0].length, Float64Array.from(c.hog.flat()));
      expect(maxAbsDiff(batch.data, flat.data)).to.be.below(1e-6);
      const flatImages = c.images.flat();
      if (flatImages.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
        // 8-bit images take the table-driven path: the same values.
        const set = new ImageSet(Uint8Array.from(flatImages), c.images.length, o.width, o.height);
        expect(Array.from(hogBatch(set, o).data)).to.deep.equal(Array.from(batch.data));
      }
    });
  }

  it('gives the same values from a Uint8Array, an ImageSet and number[] rows', function () {
    const c = cases[0];
    if (!c.images) this.skip(); // MNIST images, and no MNIST here
    const o = optionsOf(c);
    const set = new ImageSet(Uint8Array.from(c.images.flat()), c.images.length, 28, 28);
    const a = hogBatch(set, { orientations: 9, pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] });
    const b = hogBatch(c.images, o);
    expect(Array.from(a.data)).to.deep.equal(Array.from(b.data));
    expect(Array.from(hog(set.image(3), o))).to.deep.equal(Array.from(b.row(3)));
  });
});

describe('features: hog input checks', () => {
  const img = new Uint8Array(64);
  const o = { width: 8, height: 8, pixelsPerCell: [4, 4] as [number, number], cellsPerBlock: [2, 2] as [number, number] };
  it('uses the defaults of scikit-image (9 orientations, 8x8 cells, 3x3 blocks, L2-Hys)', () => {
    expect(hog(new Uint8Array(24 * 24), { width: 24, height: 24 }).length).to.equal(81);
  });
  it('names the call, the argument and what came', () => {
    expect(() => hog(new Uint8Array(63), o)).to.throw(RangeError, /^hog: argument 'image' must hold width\*height = 8\*8 = 64 pixels, got 63$/);
    expect(() => hog([1, NaN, ...new Array(62).fill(0)], o)).to.throw(RangeError, /finite numbers, got NaN at index 1/);
    expect(() => hog('x' as unknown as number[], o)).to.throw(TypeError, /argument 'image' must be an array/);
    expect(() => hog(img, { ...o, width: 0 })).to.throw(RangeError, /^hog: parameter 'width' must be an integer >= 1, got 0$/);
    expect(() => hog(img, { ...o, orientations: 2.5 })).to.throw(RangeError, /parameter 'orientations'/);
    expect(() => hog(img, { ...o, pixelsPerCell: [4] as unknown as [number, number] })).to.throw(TypeError, /parameter 'pixelsPerCell' must be a pair/);
    expect(() => hog(img, { ...o, blockNorm: 'L3' as HogBlockNorm })).to.throw(RangeError, /parameter 'blockNorm' must be one of 'L1', 'L1-sqrt', 'L2', 'L2-Hys', got "L3"/);
    expect(() => hog(img, { ...o, cellSize: 3 } as unknown as typeof o)).to.throw(TypeError, /unknown option 'cellSize'/);
    expect(() => hog(img, { ...o, cellsPerBlock: [3, 3] })).to.throw(RangeError, /too small/);
    expect(() => hog(Float64Array.of(-1, ...new Array(63).fill(0)), { ...o, transformSqrt: true })).to.throw(RangeError, />= 0, got -1/);
    expect(() => hogBatch([Array.from(img)], { pixelsPerCell: [4, 4] })).to.throw(TypeError, /option 'width' is required/);
    expect(() => hogBatch(new ImageSet(img, 1, 8, 8), { width: 7 })).to.throw(RangeError, /must match the ImageSet's width 8, got 7/);
    expect(() => hogBatch([Array.from(img)], { width: 4, height: 4 })).to.throw(RangeError, /4\*4 = 16 pixels per image, got 64/);
  });
});

describe('features: HOG transformer', () => {
  const c = cases[0]; // ten 28x28 MNIST images, 7x7 cells, 2x2 blocks, L2-Hys
  const params = { orientations: 9, pixelsPerCell: [7, 7] as [number, number], cellsPerBlock: [2, 2] as [number, number], blockNorm: 'L2-Hys' as const };
  const plain = (json: unknown) => JSON.parse(JSON.stringify(json));
  beforeEach(function () {
    if (!c.images) this.skip(); // MNIST images, and no MNIST here
  });

  it('fit returns this, learns a square image size, leaves the parameters unchanged and matches skimage', () => {
    const t = new HOG(params);
    const before = plain(t.getParams());
    expect(before).to.deep.equal({ ...params, transformSqrt: false, width: null, height: null });
    expect(t.fit(c.images)).to.equal(t);
    expect(plain(t.getParams())).to.deep.equal(before);
    expect(t.imageShape).to.deep.equal({ width: 28, height: 28 });
    expect(t.nFeaturesIn).to.equal(784);
    expect(t.nFeaturesOut).to.equal(324);
    const F = t.transform(c.images);
    expect([F.rows, F.cols]).to.deep.equal([10, 324]);
    expect(maxAbsDiff(F.data, c.hog.flat())).to.be.below(1e-6);
    expect(Array.from(new HOG(params).fitTransform(c.images).data)).to.deep.equal(Array.from(F.data));
  });

  it('takes width and height (one gives the other), or an ImageSet', () => {
    const crop = cases.find((k) => k.width === 23)!; // 26 rows x 23 cols
    const o = { orientations: crop.params.orientations, pixelsPerCell: crop.params.pixels_per_cell, cellsPerBlock: crop.params.cells_per_block, blockNorm: crop.params.block_norm };
    for (const size of [{ width: 23, height: 26 }, { width: 23 }, { height: 26 }]) {
      const F = new HOG({ ...o, ...size }).fitTransform(crop.images);
      expect(maxAbsDiff(F.data, crop.hog.flat())).to.be.below(1e-6);
    }
    const set = new ImageSet(Uint8Array.from(crop.images.flat()), crop.images.length, 23, 26);
    const t = new HOG(o).fit(set);
    expect(t.imageShape).to.deep.equal({ width: 23, height: 26 });
    expect(maxAbsDiff(t.transform(set).data, crop.hog.flat())).to.be.below(1e-6);
  });

  it('refuses bad input with errors that name the call, the argument and what came', () => {
    expect(() => new HOG(params).transform(c.images)).to.throw(NotFittedError, /^HOG\.transform: this HOG is not fitted yet; call fit\(X\) first$/);
    const t = new HOG(params).fit(c.images);
    expect(() => t.transform([new Array(64).fill(0)])).to.throw(RangeError, /^HOG\.transform: argument 'X' must have 784 features per sample \(as at fit\), got 64$/);
    expect(() => t.transform([[NaN, ...new Array(783).fill(0)]])).to.throw(RangeError, /must hold finite numbers, got NaN at \[0\]\[0\]/);
    expect(() => t.transform([])).to.throw(RangeError, /at least one sample/);
    expect(() => new HOG(params).fit([new Array(50).fill(0)])).to.throw(RangeError, /square number of features per sample.*got 50/);
    expect(() => new HOG({ ...params, width: 10 }).fit(c.images)).to.throw(RangeError, /width\*height = 10\*\? features per sample, got 784/);
    expect(() => new HOG({ ...params, orientations: 0 }).fit(c.images)).to.throw(RangeError, /^HOG\.fit: parameter 'orientations' must be an integer >= 1, got 0$/);
    expect(() => new HOG({ ...params, blockNorm: 'max' as HogBlockNorm }).fit(c.images)).to.throw(RangeError, /^HOG\.fit: parameter 'blockNorm' must be one of/);
    expect(() => new HOG({ ...params, width: -3 }).fit(c.images)).to.throw(RangeError, /parameter 'width' must be an integer >= 1, got -3/);
    expect(() => new HOG({ ...params, cellsPerBlock: [5, 5] }).fit(c.images)).to.throw(RangeError, /^HOG\.fit: a 28×28 image .* is too small/);
    expect(() => new HOG({ cellSize: 4 } as unknown as HOGParams)).to.throw(TypeError, /^HOG: unknown option 'cellSize'/);
    const set = new ImageSet(new Uint8Array(784), 1, 28, 28);
    expect(() => new HOG(params).fit(new ImageSet(new Uint8Array(784), 1, 49, 16)).transform(set)).to.throw(RangeError, /must hold 49×16 images \(as at fit\), got an ImageSet of 28×28/);
  });

  it('round-trips through JSON (fitted or not) and loadModel, and refuses another name or version', () => {
    const t = new HOG(params).fit(c.images);
    const json = plain(t.toJSON());
    expect(json).to.deep.equal({ name: 'HOG', version: 1, params: plain(t.getParams()), state: { width: 28, height: 28 } });
    const back = HOG.fromJSON(json);
    expect(Array.from(back.transform(c.images).data)).to.deep.equal(Array.from(t.transform(c.images).data));
    const viaLoad = loadModel(json) as HOG;
    expect(viaLoad).to.be.instanceOf(HOG);
    expect(plain(new HOG(params).toJSON()).state).to.equal(null);
    expect(() => HOG.fromJSON(plain(new HOG(params).toJSON())).transform(c.images)).to.throw(NotFittedError);
    expect(() => HOG.fromJSON({ ...json, name: 'Deskew' })).to.throw(TypeError, /^HOG\.fromJSON: argument 'json' must be a HOG model \(name 'HOG'\), got name "Deskew"/);
    expect(() => HOG.fromJSON({ ...json, version: 2 })).to.throw(RangeError, /^HOG\.fromJSON: HOG model format version must be 1, got 2/);
    expect(() => HOG.fromJSON({ ...json, state: { width: 28.5, height: 28 } })).to.throw(RangeError, /field 'state\.width' must be an integer >= 1, got 28\.5/);
    expect(() => HOG.fromJSON({ ...json, params: { ...json.params, orientations: 'nine' } })).to.throw(TypeError, /parameter 'orientations'/);
  });
});

describe('features: HOG in a pipeline', () => {
  it('makePipeline(Deskew, HOG, k-NN) fits, predicts and survives a JSON round trip', () => {
    const digits = loadDigits();
    const idx = Array.from({ length: 600 }, (_, i) => i);
    const X = digits.data.selectRows(idx.slice(0, 500));
    const y = digits.target.slice(0, 500);
    const Xq = digits.data.selectRows(idx.slice(500));
    const yq = digits.target.slice(500, 600);
    const model = makePipeline(new Deskew(), new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier({ nNeighbors: 3 }));
    const pred = model.fit(X, y).predict(Xq);
    expect(model.score(Xq, yq)).to.be.above(0.7); // 0.75 here: HOG is coarse on 8×8 images; k-NN on pixels does better here
    const back = loadModel(JSON.parse(JSON.stringify(model.toJSON()))) as typeof model;
    expect(Array.from(back.predict(Xq))).to.deep.equal(Array.from(pred));
  });
});
