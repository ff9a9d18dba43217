import { expect } from 'chai';
import { RandomState } from '../src/core/random.js';
import { KernelRowCache, RowSlab } from '../src/svm/cache.js';

describe('kernel-row cache memory', () => {
  it('RowSlab: first fit, pieces given back merge with their free neighbours', () => {
    const s = new RowSlab(100);
    expect([s.take(30), s.take(30), s.take(30)]).to.deep.equal([0, 30, 60]);
    expect(s.take(11)).to.equal(-1); // 10 left
    s.give(30, 30);
    expect(s.take(31)).to.equal(-1);
    s.give(0, 30); // merges with [30, 60)
    expect(s.take(60)).to.equal(0);
    s.give(0, 60);
    s.give(60, 30); // everything free again, one piece
    expect(s.take(100)).to.equal(0);
    s.clear();
    expect(s.take(100)).to.equal(0);
  });

  it('rows keep their values while cached (through evictions in a budget of 8 rows), and the slab is reused by the next problem of the same size', () => {
    const l = 50;
    const budget = 4 * 400; // 400 floats: 8 full rows
    const cache = new KernelRowCache(l, budget);
    const rng = new RandomState(3);
    const value = (i: number, j: number) => i * 1000 + j;
    for (let step = 0; step < 2000; step++) {
      const i = Math.floor(rng.random() * l);
      const len = 1 + Math.floor(rng.random() * l);
      const { row, start } = cache.get(i, len);
      expect(row.length).to.be.at.least(len);
      // Entries before `start` were kept from before: they must hold row i's values.
      for (let j = 0; j < start; j++) expect(row[j]).to.equal(value(i, j));
      for (let j = start; j < len; j++) row[j] = value(i, j);
    }
    const next = new KernelRowCache(l, budget, cache.memory);
    expect(next.memory).to.equal(cache.memory);
    expect(next.get(0, l).start).to.equal(0); // nothing carried over
    expect(new KernelRowCache(l, 2 * budget, cache.memory).memory).to.not.equal(cache.memory);
  });
});
