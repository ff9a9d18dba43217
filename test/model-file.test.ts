/**
 * The binary model file (modelToBytes / modelFromBytes, saveModelFile /
 * loadModelFile): round trips give the predictions of the JSON round trip, and
 * every kind of damage is refused with a message saying what was expected.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DatasetError,
  Deskew,
  HOG,
  KNeighborsClassifier,
  MODEL_FILE_MAGIC,
  NotFittedError,
  SVC,
  TemplateMatcher,
  isModelFile,
  loadDigits,
  loadMnistSync,
  loadModel,
  loadModelFile,
  makePipeline,
  modelFileFormat,
  modelFromBytes,
  modelToBytes,
  saveModelFile,
  type Classifier,
} from '../src/index.js';
import { CHOSEN_HOG, featureSteps } from '../src/transformers/feature-setting.js';
import { checksum32 } from '../src/persistence/checksum.js';
import { editHeader } from './helpers/model-file-header.js';

const digits = loadDigits();
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const X = digits.data.selectRows(rows(0, 600));
const y = digits.target.slice(0, 600);
const Xq = digits.data.selectRows(rows(1000, 300));
const viaJSON = (m: Classifier) => loadModel(JSON.parse(JSON.stringify(m.toJSON()))) as Classifier;
const viaBytes = (m: Classifier) => modelFromBytes(modelToBytes(m)) as Classifier;

/** Every 8×8-digits model kind, fitted. */
function models(): [string, Classifier][] {
  return [
    ['SVC', new SVC({ gamma: 0.001 }).fit(X, y)],
    ['k-NN', new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y)],
    ['k-NN cosine', new KNeighborsClassifier({ nNeighbors: 5, metric: 'cosine', weights: 'distance' }).fit(X, y)],
    ['TemplateMatcher all', new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }).fit(X, y)],
    ['TemplateMatcher mean', new TemplateMatcher().fit(X, y)],
    ['Deskew + HOG + k-NN', makePipeline(new Deskew(), new HOG({ pixelsPerCell: [2, 2], cellsPerBlock: [2, 2] }), new KNeighborsClassifier({ nNeighbors: 3 })).fit(X, y)],
  ];
}

describe('binary model file: round trips', () => {
  it('gives the predictions of the model and of its JSON round trip, for every kind of model', () => {
    for (const [name, m] of models()) {
      const expected = Array.from(m.predict(Xq));
      expect(Array.from(viaJSON(m).predict(Xq)), `${name} via JSON`).to.deep.equal(expected);
      const back = viaBytes(m);
      expect(back.constructor, name).to.equal(m.constructor);
      expect(Array.from(back.predict(Xq)), `${name} via the binary file`).to.deep.equal(expected);
      expect(back.getParams(), name).to.deep.equal(m.getParams());
    }
  });

  it("keeps the SVC's decision values and TemplateMatcher's probabilities bit for bit", () => {
    const svc = new SVC({ gamma: 'scale', decisionFunctionShape: 'ovo' }).fit(X, y);
    expect(Array.from((viaBytes(svc) as SVC).decisionFunction(Xq).data)).to.deep.equal(Array.from(svc.decisionFunction(Xq).data));
    const tm = new TemplateMatcher({ mode: 'all', k: 3 }).fit(X, y);
    expect(Array.from((viaBytes(tm) as TemplateMatcher).predictProba(Xq).data)).to.deep.equal(Array.from(tm.predictProba(Xq).data));
  });

  it('stores the large arrays as blobs, not in the header, and an unfitted model as unfitted', () => {
    const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
    const bytes = modelToBytes(knn);
    expect(isModelFile(bytes)).to.equal(true);
    expect(Array.from(bytes.subarray(0, 8))).to.deep.equal(Array.from(MODEL_FILE_MAGIC));
    // 600 × 64 doubles and 600 class indices, each blob 8-byte aligned, plus a header of under 1 KB.
    expect(bytes.length).to.be.within(600 * 64 * 8 + 600 * 4, 600 * 64 * 8 + 600 * 4 + 1024);
    const back = modelFromBytes(modelToBytes(new SVC({ C: 3 }))) as SVC;
    expect(back.C).to.equal(3);
    expect(() => back.predict(Xq)).to.throw(NotFittedError);
  });

  it('reads bytes that do not start on an 8-byte boundary', () => {
    const bytes = modelToBytes(new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y));
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const back = modelFromBytes(shifted.subarray(3)) as Classifier;
    expect(Array.from(back.predict(Xq))).to.deep.equal(Array.from(new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y).predict(Xq)));
  });

  it('modelToBytes refuses what is not a model', () => {
    expect(() => modelToBytes({} as never)).to.throw(TypeError, /^modelToBytes: argument 'model' must be a digitkit model \(with toJSON\(\)\), got an object/);
    const odd = { toJSON: () => ({ name: 'X', version: 1, data: new Float32Array(3) }), getParams: () => ({}) };
    expect(() => modelToBytes(odd)).to.throw(TypeError, /^modelToBytes: field 'data' of the model is a Float32Array of length 3; expected plain values, Float64Array or Int32Array/);
  });
});

describe('binary model file: damaged files', () => {
  const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
  const good = modelToBytes(knn);
  const headerLength = new DataView(good.buffer).getUint32(12, true);
  const dataStart = Math.ceil((20 + headerLength) / 8) * 8;
  const copy = () => good.slice();

  it('refuses bytes that are not a model file, naming what they start with', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
    expect(() => modelFromBytes(png)).to.throw(TypeError, /^modelFromBytes: argument 'bytes' is not a digitkit model file: expected it to start with 89 44 4b 4d 0d 0a 1a 0a, got 10 bytes starting 89 50 4e 47 0d 0a 1a 0a$/);
    expect(() => modelFromBytes(new Uint8Array(0))).to.throw(TypeError, /got 0 bytes starting \(nothing\)/);
    expect(() => modelFromBytes('model' as never)).to.throw(TypeError, /must be a Uint8Array of a binary model file, got "model"/);
  });

  it('refuses another format version, in the prefix or in the header', () => {
    const v2 = copy();
    new DataView(v2.buffer).setUint32(8, 2, true);
    expect(() => modelFromBytes(v2)).to.throw(RangeError, /^modelFromBytes: argument 'bytes' is a digitkit model file of format version 2; expected version 1 \(it was written by another digitkit version\)$/);
    const tagged = editHeader(copy(), (h) => (h.format = 'other-model'));
    expect(() => modelFromBytes(tagged)).to.throw(RangeError, /is corrupt: its header must be tagged format 'digitkit-model', version 1, got format "other-model", version 1/);
  });

  it('refuses a truncated file wherever it was cut', () => {
    for (const cut of [10, 20 + 5, dataStart, dataStart + 100, good.length - 1]) {
      expect(() => modelFromBytes(good.subarray(0, cut)), `cut at ${cut}`).to.throw(RangeError, /^modelFromBytes: argument 'bytes' is truncated: expected \d+ bytes, got \d+$/);
    }
    expect(() => modelFromBytes(good.subarray(0, good.length - 1))).to.throw(RangeError, new RegExp(`expected ${good.length} bytes, got ${good.length - 1}$`));
  });

  it('refuses bytes after the end, a damaged header and a damaged blob, naming the blob', () => {
    const longer = new Uint8Array(good.length + 8);
    longer.set(good);
    expect(() => modelFromBytes(longer)).to.throw(RangeError, new RegExp(`is corrupt: expected ${good.length} bytes, got ${good.length + 8} \\(8 after the end\\)`));
    const header = copy();
    header[25] ^= 0x04;
    expect(() => modelFromBytes(header)).to.throw(RangeError, /is corrupt: the header's checksum is 0x[0-9a-f]{8}, expected 0x[0-9a-f]{8}$/);
    const blob = copy();
    blob[dataStart + 2400 + 1234] ^= 0x01; // blob 0 is yIndex (600 int32s), blob 1 the training rows
    expect(() => modelFromBytes(blob)).to.throw(RangeError, /is corrupt: blob 1 \('state\.fitX\.data', 307200 bytes\) has checksum 0x[0-9a-f]{8}, expected 0x[0-9a-f]{8}$/);
  });

  it('refuses a header whose blobs do not fit the data or are not used once each', () => {
    const outside = editHeader(copy(), (h) => (h.blobs[0].offset = h.dataSize));
    expect(() => modelFromBytes(outside)).to.throw(RangeError, /is corrupt: blob 0 \('state\.yIndex'\) must lie in the 309600 bytes of data at a multiple of 8, got 2400 bytes at 309600$/);
    const twice = editHeader(copy(), (h) => (h.model.state.yIndex = { $blob: 1 }));
    expect(() => modelFromBytes(twice)).to.throw(RangeError, /is corrupt: its header refers to blob 1; expected each of blobs 0\.\.1 once/);
    const badType = editHeader(copy(), (h) => (h.blobs[0].type = 'float8'));
    expect(() => modelFromBytes(badType)).to.throw(RangeError, /is corrupt: blob 0 must be \{ path, type: 'float64' \| 'int32' \| 'float32' \| 'float16', offset, length, checksum \}/);
  });

  it("passes on the model's own errors: an unknown model, a field of the wrong size", () => {
    const unknown = editHeader(copy(), (h) => (h.model.name = 'Perceptron'));
    expect(() => modelFromBytes(unknown)).to.throw(TypeError, /^loadModel: unknown model name 'Perceptron'/);
    const rowsOff = editHeader(copy(), (h) => (h.model.state.fitX.rows = 599));
    expect(() => modelFromBytes(rowsOff)).to.throw(TypeError, /KNeighborsClassifier\.fromJSON: field 'state\.fitX\.data' must be an array of 38336 finite numbers, got a Float64Array of length 38400/);
    const nan = copy();
    new Float64Array(nan.buffer, dataStart + 2400, 1)[0] = NaN;
    const fixed = editHeader(nan, (h) => (h.blobs[1].checksum = checksum32(new Uint8Array(nan.buffer, dataStart + 2400, 600 * 64 * 8))));
    expect(() => modelFromBytes(fixed)).to.throw(TypeError, /field 'state\.fitX\.data\[0\]' must be a finite number, got NaN/);
  });
});

describe('saveModelFile / loadModelFile', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'digitkit-model-file-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes JSON for .json and the binary file otherwise; loadModelFile reads either by its content', () => {
    const m = makePipeline(new Deskew(), new KNeighborsClassifier({ nNeighbors: 3 })).fit(X, y);
    const expected = Array.from(m.predict(Xq));
    expect(modelFileFormat('a/Model.JSON')).to.equal('json');
    expect(modelFileFormat('model.dkm')).to.equal('binary');
    const json = saveModelFile(m, join(dir, 'm.json'));
    expect(json.format).to.equal('json');
    expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')).name).to.equal('Pipeline');
    expect(saveModelFile(m, join(dir, 'm.dkm')).format).to.equal('binary');
    expect(saveModelFile(m, join(dir, 'm.bin'), { format: 'json' }).format).to.equal('json');
    expect(isModelFile(readFileSync(join(dir, 'm.dkm')))).to.equal(true);
    for (const f of ['m.json', 'm.dkm', 'm.bin']) {
      expect(Array.from((loadModelFile(join(dir, f)) as Classifier).predict(Xq)), f).to.deep.equal(expected);
    }
    writeFileSync(join(dir, 'renamed.json'), readFileSync(join(dir, 'm.dkm'))); // the content decides, not the name
    expect(Array.from((loadModelFile(join(dir, 'renamed.json')) as Classifier).predict(Xq))).to.deep.equal(expected);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('refuses a missing file, a folder, a file that is neither kind, bad JSON, and bad arguments', () => {
    const path = (f: string) => join(dir, f);
    expect(() => loadModelFile(path('missing.dkm'))).to.throw(Error, /^loadModelFile: cannot read the file .*missing\.dkm: no such file$/);
    expect(() => loadModelFile(dir)).to.throw(Error, /^loadModelFile: cannot read the file .*: it is a folder$/);
    writeFileSync(path('gif.dkm'), 'GIF89a…');
    expect(() => loadModelFile(path('gif.dkm'))).to.throw(TypeError, /^loadModelFile: the file .*gif\.dkm is not a digitkit model: expected a binary model file \(starting 89 44 4b 4d 0d 0a 1a 0a\) or a model's JSON \(starting '\{'\), got 9 bytes starting 47 49 46 38 39 61 e2 80$/);
    writeFileSync(path('empty.dkm'), '');
    expect(() => loadModelFile(path('empty.dkm'))).to.throw(TypeError, /got 0 bytes$/);
    writeFileSync(path('cut.json'), '{"name": "SVC", "vers');
    expect(() => loadModelFile(path('cut.json'))).to.throw(TypeError, /^loadModelFile: the file .*cut\.json is not a digitkit model: expected a model's JSON, got text that is not valid JSON/);
    writeFileSync(path('v9.json'), JSON.stringify({ ...new SVC().toJSON(), version: 9 }));
    expect(() => loadModelFile(path('v9.json'))).to.throw(RangeError, /SVC model format version must be 1, got 9/);
    const bytes = modelToBytes(new SVC().fit(X, y));
    writeFileSync(path('cut.dkm'), bytes.subarray(0, bytes.length - 100));
    expect(() => loadModelFile(path('cut.dkm'))).to.throw(RangeError, new RegExp(`^loadModelFile: the file .*cut\\.dkm is truncated: expected ${bytes.length} bytes, got ${bytes.length - 100}$`));
    expect(() => saveModelFile(new SVC(), path('x.dkm'), { format: 'yaml' as never })).to.throw(TypeError, /^saveModelFile: option 'format' must be 'binary' or 'json', got "yaml"/);
    expect(() => saveModelFile({} as never, path('x.dkm'))).to.throw(TypeError, /^saveModelFile: argument 'model' must be a digitkit model/);
    expect(() => saveModelFile(new SVC(), path('no-such-folder/x.dkm'))).to.throw(Error, /ENOENT/);
    expect(existsSync(path('x.dkm'))).to.equal(false);
  });
});

describe('binary model file: the best MNIST model on a small MNIST subset', function () {
  this.timeout(120000);
  it('k-NN on Deskew + Blur + HOG: the JSON and the file round trips give identical predictions', function () {
    let train;
    let valid;
    try {
      train = loadMnistSync({ split: 'train', limit: 2000 });
      valid = loadMnistSync({ split: 'validation', limit: 500 });
    } catch (e) {
      if (e instanceof DatasetError) this.skip(); // no MNIST here
      throw e;
    }
    const m = makePipeline(...featureSteps(CHOSEN_HOG), new KNeighborsClassifier({ nNeighbors: 3 })).fit(train.features, train.labels);
    const expected = Array.from(m.predict(valid.features));
    expect(Array.from(viaJSON(m).predict(valid.features))).to.deep.equal(expected);
    expect(Array.from(viaBytes(m).predict(valid.features))).to.deep.equal(expected);
    const right = expected.filter((p, i) => p === valid.labels[i]).length;
    expect(right / expected.length).to.be.greaterThan(0.9); // a real model, not a constant
  });
});
