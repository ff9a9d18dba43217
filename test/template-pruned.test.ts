import { expect } from 'chai';
import { loadMnistSync, TemplateMatcher } from '../src/index.js';
import { prepareRows, scan, shiftList } from '../src/template/correlate.js';
import { buildBoundIndex } from '../src/neighbors/bounded-search.js';
import { prunedTopMatches, referenceRows } from '../src/template/pruned-matches.js';

describe('TemplateMatcher: the pruned search of large reference sets', () => {
  const train = loadMnistSync({ split: 'train', limit: 1500 });
  const test = loadMnistSync({ split: 'test', limit: 60 }).features;
  const d = 784;
  const refs = prepareRows(train.features.data, 1500, d);
  const rows = referenceRows(refs, 1500, d);
  const index = buildBoundIndex(rows);

  for (const [k, maxShift] of [[1, 0], [3, 1], [5, 2]]) {
    it(`finds the full scan's k best references, correlations and shifts (k = ${k}, maxShift = ${maxShift})`, () => {
      const input = {
        queries: test.data, nQueries: test.rows, refs, nRefs: 1500, d, refClass: train.labels, nClasses: 10, k,
        shifts: shiftList(maxShift), width: 28, height: 28,
      };
      const want = scan(input);
      const got = prunedTopMatches(input, rows, index);
      expect(Array.from(got.topIndex)).to.deep.equal(Array.from(want.topIndex));
      expect(Array.from(got.topCorr)).to.deep.equal(Array.from(want.topCorr));
      expect(Array.from(got.topShift)).to.deep.equal(Array.from(want.topShift));
    });
  }

  it('is what predict and bestMatch use from 4,096 references and 200 queries on, with the same answers', function () {
    this.timeout(60000);
    const big = loadMnistSync({ split: 'train', limit: 4096 });
    const queries = loadMnistSync({ split: 'test', limit: 200 }).features;
    const tm = new TemplateMatcher({ mode: 'all', k: 3 }).fit(big.features, big.labels);
    const all = scan({
      queries: queries.data, nQueries: 200, refs: prepareRows(big.features.data, 4096, d), nRefs: 4096, d, refClass: big.labels,
      nClasses: 10, k: 3, shifts: shiftList(0), width: 28, height: 28,
    });
    const matches = tm.bestMatch(queries);
    expect(matches.map((m) => m.index)).to.deep.equal(Array.from({ length: 200 }, (_, i) => all.topIndex[3 * i]));
    expect(matches.map((m) => m.correlation)).to.deep.equal(Array.from({ length: 200 }, (_, i) => all.topCorr[3 * i]));
    // Once built, the index serves small calls too.
    expect(tm.bestMatch(queries.selectRows([4]))[0]).to.deep.equal(matches[4]);
  });
});
