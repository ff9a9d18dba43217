/**
 * `digitkit predict`: PNG files in, digits out, with a model trained on MNIST
 * and one trained on the 8×8 digits; --json, --explain, and every bad input.
 * The pictures are drawn here from MNIST test digits (none is committed).
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode } from 'fast-png';
import jpeg from 'jpeg-js';
import { KNeighborsClassifier, SVC, loadDigits, loadMnistSync, modelToBytes, saveModelFile } from '../src/index.js';
import { cli, mainCapturing } from './helpers/cli.js';

/** Test digits side by side, dark ink on white paper, each scaled ×2, with gaps between them. */
function strip(indices: number[]): Uint8Array {
  const test = loadMnistSync({ split: 'test', limit: Math.max(...indices) + 1 }).images;
  const scale = 2;
  const cell = 28 * scale;
  const gap = 10;
  const width = indices.length * (cell + gap) + gap;
  const height = cell + 2 * gap;
  const data = new Uint8Array(width * height).fill(255);
  indices.forEach((index, k) => {
    const image = test.image(index);
    for (let y = 0; y < cell; y++) {
      for (let x = 0; x < cell; x++) {
        data[(gap + y) * width + gap + k * (cell + gap) + x] = 255 - image[Math.floor(y / scale) * 28 + Math.floor(x / scale)];
      }
    }
  });
  return encode({ width, height, data, channels: 1, depth: 8 });
}

describe('digitkit predict', function () {
  this.timeout(60000);
  let tmp = '';
  let mnistModel = '';
  let digitsModel = '';
  let png = '';
  let labels = '';

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'digitkit-predict-'));
    const train = loadMnistSync({ split: 'train', limit: 5000 });
    mnistModel = join(tmp, 'mnist.json');
    writeFileSync(mnistModel, JSON.stringify(new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels).toJSON()));
    const digits = loadDigits();
    digitsModel = join(tmp, 'digits.json');
    writeFileSync(digitsModel, JSON.stringify(new SVC({ gamma: 0.001 }).fit(digits.data, digits.target).toJSON()));
    const picked = [0, 1, 2, 3];
    labels = Array.from(loadMnistSync({ split: 'test', limit: 4 }).labels).join('');
    png = join(tmp, 'four-digits.png');
    writeFileSync(png, strip(picked));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads with the shipped model when no --model is given', async () => {
    const { code, stdout, stderr } = await cli(['predict', '--json', png]);
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    const [result] = JSON.parse(stdout);
    expect(result.text).to.equal(labels);
    expect(result.digits.every((d: { probability: number }) => d.probability > 0.5)).to.equal(true);
    expect((await cli(['predict'])).stderr).to.match(/^digitkit: predict: missing the pictures to read/);
  });

  it('reads a strip of MNIST test digits with an MNIST model, one line per file', async () => {
    const { code, stdout, stderr } = await cli(['predict', '--model', mnistModel, png]);
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(stdout).to.match(new RegExp(`^${png.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${labels}  \\(probability( [01]\\.\\d\\d){4}\\)\\n$`));
  });

  it('reads the same digits with the same model saved as a binary model file', async () => {
    const binary = join(tmp, 'mnist.dkm');
    const train = loadMnistSync({ split: 'train', limit: 5000 });
    saveModelFile(new KNeighborsClassifier({ nNeighbors: 3 }).fit(train.features, train.labels), binary);
    const fromJson = await mainCapturing(['predict', '--model', mnistModel, '--json', png]);
    const fromBinary = await mainCapturing(['predict', '--model', binary, '--json', png]);
    expect(fromBinary.code).to.equal(0);
    expect(JSON.parse(fromBinary.stdout)[0].text).to.equal(labels);
    expect(fromBinary.stdout).to.equal(fromJson.stdout);
  });

  it('reads the same picture with a model trained on the 8×8 digits (four digits found)', async () => {
    const { code, stdout } = await mainCapturing(['predict', '--model', digitsModel, png]);
    expect(code).to.equal(0);
    expect(stdout).to.match(/: \d{4}  \(confidence/);
  });

  it('--json gives each file\'s text and digits with confidence and box; --explain draws the picture, enlarged', async () => {
    const drawn = join(tmp, 'found.png');
    const { code, stdout } = await mainCapturing(['predict', '-m', mnistModel, '--json', '--explain', drawn, png]);
    expect(code).to.equal(0);
    const [one] = JSON.parse(stdout) as { file: string; text: string; digits: { digit: number; confidence: number; box: { x: number; y: number; width: number; height: number } }[] }[];
    expect(one.file).to.equal(png);
    expect(one.text).to.equal(labels);
    expect(one.digits.map((d) => d.digit).join('')).to.equal(labels);
    for (const d of one.digits) {
      expect(d.confidence).to.be.within(0, 1);
      expect(d.box.width).to.be.above(10);
    }
    // Left to right.
    expect(one.digits.map((d) => d.box.x)).to.deep.equal([...one.digits.map((d) => d.box.x)].sort((a, b) => a - b));
    // The picture, enlarged by a whole factor, with room for the labels above it.
    const picture = decode(readFileSync(drawn));
    const input = decode(readFileSync(png));
    const scale = picture.width / input.width;
    expect(Number.isInteger(scale) && scale >= 1).to.equal(true);
    expect(picture.height).to.be.within(input.height * scale, input.height * scale + 60);
  });

  it('several files: --explain is a folder; a bad file fails alone with exit code 1', async () => {
    const blank = join(tmp, 'blank.png');
    writeFileSync(blank, encode({ width: 40, height: 30, data: new Uint8Array(1200).fill(255), channels: 1, depth: 8 }));
    const { code, stdout, stderr } = await mainCapturing(['predict', '--model', mnistModel, '--explain', tmp, png, blank]);
    expect(code).to.equal(1);
    expect(stdout).to.match(new RegExp(`: ${labels}  \\(probability .*; drawn in .*four-digits\\.explain\\.png`));
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/^digitkit: predict: .*blank\.png: .*ink/);
    expect(decode(readFileSync(join(tmp, 'four-digits.explain.png'))).width).to.be.above(0);
  });

  it('refuses bad input with one line and an exit code', async () => {
    const notPng = join(tmp, 'not.png');
    writeFileSync(notPng, 'hello, not a picture');
    const truncated = join(tmp, 'truncated.png');
    writeFileSync(truncated, readFileSync(png).subarray(0, 100));
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{ nope');
    const otherVersion = join(tmp, 'v99.json');
    writeFileSync(otherVersion, JSON.stringify({ ...JSON.parse(readFileSync(digitsModel, 'utf8')), version: 99 }));
    const notModelFile = join(tmp, 'not-model.dkm');
    writeFileSync(notModelFile, 'hello');
    const cutModel = join(tmp, 'cut.dkm');
    const bytes = modelToBytes(new SVC({ gamma: 0.001 }).fit(loadDigits().data, loadDigits().target));
    writeFileSync(cutModel, bytes.subarray(0, bytes.length - 8));
    const notModel = join(tmp, 'other.json');
    writeFileSync(notModel, JSON.stringify({ name: 'Perceptron', version: 1 }));
    const cases: [string[], number, RegExp][] = [
      [['predict', '--model', mnistModel], 2, /^digitkit: predict: missing the pictures to read, PNG or JPEG files or - for standard input/],
      [['predict', '--model', mnistModel, '--colour', png], 2, /unknown option '--colour'/],
      [['predict', '--model', join(tmp, 'missing.json'), png], 1, /cannot read the model file .*missing\.json: no such file/],
      [['predict', '--model', notJson, png], 1, /^digitkit: predict: the model file .*not\.json is not a digitkit model: expected a model's JSON, got text that is not valid JSON/],
      [['predict', '--model', notModelFile, png], 1, /^digitkit: predict: the model file .*not-model\.dkm is not a digitkit model: expected a binary model file \(starting 89 44 4b 4d 0d 0a 1a 0a\) or a model's JSON/],
      [['predict', '--model', cutModel, png], 1, /^digitkit: predict: the model file .*cut\.dkm is truncated: expected \d+ bytes, got \d+$/m],
      [['predict', '--model', otherVersion, png], 1, /v99\.json is not a digitkit model this version reads: .*version/],
      [['predict', '--model', notModel, png], 1, /other\.json is not a digitkit model this version reads: .*Perceptron/],
      [['predict', '--model', mnistModel, join(tmp, 'missing.png')], 1, /cannot read .*missing\.png: no such file/],
      [['predict', '--model', mnistModel, notPng], 1, /not\.png: .*PNG/],
      [['predict', '--model', mnistModel, truncated], 1, /truncated\.png: .*(truncated|valid PNG)/],
    ];
    for (const [args, want, message] of cases) {
      const { code, stderr } = await mainCapturing(args);
      expect(code, args.join(' ')).to.equal(want);
      expect(stderr.trim().split('\n'), args.join(' ')).to.have.length(1);
      expect(stderr, args.join(' ')).to.match(message);
    }
  });

  it('--min-confidence flags the digits under it with ?, and says what else they could be', async () => {
    const digits = loadDigits();
    const probabilityModel = join(tmp, 'digits-probability.json');
    writeFileSync(probabilityModel, JSON.stringify(new SVC({ gamma: 0.001, probability: true, randomState: 0 }).fit(digits.data, digits.target).toJSON()));
    // Every probability is under 1: all four digits are uncertain.
    const all = await mainCapturing(['predict', '--model', probabilityModel, '--min-confidence', '1', png]);
    expect(all.code).to.equal(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines[0]).to.match(/: \?\?\?\?  \(probability( 0\.\d\d){4}\)$/);
    expect(lines.slice(1)).to.have.length(4);
    for (const [k, line] of lines.slice(1).entries()) expect(line).to.match(new RegExp(`^  \\? digit ${k + 1}: (\\d \\(0\\.\\d\\d\\)( or )?){4}, under 1$`));
    const json = await mainCapturing(['predict', '--model', probabilityModel, '--min-confidence', '1', '--json', png]);
    const [one] = JSON.parse(json.stdout) as { text: string; digits: { digit: number; probability: number; confidence: number; uncertain: boolean; alternatives: { digit: number; probability: number }[] }[] }[];
    expect(one.text).to.equal('????');
    for (const d of one.digits) {
      expect(d.uncertain).to.equal(true);
      expect(d.probability).to.equal(d.confidence);
      expect(d.alternatives).to.have.length(3);
      expect(d.alternatives.map((a) => a.digit)).to.not.include(d.digit);
      const sum = d.probability + d.alternatives.reduce((s, a) => s + a.probability, 0);
      expect(sum).to.be.at.most(1 + 1e-9);
      // Most probable first. (The digit is the SVC's one-vs-one vote, as predict's, and may be less probable than one of them.)
      expect(d.alternatives.map((a) => a.probability)).to.deep.equal(d.alternatives.map((a) => a.probability).sort((a, b) => b - a));
    }
    // 0 flags none: the digits themselves.
    const none = await mainCapturing(['predict', '--model', probabilityModel, '--min-confidence', '0', '--json', png]);
    const [read] = JSON.parse(none.stdout) as { text: string; digits: { digit: number; uncertain: boolean }[] }[];
    expect(read.text).to.equal(read.digits.map((d) => d.digit).join(''));
    expect(read.digits.every((d) => !d.uncertain)).to.equal(true);
  });

  it('a model without probabilities: JSON gives probability null and no alternatives', async () => {
    const { code, stdout } = await mainCapturing(['predict', '--model', digitsModel, '--json', '--min-confidence', '0', png]);
    expect(code).to.equal(0);
    const [one] = JSON.parse(stdout) as { digits: { probability: number | null; alternatives: unknown[]; confidence: number }[] }[];
    for (const d of one.digits) {
      expect(d.probability).to.equal(null);
      expect(d.alternatives).to.deep.equal([]);
      expect(d.confidence).to.be.within(0, 1);
    }
  });

  it('refuses a --min-confidence that is no probability', async () => {
    for (const bad of ['2', '-0.1', 'abc', '', 'NaN']) {
      const { code, stderr } = await mainCapturing(['predict', '--model', mnistModel, `--min-confidence=${bad}`, png]);
      expect(code, bad).to.equal(2);
      expect(stderr, bad).to.match(/^digitkit: predict: --min-confidence must be a number in 0\.\.1, got '/);
    }
  });

  it('reads a JPEG as a PNG, and one picture from standard input with -', async () => {
    const jpegPath = join(tmp, 'four-digits.jpg');
    const picture = decode(readFileSync(png));
    const rgba = new Uint8Array(picture.width * picture.height * 4);
    for (let i = 0; i < picture.width * picture.height; i++) rgba.fill(picture.data[i], 4 * i, 4 * i + 3), (rgba[4 * i + 3] = 255);
    writeFileSync(jpegPath, jpeg.encode({ width: picture.width, height: picture.height, data: rgba }, 90).data);
    const { code, stdout } = await mainCapturing(['predict', '--model', mnistModel, '--json', jpegPath]);
    expect(code).to.equal(0);
    expect(JSON.parse(stdout)[0].text).to.equal(labels);
    const piped = await cli(['predict', '--model', mnistModel, '--min-confidence', '0', '-'], { input: readFileSync(png) });
    expect(piped.stderr).to.equal('');
    expect(piped.stdout).to.match(new RegExp(`^-: ${labels}  \\(probability`));
    const empty = await cli(['predict', '--model', mnistModel, '-'], { input: new Uint8Array(0) });
    expect(empty.code).to.equal(1);
    expect(empty.stderr).to.match(/^digitkit: predict: standard input is empty; expected the bytes of a PNG or JPEG file$/m);
    const twice = await mainCapturing(['predict', '--model', mnistModel, '-', '-']);
    expect(twice.code).to.equal(2);
    expect(twice.stderr).to.match(/'-' \(standard input\) can be given once, got it 2 times/);
    const gif = join(tmp, 'picture.gif');
    writeFileSync(gif, 'GIF89a\x01\x00\x01\x00');
    const named = await mainCapturing(['predict', '--model', mnistModel, gif]);
    expect(named.code).to.equal(1);
    expect(named.stderr).to.match(/picture\.gif: .*must be the bytes of a PNG or JPEG file, got a GIF image/);
  });

  it('--help describes the command', async () => {
    const { code, stdout } = await mainCapturing(['predict', '--help']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^usage: digitkit predict --model FILE/);
  });
});
