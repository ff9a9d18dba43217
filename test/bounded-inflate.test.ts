/**
 * Decompression against what the data declares (hostile-input audit cases 2,
 * 5, 6 and 7): bombs are refused within a second and a few megabytes, each
 * measured in a fresh process (peak resident memory before and after), and
 * browser-side gzip checks its CRC-32 and length.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DatasetError, encodeIdxLabels, gunzip, parseIdxLabels } from '../src/index.js';

const probe = fileURLToPath(new URL('./helpers/bomb-probe.ts', import.meta.url));
const run = (kind: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', probe, kind], { encoding: 'utf8' })) as { ms: number; peakGrowthMB: number; error: string };

describe('bombs are refused within 1 s and 100 MB (a fresh process each)', function () {
  this.timeout(60000);
  const cases: [string, string, RegExp][] = [
    ['png', '2: a 1×1 PNG whose image data inflates to 256 MB', /^readPng: the data is not a valid PNG \(the image data holds more than the 2 bytes expected/],
    ['idx', '6/7: a gzip IDX file declaring one image that inflates to 256 MB', /IDX file has trailing bytes: expected 800 bytes .* got more once decompressed/],
    ['mnist-gz', '7: a local MNIST .gz of 1.7 MB that inflates to 256 MB', /^loadMnistSync: .*t10k-images-idx3-ubyte\.gz: the gzip data inflates to more than 7840016 bytes/],
    ['download-endless', '5: a download that never ends', /the response passed 47040016 bytes, the size of this file, and was stopped/],
    ['download-bomb', '5: a downloaded gzip bomb', /the gzip data inflates to more than 47040016 bytes/],
  ];
  for (const [kind, what, message] of cases) {
    it(what, () => {
      const r = run(kind);
      expect(r.error).to.match(message);
      expect(r.ms, 'milliseconds').to.be.below(1000);
      expect(r.peakGrowthMB, 'MB of peak memory above the baseline').to.be.below(100);
    });
  }
});

describe('gzip in pure TypeScript (the browser-facing parsers): checksums and lengths', () => {
  const labels = encodeIdxLabels([3, 1, 4, 1, 5, 9, 2, 6]);
  const gz = () => new Uint8Array(gzipSync(labels));

  it('reads a good file', () => {
    expect(Array.from(parseIdxLabels(gz()))).to.deep.equal([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(Array.from(gunzip(gz()))).to.deep.equal(Array.from(labels));
  });

  it('refuses a wrong CRC-32 or length in the trailer, which used to give wrong labels silently', () => {
    const badCrc = gz();
    badCrc[badCrc.length - 8] ^= 1;
    expect(() => parseIdxLabels(badCrc, { source: 'l.gz' })).to.throw(DatasetError, /^l\.gz: corrupt gzip data \(CRC-32 0x[0-9a-f]{8}, expected 0x[0-9a-f]{8}\)$/);
    const badLength = gz();
    badLength[badLength.length - 4] ^= 1;
    expect(() => parseIdxLabels(badLength, { source: 'l.gz' })).to.throw(DatasetError, /corrupt gzip data \(16 bytes inflated, the gzip trailer says 17\)/);
    expect(() => gunzip(badLength, 'l.gz')).to.throw(DatasetError, /corrupt gzip data/);
  });

  it('refuses a damaged stream whose content changed but still inflates', () => {
    // Store the data uncompressed (level 0) so that a flipped byte inflates to wrong labels: only the CRC can tell.
    const stored = new Uint8Array(gzipSync(labels, { level: 0 }));
    stored[stored.length - 10] ^= 4;
    expect(() => parseIdxLabels(stored, { source: 'l.gz' })).to.throw(DatasetError, /CRC-32/);
  });

  it('refuses gzip data that inflates beyond what its trailer declares', () => {
    const lying = gz();
    new DataView(lying.buffer).setUint32(lying.length - 4, 5, true);
    expect(() => gunzip(lying, 'l.gz')).to.throw(DatasetError, /^l\.gz: corrupt gzip data \(it inflates to more than the 5 bytes its trailer declares\)$/);
  });
});
