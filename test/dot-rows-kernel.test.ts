import { expect } from 'chai';
import { RandomState } from '../src/core/random.js';
import { dotRowAgainst } from '../src/compute/dot-products.js';
import { createDotRowsKernel } from '../src/compute/wasm/dot-rows-kernel.js';

/** rows × cols values in [0, 1) of which about `zeros` are zero, odd width on purpose. */
function sample(rows: number, cols: number, zeros: number, seed: number): Float64Array {
  const rng = new RandomState(seed);
  return Float64Array.from({ length: rows * cols }, () => (rng.random() < zeros ? 0 : rng.random()));
}

describe('dot-rows kernel (WebAssembly SIMD) against the sequential TypeScript loop', () => {
  const rows = 53;
  const cols = 37;

  it('mostly-zero rows (the sparse way): equal bit for bit, any list and range', () => {
    const x = sample(rows, cols, 0.8, 1);
    const kernel = createDotRowsKernel(x, rows, cols, rows)!;
    expect(kernel).to.not.equal(null);
    const samples = Int32Array.from({ length: 41 }, (_, i) => (i * 17) % rows);
    for (const [a, start, end] of [[0, 0, 41], [52, 3, 10], [7, 40, 41], [9, 5, 5]]) {
      const u = new Float64Array(41);
      const v = new Float64Array(41);
      kernel.dots(a, samples, start, end, u);
      dotRowAgainst(x, cols, a, samples, start, end, v);
      expect(Array.from(u), `row ${a}, [${start}, ${end})`).to.deep.equal(Array.from(v));
    }
  });

  it('dense rows (the dense way): equal within rounding', () => {
    const x = sample(rows, cols, 0.1, 2);
    const kernel = createDotRowsKernel(x, rows, cols, rows)!;
    const samples = Int32Array.from({ length: rows }, (_, i) => rows - 1 - i);
    const u = new Float64Array(rows);
    const v = new Float64Array(rows);
    kernel.dots(11, samples, 0, rows, u);
    dotRowAgainst(x, cols, 11, samples, 0, rows, v);
    for (let j = 0; j < rows; j++) expect(u[j]).to.be.closeTo(v[j], 1e-12);
  });

  it('loadQueries + queryDots: a block of queries against every row, as the loop gives', () => {
    const many = 300; // more rows than one chunk
    const x = sample(many, cols, 0.8, 3);
    const kernel = createDotRowsKernel(x, many, cols, 0, 5)!;
    const queries = new Float64Array([...sample(3, cols, 0.7, 4), ...new Float64Array(cols), ...sample(1, cols, 0.1, 5)]);
    const out = new Float64Array(5 * many);
    kernel.loadQueries(queries, 5);
    kernel.queryDots(out);
    const both = new Float64Array([...queries, ...x]);
    const rowsOfX = Int32Array.from({ length: many }, (_, i) => 5 + i);
    for (let q = 0; q < 5; q++) {
      const v = new Float64Array(many);
      dotRowAgainst(both, cols, q, rowsOfX, 0, many, v);
      const u = Array.from(out.subarray(q * many, (q + 1) * many));
      if (q < 4) expect(u, `query ${q}`).to.deep.equal(Array.from(v));
      else for (let j = 0; j < many; j++) expect(u[j]).to.be.closeTo(v[j], 1e-12); // a dense query: the dense way
    }
    expect(() => kernel.loadQueries(new Float64Array(6 * cols), 6)).to.throw(RangeError, /at most 5 queries, got 6/);
  });

  it('queryDots over a range of rows: the same values as over every row, the queries loaded once', () => {
    const many = 300;
    const x = sample(many, cols, 0.8, 6);
    const kernel = createDotRowsKernel(x, many, cols, 1, 3)!;
    const queries = sample(3, cols, 0.7, 7);
    expect(() => kernel.queryDots(new Float64Array(3 * many))).to.throw(Error, /no queries loaded/);
    const whole = new Float64Array(3 * many);
    kernel.loadQueries(queries, 3);
    kernel.queryDots(whole);
    for (const [from, to] of [[0, 1], [5, 140], [128, 256], [170, 300], [299, 300]]) {
      const part = new Float64Array(3 * (to - from)).fill(NaN);
      kernel.queryDots(part, from, to);
      for (let q = 0; q < 3; q++) {
        expect(Array.from(part.subarray(q * (to - from), (q + 1) * (to - from))), `query ${q}, [${from}, ${to})`).to.deep.equal(
          Array.from(whole.subarray(q * many + from, q * many + to)),
        );
      }
    }
    const none = new Float64Array(3);
    kernel.queryDots(none, 7, 7);
    expect(Array.from(none)).to.deep.equal([0, 0, 0]);
    expect(() => kernel.queryDots(whole, 10, 301)).to.throw(RangeError, /within \[0, 300\], got \[10, 301\)/);
    expect(() => kernel.queryDots(whole, 20, 10)).to.throw(RangeError, /got \[20, 10\)/);
    // dots() writes where the loaded queries' nonzeros are: they must be loaded again.
    kernel.dots(0, Int32Array.from([1]), 0, 1, new Float64Array(1));
    expect(() => kernel.queryDots(whole)).to.throw(Error, /no queries loaded/);
  });
});
