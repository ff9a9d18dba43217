import { expect } from 'chai';
import { RandomState } from '../src/core/random.js';
import { dotRowAgainst } from '../src/compute/dot-products.js';
import { attachCsrRowsKernel, createCsrRowsKernel, shareCsrRows } from '../src/compute/wasm/csr-rows-kernel.js';
import { attachDotRowsKernel, shareDotRows } from '../src/compute/wasm/dot-rows-kernel.js';
import { releaseScratch, reserveScratch } from '../src/compute/wasm/scratch.js';
import { allocateRows, memoryOf } from '../src/compute/shared-rows.js';
import { SVC } from '../src/svm/svc.js';
import { modelFromBytes, modelToBytes } from '../src/persistence/model-file.js';

// The platform's WebAssembly API (TypeScript declares it only with the DOM library).
declare const WebAssembly: { Memory: new (...args: never[]) => object };

/** rows × cols values in [0, 1) of which about 80% are zero, in an array from allocateRows. */
function placedSample(rows: number, cols: number, seed: number): Float64Array {
  const rng = new RandomState(seed);
  const x = allocateRows(rows * cols);
  for (let k = 0; k < x.length; k++) x[k] = rng.random() < 0.8 ? 0 : rng.random();
  return x;
}

describe('rows on shared WebAssembly memory (allocateRows) and their kernels', () => {
  it('allocateRows: large arrays on a shared WebAssembly memory, small ones plain; both zeroed Float64Arrays', () => {
    const big = allocateRows(200_000); // 1.6 MB
    const small = allocateRows(1000);
    expect(big).to.be.instanceOf(Float64Array);
    expect(big.length).to.equal(200_000);
    expect(big.every((v) => v === 0)).to.equal(true);
    expect(big.buffer).to.be.instanceOf(SharedArrayBuffer);
    expect(memoryOf(big)).to.be.instanceOf(WebAssembly.Memory);
    expect(memoryOf(small)).to.equal(null);
    expect(memoryOf(new Float64Array(200_000))).to.equal(null);
  });

  it('rows that live there are read in place (no copy), with the same dot products as the loop, bit for bit', () => {
    const rows = 700;
    const cols = 300; // 1.7 MB: placed
    const x = placedSample(rows, cols, 1);
    const shared = shareDotRows(x, rows, cols, rows)!;
    expect(shared.memory).to.equal(memoryOf(x));
    expect(shared.rowsAt).to.equal(0);
    const call = reserveScratch(shared, 1)!;
    const kernel = attachDotRowsKernel(call)!;
    const samples = Int32Array.from({ length: 99 }, (_, i) => (i * 37) % rows);
    const u = new Float64Array(99);
    const v = new Float64Array(99);
    kernel.dots(123, samples, 0, 99, u);
    dotRowAgainst(x, cols, 123, samples, 0, 99, v);
    expect(Array.from(u)).to.deep.equal(Array.from(v));
    releaseScratch(call);
    // Writing to the array is seen by the kernel: the same memory.
    x[123 * cols] = 0.5;
    x[samples[0] * cols] = 2;
    const again = attachDotRowsKernel(reserveScratch(shared, 1)!)!;
    again.dots(123, samples, 0, 1, u);
    dotRowAgainst(x, cols, 123, samples, 0, 1, v);
    expect(u[0]).to.equal(v[0]);
  });

  it('a view at an offset, and rows that need padding (odd width: copied), give the loop\'s values', () => {
    const x = placedSample(801, 300, 2);
    const view = x.subarray(300); // rows 1..800
    const shared = shareDotRows(view, 800, 300, 800)!;
    expect(shared.rowsAt).to.equal(300 * 8);
    const k = attachDotRowsKernel(reserveScratch(shared, 1)!)!;
    const samples = Int32Array.from([0, 5, 799, 400]);
    const u = new Float64Array(4);
    const v = new Float64Array(4);
    k.dots(7, samples, 0, 4, u);
    dotRowAgainst(view, 300, 7, samples, 0, 4, v);
    expect(Array.from(u)).to.deep.equal(Array.from(v));
    const odd = placedSample(1000, 201, 3);
    const copied = shareDotRows(odd, 1000, 201, 1000)!;
    expect(copied.memory).to.not.equal(memoryOf(odd));
    const ko = attachDotRowsKernel(reserveScratch(copied, 1)!)!;
    ko.dots(999, samples, 0, 4, u);
    dotRowAgainst(odd, 201, 999, samples, 0, 4, v);
    expect(Array.from(u)).to.deep.equal(Array.from(v));
  });

  it('scratch slots are reused call after call: the memory stops growing', () => {
    const x = placedSample(500, 400, 4);
    const shared = shareDotRows(x, 500, 400, 0, 64)!;
    const sizes: number[] = [];
    for (let call = 0; call < 5; call++) {
      const c = reserveScratch(shared, 2)!;
      const a = attachDotRowsKernel(c)!;
      const b = attachDotRowsKernel(c)!;
      const out = new Float64Array(2 * 500);
      a.loadQueries(x.subarray(0, 800), 2);
      a.queryDots(out);
      b.loadQueries(x.subarray(800, 1600), 2);
      b.queryDots(out);
      releaseScratch(c);
      sizes.push(shared.memory.buffer.byteLength);
    }
    expect(sizes[0]).to.be.greaterThan(x.byteLength);
    expect(new Set(sizes).size).to.equal(1);
  });
});

describe('an SVC\'s support vectors on shared WebAssembly memory', () => {
  it('after fit and after fromJSON (a binary model file: a view into the file), with the same decision values', () => {
    // Random labels: nearly every sample is a support vector, 1.2 MB of them at least.
    const rng = new RandomState(9);
    const n = 1000;
    const cols = 160;
    const X = Array.from({ length: n }, () => Array.from({ length: cols }, () => rng.random()));
    const y = Array.from({ length: n }, () => (rng.random() < 0.5 ? 0 : 1));
    const svc = new SVC({ gamma: 0.01 }).fit(X, y);
    expect(svc.supportVectors.data.byteLength).to.be.at.least(1 << 20);
    expect(memoryOf(svc.supportVectors.data)).to.be.instanceOf(WebAssembly.Memory);
    const loaded = SVC.fromJSON(JSON.parse(JSON.stringify(svc.toJSON())));
    expect(memoryOf(loaded.supportVectors.data)).to.be.instanceOf(WebAssembly.Memory);
    expect(Array.from(loaded.supportVectors.data)).to.deep.equal(Array.from(svc.supportVectors.data));
    // A binary model file's support vectors stay a view into the file's bytes (no second copy of them).
    const bytes = modelToBytes(svc);
    const fromFile = modelFromBytes(bytes) as SVC;
    expect(fromFile.supportVectors.data.buffer).to.equal(bytes.buffer);
    expect(Array.from(fromFile.supportVectors.data)).to.deep.equal(Array.from(svc.supportVectors.data));
    const queries = X.slice(0, 300).map((row) => row.map((v) => v * 0.9));
    const want = Array.from(svc.decisionFunction(queries).data);
    expect(Array.from(loaded.decisionFunction(queries).data)).to.deep.equal(want);
    expect(Array.from(fromFile.decisionFunction(queries).data)).to.deep.equal(want);
  });
});

describe('compressed training rows (csr-rows kernel) against the sequential loop', () => {
  /** rows × cols of about 80% zeros, the others k / 255 (few distinct values, as MNIST's pixels). */
  function pixels(rows: number, cols: number, seed: number): Float64Array {
    const rng = new RandomState(seed);
    return Float64Array.from({ length: rows * cols }, () => (rng.random() < 0.8 ? 0 : Math.floor(1 + rng.random() * 255) / 255));
  }
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

  it('own copy and shared copy: equal bit for bit, any list, range and row order', () => {
    const rows = 203;
    const cols = 37;
    const x = pixels(rows, cols, 6);
    const own = createCsrRowsKernel(x, rows, cols, rows)!;
    const shared = shareCsrRows(x, rows, cols, rows)!;
    expect(own).to.not.equal(null);
    expect(shared).to.not.equal(null);
    const call = reserveScratch(shared, 1)!;
    const onShared = attachCsrRowsKernel(call)!;
    const samples = Int32Array.from({ length: 150 }, (_, i) => (i * 71) % rows);
    for (const [a, start, end] of [[0, 0, 150], [202, 3, 10], [7, 149, 150], [9, 5, 5], [7, 0, 150]]) {
      const u = new Float64Array(150);
      const w = new Float64Array(150);
      const v = new Float64Array(150);
      own.dots(a, samples, start, end, u);
      onShared.dots(a, samples, start, end, w);
      dotRowAgainst(x, cols, a, samples, start, end, v);
      expect(Array.from(u), `row ${a}, [${start}, ${end})`).to.deep.equal(Array.from(v));
      expect(Array.from(w)).to.deep.equal(Array.from(v));
    }
    releaseScratch(call);
    expect(() => own.dots(0, all(rows + 1), 0, rows + 1, new Float64Array(rows + 1))).to.throw(RangeError, /at most 203 rows, got 204/);
  });

  it('empty rows and a row of all zeros give 0; data that does not suit gets null (then the dense kernels serve)', () => {
    const x = pixels(10, 8, 7);
    x.fill(0, 0, 8); // row 0: no nonzeros
    const k = createCsrRowsKernel(x, 10, 8, 10)!;
    const out = new Float64Array(10);
    k.dots(0, all(10), 0, 10, out);
    expect(Array.from(out)).to.deep.equal(new Array(10).fill(0));
    const many = Float64Array.from({ length: 2000 }, (_, i) => (i % 5 === 0 ? i / 7 : 0)); // 400 distinct values
    expect(createCsrRowsKernel(many, 20, 100, 20)).to.equal(null);
    const dense = Float64Array.from({ length: 400 }, (_, i) => 1 + (i % 3));
    expect(createCsrRowsKernel(dense, 20, 20, 20)).to.equal(null);
    expect(shareCsrRows(dense, 20, 20, 20)).to.equal(null);
  });
});
