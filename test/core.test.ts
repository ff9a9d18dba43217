import { expect } from 'chai';
import { Matrix, NotFittedError, RandomState, toMatrix, toLabels, uniqueSorted } from '../src/index.js';

describe('core: Matrix', () => {
  it('stores rows in row-major order and returns row views', () => {
    const m = Matrix.fromArray([[1, 2, 3], [4, 5, 6]]);
    expect(m.rows).to.equal(2);
    expect(m.cols).to.equal(3);
    expect(m.get(1, 2)).to.equal(6);
    expect(Array.from(m.row(1))).to.deep.equal([4, 5, 6]);
    expect(m.selectRows([1, 0]).toArray()).to.deep.equal([[4, 5, 6], [1, 2, 3]]);
  });

  it('refuses data of the wrong length', () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).to.throw(RangeError, /rows\*cols = 4.*got 3/);
  });
});

describe('core: toMatrix', () => {
  it('accepts number[][], typed-array rows and Matrix alike', () => {
    const a = toMatrix([[1, 2], [3, 4]], 'f');
    const b = toMatrix([Float32Array.of(1, 2), Uint8Array.of(3, 4)], 'f');
    expect(Array.from(a.data)).to.deep.equal([1, 2, 3, 4]);
    expect(Array.from(b.data)).to.deep.equal([1, 2, 3, 4]);
    expect(toMatrix(a, 'f')).to.equal(a);
  });

  it('names the call, the argument and the offending value', () => {
    expect(() => toMatrix([[1, NaN]], 'SVC.fit')).to.throw(RangeError, /^SVC\.fit: argument 'X' must hold finite numbers, got NaN at \[0\]\[1\]/);
    expect(() => toMatrix([[1, 2], [Infinity, 0]], 'SVC.fit')).to.throw(RangeError, /got Infinity at \[1\]\[0\]/);
    expect(() => toMatrix([], 'SVC.fit')).to.throw(RangeError, /at least one sample, got 0 rows/);
    expect(() => toMatrix([[]], 'SVC.fit')).to.throw(RangeError, /at least one feature/);
    expect(() => toMatrix([[1, 2], [3]], 'SVC.fit')).to.throw(RangeError, /row 0 has 2 values and row 1 has 1/);
    expect(() => toMatrix([1, 2, 3], 'SVC.fit')).to.throw(TypeError, /2-D array.*row 0 is 1/);
    expect(() => toMatrix('abc', 'SVC.fit')).to.throw(TypeError, /got "abc"/);
    expect(() => toMatrix([['a']], 'SVC.fit')).to.throw(TypeError, /must hold numbers, got "a"/);
    expect(() => toMatrix(new Matrix(0, 3), 'SVC.fit')).to.throw(RangeError, /got 0 rows/);
  });
});

describe('core: toLabels', () => {
  it('accepts integer labels of any sign and sorts classes like np.unique', () => {
    const y = toLabels([3, -1, 3, 7], 'f', 4);
    expect(Array.from(uniqueSorted(y))).to.deep.equal([-1, 3, 7]);
  });

  it('refuses length mismatch and non-integer labels', () => {
    expect(() => toLabels([1, 2], 'SVC.fit', 3)).to.throw(RangeError, /same number of samples, got 3 rows in X and 2 labels/);
    expect(() => toLabels([1, 2.5], 'SVC.fit', 2)).to.throw(TypeError, /integer labels, got 2\.5 at index 1/);
    expect(() => toLabels(['a', 'b'], 'SVC.fit', 2)).to.throw(TypeError, /integer labels, got "a"/);
    expect(() => toLabels(null, 'SVC.fit', 2)).to.throw(TypeError, /got null/);
  });
});

describe('core: RandomState', () => {
  it('is reproducible under a seed and differs across seeds', () => {
    const a = new RandomState(42);
    const b = new RandomState(42);
    const c = new RandomState(43);
    const sa = Array.from({ length: 5 }, () => a.random());
    const sb = Array.from({ length: 5 }, () => b.random());
    const sc = Array.from({ length: 5 }, () => c.random());
    expect(sa).to.deep.equal(sb);
    expect(sa).to.not.deep.equal(sc);
    for (const v of sa) expect(v).to.be.within(0, 1);
  });

  it('gives permutations of 0..n-1 with a roughly uniform spread', () => {
    const rng = new RandomState(1);
    const p = Array.from(rng.permutation(100)).sort((x, y) => x - y);
    expect(p).to.deep.equal(Array.from({ length: 100 }, (_, i) => i));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) counts[rng.randInt(10)]++;
    for (const c of counts) expect(c).to.be.within(900, 1100);
  });

  it('refuses a non-integer seed', () => {
    expect(() => new RandomState(1.5)).to.throw(TypeError, /seed/);
  });
});

describe('core: NotFittedError', () => {
  it('is an Error with its own name', () => {
    const e = new NotFittedError('x');
    expect(e).to.be.instanceOf(Error);
    expect(e.name).to.equal('NotFittedError');
  });
});
