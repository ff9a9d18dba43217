import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decode } from 'fast-png';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const tsx = (script: string, args: string[]) => run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root });

// The full runs (60,000 → 10,000) take minutes; these check on a few images that the scripts run and report.
describe('examples/mnist-knn.ts, mnist-hog-select.ts, mnist-svc-hog-select.ts and mnist-calibration.ts, on small subsets', () => {
  let out = '';
  before(() => (out = mkdtempSync(join(tmpdir(), 'digitkit-mnist-example-'))));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('mnist-knn prints each model\'s accuracy and times, writes results.json and a gallery of errors', async function () {
    this.timeout(120000);
    const { stdout } = await tsx('examples/mnist-knn.ts', ['--train-size', '1500', '--test-size', '100', '--no-sklearn', '--jobs', '2', '--out', out]);
    expect(stdout).to.match(/^MNIST: 1500 training images, 100 test images, 2 threads$/m);
    for (const model of ['k-NN k=3, raw pixels', 'k-NN k=3, Deskew \\+ Blur\\(1\\) \\+ HOG', "TemplateMatcher 'mean'", "TemplateMatcher 'all', k=3, maxShift=1"]) {
      expect(stdout).to.match(new RegExp(`^${model}.* accuracy \\d+\\.\\d\\d% \\(\\d+ errors\\); fit \\d+\\.\\d\\d s, predict \\d+\\.\\d\\d s$`, 'm'));
    }
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.trainSize).to.equal(1500);
    expect(results.results).to.have.length(6);
    for (const r of results.results) expect(r.accuracy).to.be.within(0.6, 1);
    expect(results.results[0].errors).to.equal(Math.round((1 - results.results[0].accuracy) * 100));
    expect(decode(readFileSync(join(out, 'knn-hog-errors.png'))).width).to.be.above(100);
  });

  it('mnist-hog-select scores every candidate on the validation split and marks the chosen one', async function () {
    this.timeout(120000);
    const { stdout } = await tsx('examples/mnist-hog-select.ts', ['--train-size', '600', '--validation-size', '60', '--jobs', '1']);
    expect(stdout).to.include("MNIST: 600 training images ('train' split) → 60 validation images; k-NN, k=3");
    expect(stdout).to.match(/<- CHOSEN_HOG in src\/transformers\/feature-setting.ts$/m);
    expect(stdout.match(/^ {2}\d+\.\d\d% {2}/gm)).to.have.length.above(5);
  });

  it('mnist-svc-hog-select screens C and gamma on the validation split, then compares the best with k-NN', async function () {
    this.timeout(120000);
    const { stdout } = await tsx('examples/mnist-svc-hog-select.ts', ['--screen-size', '300', '--train-size', '400', '--validation-size', '500', '--jobs', '1']);
    expect(stdout).to.match(/^MNIST 'train' split → 500 validation images; features \d+\.\d s$/m);
    expect(stdout.match(/^ {2}C=\d+ gamma=\d\.\d+: \d+\.\d\d% \(\d+\), \d+ support vectors, fit \d+\.\d s$/gm)).to.have.length(8);
    expect(stdout).to.match(/^best: C=\d+ gamma=\d\.\d+/m);
    expect(stdout).to.match(/^ {2}SVC C=\d+ gamma=\d\.\d+: \d+\.\d\d% .*\n {2}k-NN k=3: \d+\.\d\d% /m);
  });

  it('mnist-calibration scores the probabilities on the validation split: ECE, reliability, error–reject curve', async function () {
    this.timeout(180000);
    const model = join(out, 'svc-hog-proba.dkm');
    const plot = join(out, 'reliability.png');
    const { stdout } = await tsx('examples/mnist-calibration.ts', ['--train-size', '600', '--eval-size', '2000', '--jobs', '1', '--save', model, '--plot', plot]);
    expect(stdout).to.match(/^fit on the 600 images of the 'train' split: \d+ s$/m);
    expect(stdout).to.match(/^2000 'validation' images: \d+\.\d\d% right; predict \d+\.\d s$/m);
    const ece = /^expected calibration error \(15 bins\): (\d+\.\d+)%$/m.exec(stdout);
    expect(Number(ece?.[1])).to.be.within(0, 100);
    expect(stdout.match(/^ {2}\d\.\d\d +\d+\.\d\d% +\d+\.\d\d%$/gm)).to.have.length(10);
    expect(stdout).to.match(/^at DEFAULT_MIN_CONFIDENCE = 0\.\d+: rejects \d+\.\d\d%, error among accepted \d+\.\d\d%$/m);
    expect(decode(readFileSync(plot)).width).to.be.above(300);
    // The saved model, scored again, gives the same figures.
    const again = await tsx('examples/mnist-calibration.ts', ['--load', model, '--eval-size', '2000']);
    const figures = (text: string) => text.split('\n').filter((l) => !/^(fit|model:|reliability diagram)/.test(l)).join('\n').replace(/predict \d+\.\d s/, '');
    expect(figures(again.stdout)).to.equal(figures(stdout).replace(/\nreliability diagram: .*/, ''));
  });

  it('refuses a bad option value with a one-line reason and exit code 2', async () => {
    try {
      await tsx('examples/mnist-knn.ts', ['--train-size', '0']);
      expect.fail('expected exit code 2');
    } catch (e) {
      const err = e as { code: number; stderr: string };
      expect(err.code).to.equal(2);
      expect(err.stderr).to.include('mnist-knn: option --train-size must be an integer in 1..60000, got 0');
    }
  });
});
