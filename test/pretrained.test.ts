/**
 * The model that ships with the package (models/mnist-hog-pca-svc.dkm): the
 * file is the one its record describes, it loads in Node (synchronously) and
 * in a browser-like runtime (fetch), it is what readDigits and `digitkit
 * predict` use without a model, and it reaches the accuracy the issue asks
 * for on the MNIST test set (skipped without MNIST).
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_MIN_CONFIDENCE,
  DatasetError,
  Pipeline,
  SVC,
  errorRejectCurve,
  loadMnistSync,
  loadPretrainedModel,
  predictWithConfidence,
  pretrainedModel,
  readDigits,
  type Classifier,
} from '../src/index.js';
import { pretrainedFromBytes } from '../src/pretrained/pretrained-model.js';
import { blankInk, drawDigit, inkToPng } from './helpers/render-digits.js';

const root = new URL('../', import.meta.url);
const file = new URL('models/mnist-hog-pca-svc.dkm', root);
const record = JSON.parse(readFileSync(new URL('models/mnist-hog-pca-svc.json', root), 'utf8'));

describe('the shipped model (models/mnist-hog-pca-svc.dkm)', function () {
  this.timeout(120_000);

  it('is the file its record describes (size and SHA-256), under 3 MB', () => {
    const bytes = readFileSync(file);
    expect(bytes.length).to.equal(record.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).to.equal(record.sha256);
    expect(bytes.length).to.be.below(3 * 1024 * 1024);
  });

  it('loads once in Node, synchronously and asynchronously: a pipeline ending in an SVC with probabilities', async () => {
    const model = pretrainedModel();
    expect(model).to.be.instanceOf(Pipeline);
    expect(await loadPretrainedModel()).to.equal(model); // shared
    expect((model as Pipeline).nFeaturesIn).to.equal(784);
    expect(Array.from(model.classes)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const svc = (model as Pipeline).classifier as SVC;
    expect(svc).to.be.instanceOf(SVC);
    expect(svc.getParams()).to.include({ C: record.recipe.svc.C, gamma: record.recipe.svc.gamma, probability: true });
    expect(svc.supportVectors.rows).to.equal(record.svc.supportVectors);
  });

  it('is what readDigits uses when no model is given', () => {
    const model = pretrainedModel();
    // A 7 drawn as two strokes, enlarged 3×, dark on white.
    const seven = new Float64Array(784);
    for (let x = 6; x < 22; x++) for (let t = 0; t < 2; t++) seven[(5 + t) * 28 + x] = 1;
    for (let k = 0; k < 17; k++) for (let t = 0; t < 2; t++) seven[(7 + k) * 28 + Math.round(20 - k * 0.55) + t] = 1;
    const ink = blankInk(110, 100);
    drawDigit(ink, Array.from(seven, (v) => v * 255), 10, 5, 3);
    const png = inkToPng(ink, 'grey8');
    const withDefault = readDigits(png);
    const withModel = readDigits(png, model);
    expect(withDefault).to.deep.equal(withModel);
    expect(withDefault.text).to.equal('7');
  });

  it('refuses a damaged file with a message that says to reinstall', () => {
    const bytes = new Uint8Array(readFileSync(file));
    bytes[bytes.length - 100] ^= 0x10;
    expect(() => pretrainedFromBytes(bytes, 'pretrainedModel')).to.throw(Error, /^pretrainedModel: the shipped model file mnist-hog-pca-svc\.dkm cannot be read \(.*is corrupt.*\); reinstall digitkit$/);
    expect(() => pretrainedFromBytes(bytes.subarray(0, 1000), 'loadPretrainedModel')).to.throw(Error, /truncated/);
  });

  it('loads in a runtime without Node files (digitkit/browser) by fetching it, from a URL given or a bad one refused', async () => {
    const served = readFileSync(file);
    const server = createServer((req, res) => {
      if (req.url === '/m.dkm') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(served);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // A fresh process importing only the browser entry: no synchronous reader is registered.
      const script = `
        import { loadPretrainedModel, readDigits } from ${JSON.stringify(fileURLToPath(new URL('src/browser.ts', root)))};
        const out = {};
        try { readDigits(new Uint8Array(8)); } catch (e) { out.before = e.message; }
        try { await loadPretrainedModel({ url: '${base}/missing.dkm' }); } catch (e) { out.missing = e.message; }
        const m = await loadPretrainedModel({ url: '${base}/m.dkm' });
        out.features = m.nFeaturesIn;
        out.same = (await loadPretrainedModel()) === m;
        console.log(JSON.stringify(out));`;
      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(root) }));
      expect(out.before).to.match(/^readDigits: no model was given and the shipped model is not loaded; in a browser, call 'await loadPretrainedModel\(\)' once first/);
      expect(out.missing).to.match(/^loadPretrainedModel: cannot fetch the shipped model from http:\/\/127\.0\.0\.1:\d+\/missing\.dkm: HTTP 404/);
      expect(out.features).to.equal(784);
      expect(out.same).to.equal(true);
    } finally {
      server.close();
    }
  });

  it('refuses bad options', async () => {
    for (const bad of [null, 3, 'x'] as unknown[]) {
      let message = '';
      await loadPretrainedModel(bad as object).catch((e: Error) => (message = e.message));
      expect(message).to.match(/^loadPretrainedModel: argument 'options' must be an object/);
    }
    let message = '';
    await loadPretrainedModel({ url: 42 as unknown as string }).catch((e: Error) => (message = e.message));
    expect(message).to.equal("loadPretrainedModel: option 'url' must be a string or a URL, got 42");
  });

  it('reads the MNIST test set at the accuracy and reject rate its record gives (at least 99.3%; at most 0.2% error with at most 2% rejected)', function () {
    let test;
    try {
      test = loadMnistSync({ split: 'test' });
    } catch (e) {
      if (e instanceof DatasetError) this.skip(); // no MNIST here (a fresh clone without ../shared)
      throw e;
    }
    const model: Classifier = pretrainedModel();
    const t0 = performance.now();
    const { labels, proba } = predictWithConfidence(model, test.features);
    const seconds = (performance.now() - t0) / 1000;
    let right = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === test.labels[i]) right++;
    const probability = Float64Array.from(labels, (_, i) => proba!.get(i, labels[i]));
    const at = errorRejectCurve(test.labels, labels, probability).find((p) => p.threshold >= DEFAULT_MIN_CONFIDENCE)!;
    console.log(`      ${right}/10000 right; at minConfidence ${DEFAULT_MIN_CONFIDENCE}: ${(at.rejected * 100).toFixed(2)}% rejected, ${(at.error * 100).toFixed(3)}% error among the rest (${seconds.toFixed(1)} s)`);
    expect(right / 10000).to.equal(record.testSet.accuracy);
    expect(right).to.be.at.least(9930);
    expect(at.error).to.be.at.most(0.002);
    expect(at.rejected).to.be.at.most(0.02);
  });
});
