import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ImageSet, Matrix, hog, hogBatch, type HogBlockNorm } from '../src/index.js';

interface SkCase {
  about?: string;
  image_source?: string;
  width?: number;
  height?: number;
  params: { orientations: number; pixels_per_cell: [number, number]; cells_per_block: [number, number]; block_norm: HogBlockNorm; transform_sqrt?: boolean };
  images: number[][];
  hog: number[][];
}

function load(name: string): SkCase[] {
  return (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as { cases: SkCase[] }).cases;
}

const cases = [...load('skimage-hog.json'), ...load('skimage-hog-extra.json')];

function optionsOf(c: SkCase) {
  const side = Math.round(Math.sqrt(c.images[0].length));
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
    it(label, () => {
      let worst = 0;
      for (let i = 0; i < c.images.length; i++) worst = Math.max(worst, maxAbsDiff(hog(c.images[i], o), c.hog[i]));
      expect(worst).to.be.below(1e-6);
      const batch = hogBatch(c.images, o);
      const flat = new Matrix(c.images.length, c.hog[0].length, Float64Array.from(c.hog.flat()));
      expect(maxAbsDiff(batch.data, flat.data)).to.be.below(1e-6);
    });
  }

  it('gives the same values from a Uint8Array, an ImageSet and number[] rows', () => {
    const c = cases[0];
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
