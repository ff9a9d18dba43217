import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decode } from 'fast-png';
import {
  GridSearchCV, KFold, KNeighborsClassifier, SVC, StratifiedKFold, gridSearchParallel, loadDigits, luminance, makePipeline, viridis, Deskew, type Color, type CvResults,
} from '../src/index.js';
import { parseGridAxis, parseTuneArgs } from '../src/cli/tune-args.js';
import { tuneHeatmapPng } from '../src/cli/tune-digits.js';
import { scoreGrid } from '../src/model-selection/results.js';
import { selectRowsOf } from '../src/core/row-origin.js';
import { kernelMatrix } from '../src/svm/kernel-rows.js';
import { trainingKernelMatrix } from '../src/svm/shared-kernel.js';
import { fails } from './helpers/rejects.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const sklearn = JSON.parse(readFileSync(new URL('./fixtures/sklearn-digits-grid.json', import.meta.url), 'utf8')) as {
  param_grid: { C: number[]; gamma: number[] };
  best_params: { C: number; gamma: number };
  best_score: number;
  test_accuracy_of_refit_best: number;
  grid: { C: number; gamma: number; mean_cv: number; std_cv: number; rank: number }[];
};

const digits = loadDigits();
const half = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const XTrain = digits.data.selectRows(half(0, 898));
const yTrain = digits.target.slice(0, 898);
const XTest = digits.data.selectRows(half(898, 1797));
const yTest = digits.target.slice(898);

/** Everything in a results table but the times. */
function withoutTimes(r: CvResults): unknown {
  const { meanFitTime, stdFitTime, meanScoreTime, stdScoreTime, ...rest } = r;
  for (const t of [meanFitTime, stdFitTime, meanScoreTime, stdScoreTime]) expect(t.every((v) => v >= 0)).to.equal(true);
  return JSON.parse(JSON.stringify(rest, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
}


describe('GridSearchCV on the digits: scikit-learn 1.2.1\'s grid (4 C × 5 gamma, 5 folds)', function () {
  this.timeout(120000);
  let sequential: GridSearchCV<SVC>;
  let parallel: GridSearchCV<SVC>;
  const progress: [number, number][] = [];
  before(async () => {
    sequential = new GridSearchCV(new SVC(), sklearn.param_grid, { cv: 5 }).fit(XTrain, yTrain);
    parallel = await gridSearchParallel(new GridSearchCV(new SVC(), sklearn.param_grid, { cv: 5 }), XTrain, yTrain, {
      nJobs: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });

  it('gives every cell\'s mean CV accuracy within 0.002 of scikit-learn\'s, and its ranks', () => {
    const r = sequential.cvResults;
    expect(r.params).to.have.length(20);
    expect(r.splitTestScores).to.have.length(5);
    sklearn.grid.forEach((cell, i) => {
      expect(r.params[i]).to.deep.equal({ C: cell.C, gamma: cell.gamma });
      expect(r.meanTestScore[i], `C=${cell.C}, gamma=${cell.gamma}`).to.be.closeTo(cell.mean_cv, 0.002);
      expect(r.stdTestScore[i]).to.be.closeTo(cell.std_cv, 0.002);
    });
    // Identical means give identical ranks, scikit-learn's 'min' ranking included.
    expect(Array.from(r.rankTestScore)).to.deep.equal(sklearn.grid.map((c) => c.rank));
    expect(r.paramValues.C).to.deep.equal(sklearn.grid.map((c) => c.C));
  });

  it('picks C=10, gamma=0.001 (C=100 ties; the first in grid order wins) with mean 0.9600, and refits it', () => {
    expect(sequential.bestParams).to.deep.equal({ C: 10, gamma: 0.001 });
    expect(sequential.bestParams).to.deep.equal(sklearn.best_params);
    expect(sequential.bestScore.toFixed(4)).to.equal('0.9600');
    expect(sequential.bestScore).to.be.closeTo(sklearn.best_score, 1e-12);
    const tie = sequential.cvResults.params.findIndex((p) => p.C === 100 && p.gamma === 0.001);
    expect(sequential.cvResults.rankTestScore[tie]).to.equal(1);
    expect(sequential.bestIndex).to.be.below(tie);
    expect(sequential.bestEstimator.getParams()).to.include({ C: 10, gamma: 0.001 });
    expect(sequential.score(XTest, yTest)).to.be.closeTo(sklearn.test_accuracy_of_refit_best, 1e-12);
    expect(Array.from(sequential.predict(XTest))).to.deep.equal(Array.from(sequential.bestEstimator.predict(XTest)));
  });

  it('gridSearchParallel gives the identical table, best candidate and refit model, and reports progress', () => {
    expect(withoutTimes(parallel.cvResults)).to.deep.equal(withoutTimes(sequential.cvResults));
    expect(parallel.bestParams).to.deep.equal(sequential.bestParams);
    expect(parallel.bestScore).to.equal(sequential.bestScore);
    expect(Array.from(parallel.bestEstimator.dualCoef.data)).to.deep.equal(Array.from(sequential.bestEstimator.dualCoef.data));
    expect(progress).to.have.length(100);
    expect(progress.map(([d]) => d)).to.deep.equal(half(1, 101));
    expect(progress.every(([, t]) => t === 100)).to.equal(true);
  });

  it('the heatmap PNG decodes, has the size the example prints, and its cells colour like their scores', () => {
    const C = parseGridAxis('0.1,1,10,100', 'C');
    const gamma = parseGridAxis('0.0001,0.0003,0.001,0.003,0.01', 'gamma');
    const grid = scoreGrid(sequential.cvResults, 'C', 'gamma');
    const png = tuneHeatmapPng(grid, C, gamma, 5);
    const img = decode(png);
    const header = new DataView(png.buffer, png.byteOffset);
    expect([img.width, img.height]).to.deep.equal([header.getUint32(16), header.getUint32(20)]);
    expect(img.width).to.be.within(400, 1200);
    expect(img.height).to.be.within(200, 800);
    const at = (x: number, y: number): Color => {
      const i = img.channels * (y * img.width + x);
      return [img.data[i], img.data[i + 1], img.data[i + 2]];
    };
    const isPlot = (c: Color) => !(c[0] === c[1] && c[1] === c[2]); // cells and bar are coloured; paper, ink and text are grey
    // The cells: the first run of columns holding coloured pixels (the colour bar comes after a white gap).
    const colored = (x: number) => { for (let y = 0; y < img.height; y++) if (isPlot(at(x, y))) return true; return false; };
    let x0 = 0;
    while (!colored(x0)) x0++;
    let x1 = x0;
    while (colored(x1 + 1)) x1++;
    let y0 = 0;
    while (!isPlot(at(x0 + 2, y0))) y0++;
    let y1 = y0;
    while (y1 + 1 < img.height && isPlot(at(x0 + 2, y1 + 1))) y1++;
    const w = (x1 - x0 + 1) / 5;
    const h = (y1 - y0 + 1) / 4;
    expect(Math.abs(w - Math.round(w))).to.be.below(1e-9);
    // Near each cell's top-left corner, clear of the value written in its middle.
    const cell = (i: number, j: number) => at(Math.floor(x0 + j * w + 4), Math.floor(y0 + i * h + 4));
    const cells = grid.values.flatMap((row, i) => row.map((v, j) => ({ v, color: cell(i, j) })));
    const lo = Math.min(...cells.map((c) => c.v));
    const hi = Math.max(...cells.map((c) => c.v));
    for (const c of cells) expect(c.color).to.deep.equal(viridis.at((c.v - lo) / (hi - lo)));
    for (const a of cells) for (const b of cells) if (a.v < b.v) expect(luminance(a.color)).to.be.below(luminance(b.color));
  });
});

describe('gridSearchParallel: failures, pipelines, small cases', function () {
  this.timeout(120000);
  const X = XTrain.selectRows(half(0, 300));
  const y = yTrain.slice(0, 300);

  it('a failing cell rejects with an error naming the candidate and the fold, as the sequential fit throws', async () => {
    const grid = { C: [1, -1], gamma: [0.001] };
    expect(() => new GridSearchCV(new SVC(), grid, { cv: 3 }).fit(X, y)).to.throw(
      RangeError,
      /^GridSearchCV\.fit: candidate \{ C: -1, gamma: 0\.001 \} on fold 0 of 3 failed: SVC\.fit: parameter 'C' must be a finite number > 0, got -1$/,
    );
    await fails(
      gridSearchParallel(new GridSearchCV(new SVC(), grid, { cv: 3 }), X, y, { nJobs: 2 }),
      RangeError,
      /^gridSearchParallel: candidate \{ C: -1, gamma: 0\.001 \} on fold [0-2] of 3 failed: SVC\.fit: parameter 'C' must be a finite number > 0, got -1$/,
    );
  });

  it('leaves no worker running after a failing cell: the process exits on its own', async () => {
    const code = `
      import { GridSearchCV, SVC, gridSearchParallel, loadDigits } from './src/index.js';
      const d = loadDigits();
      try {
        await gridSearchParallel(new GridSearchCV(new SVC(), { C: [1, 10, -1, 100] }, { cv: 5 }), d.data, d.target, { nJobs: 2 });
      } catch (e) { console.log(e.message); }`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, timeout: 60000 });
    expect(stdout).to.match(/^gridSearchParallel: candidate \{ C: -1 \} on fold \d of 5 failed: SVC\.fit: parameter 'C'/);
  });

  it('keeps its threads after a search, yet the process exits on its own at once; a second search reuses them', async () => {
    const code = `
      import { GridSearchCV, SVC, gridSearchParallel, loadDigits } from './src/index.js';
      import { poolSize } from './src/parallel/worker-pool.js';
      const d = loadDigits();
      const search = () => gridSearchParallel(new GridSearchCV(new SVC({ gamma: 0.001 }), { C: [1, 10] }, { cv: 3 }), d.data, d.target, { nJobs: 2 });
      await search();
      await search();
      const end = performance.now();
      console.log('threads', poolSize());
      process.on('exit', () => console.log('exit after', Math.round(performance.now() - end), 'ms'));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, timeout: 60000 });
    expect(stdout).to.match(/^threads 2\nexit after \d+ ms\n$/);
    // Far below the 30 s an idle thread is kept: the idle threads did not hold the process.
    expect(Number(/exit after (\d+)/.exec(stdout)![1])).to.be.below(5000);
  });

  it('runs a pipeline\'s grid on threads with the sequential table; refuses a scoring function; falls back on one job', async () => {
    const pipe = makePipeline(new Deskew({ width: 8, height: 8 }), new KNeighborsClassifier());
    const grid = { kneighborsclassifier__nNeighbors: [1, 3, 5], kneighborsclassifier__weights: ['uniform', 'distance'] };
    const cv = new KFold({ nSplits: 3, shuffle: true, seed: 1 });
    const a = new GridSearchCV(pipe, grid, { cv, returnTrainScore: true }).fit(X, y);
    const b = await gridSearchParallel(new GridSearchCV(pipe, grid, { cv, returnTrainScore: true }), X, y, { nJobs: 2 });
    expect(withoutTimes(b.cvResults)).to.deep.equal(withoutTimes(a.cvResults));
    expect(b.cvResults.meanTrainScore).to.have.length(6);
    expect(Array.from(b.predict(XTest))).to.deep.equal(Array.from(a.predict(XTest)));
    const custom = new GridSearchCV(new SVC(), { C: [1] }, { scoring: (m, Xt, yt) => m.score(Xt, yt) });
    await fails(gridSearchParallel(custom, X, y), TypeError, /^gridSearchParallel: a scoring function cannot be sent to worker threads/);
    const one = await gridSearchParallel(new GridSearchCV(new SVC({ gamma: 0.001 }), { C: [1, 10] }, { cv: 2 }), X, y, { nJobs: 1 });
    expect(one.cvResults.params).to.have.length(2);
    await fails(gridSearchParallel(new GridSearchCV(new SVC(), { C: [1] }), X, y, { nJobs: 0 }), RangeError, /^gridSearchParallel: parameter 'nJobs' must be an integer >= 1, got 0$/);
  });
});

describe('tune options, examples/tune-c-gamma.ts and examples/tune-mnist.ts', function () {
  this.timeout(120000);

  it('parses grids as comma lists and power ranges, libsvm\'s classic grid included', () => {
    expect(parseGridAxis('0.1, 1,2^3', 'C')).to.deep.equal({ values: [0.1, 1, 8], labels: ['0.1', '1', '2^3'] });
    expect(parseGridAxis('2^-5..2^15:2', 'C').labels).to.deep.equal(['2^-5', '2^-3', '2^-1', '2^1', '2^3', '2^5', '2^7', '2^9', '2^11', '2^13', '2^15']);
    expect(parseGridAxis('10^-2..10^0', 'gamma').values).to.deep.equal([0.01, 0.1, 1]);
    const libsvm = parseTuneArgs(['--grid', 'libsvm', '--folds', '3', '--jobs', '1']);
    if ('help' in libsvm) expect.fail('no help asked for');
    expect(libsvm.C.values).to.have.length(11);
    expect(libsvm.gamma.values[0]).to.equal(8);
    expect(libsvm.gamma.values.at(-1)).to.equal(2 ** -15);
    expect([libsvm.folds, libsvm.jobs]).to.deep.equal([3, 1]);
    expect(() => parseGridAxis('1,x', 'C')).to.throw(RangeError, /^tune: option --C must be a comma list .*, got "1,x": "x" is not a number$/);
    expect(() => parseGridAxis('2^1..2^5:-1', 'C')).to.throw(RangeError, /step -1 does not lead from 1 to 5/);
    expect(() => parseGridAxis('0,1', 'gamma')).to.throw(RangeError, /0 is not a finite number > 0/);
    expect(() => parseTuneArgs(['--folds', '1'])).to.throw(RangeError, /^tune: option --folds must be an integer >= 2, got '1'$/);
    expect(() => parseTuneArgs(['--nope'])).to.throw(TypeError, /Unknown option '--nope'/);
  });

  it('runs a small grid: prints the table, the best pair, the test accuracy, and writes the heatmap', async () => {
    const out = mkdtempSync(join(tmpdir(), 'digitkit-tune-'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/tune-c-gamma.ts', '--C', '1,10', '--gamma', '0.0003,0.001', '--folds', '3', '--jobs', '2', '--out', out], { cwd: root });
      expect(stdout).to.include('Grid: 2 C × 2 gamma = 4 candidates, 3-fold stratified CV = 12 fits, on 2 worker threads');
      expect(stdout).to.match(/^C \\ gamma +0\.0003 +0\.001$/m);
      expect(stdout).to.match(/^ +1 +0\.\d{4}  +0\.\d{4}[ *]?$/m);
      expect(stdout).to.match(/^ +10 +0\.\d{4}[ *] +0\.\d{4}[ *]?$/m);
      expect(stdout).to.match(/^Best: C=\d+, gamma=0\.\d+: mean CV accuracy 0\.9\d{3} \(std 0\.\d{4}\)/m);
      expect(stdout).to.match(/^Refit on all 898 training digits: test accuracy 0\.9\d{3} \(\d{3} of 899 test digits\)$/m);
      const size = /c-gamma-heatmap\.png \((\d+)×(\d+) pixels\)/.exec(stdout)!;
      const png = decode(readFileSync(join(out, 'c-gamma-heatmap.png')));
      expect([png.width, png.height]).to.deep.equal([Number(size[1]), Number(size[2])]);
      const json = JSON.parse(readFileSync(join(out, 'cv-results.json'), 'utf8'));
      expect(json.candidates).to.have.length(4);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a bad option with exit code 2 and a message', async () => {
    try {
      await run(process.execPath, ['--import', 'tsx', 'examples/tune-c-gamma.ts', '--gamma', '1,,2'], { cwd: root });
      expect.fail('expected exit code 2');
    } catch (e) {
      expect((e as { code: number }).code).to.equal(2);
      expect((e as { stderr: string }).stderr).to.match(/^tune: option --gamma must be a comma list .*an empty item/);
    }
  });

  it('examples/tune-mnist.ts chooses on the validation split, then scores the test images (tiny sizes)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'digitkit-tune-mnist-'));
    try {
      const args = ['--train-size', '300', '--validation-size', '200', '--test-size', '300', '--C', '1,10', '--gamma', '0.01,0.03', '--rounds', '1', '--jobs', '2', '--out', out];
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/tune-mnist.ts', ...args], { cwd: root });
      expect(stdout).to.include("300 training images ('train' split) → 200 validation images; 2 threads");
      expect(stdout).to.match(/^round 0: 4 pairs in [\d.]+ s; best so far C=\d+, gamma=0\.0\d+: validation accuracy \d+\.\d\d%$/m);
      expect(stdout).to.match(/^round 1: [1-8] pairs in /m);
      expect(stdout).to.match(/^Chosen on the validation split: C=[\d.]+, gamma=[\d.]+ \(\d+\.\d\d%\)/m);
      expect(stdout).to.match(/^Test: SVC\(C=[\d.]+, gamma=[\d.]+\) trained on the 300 training images: accuracy \d+\.\d\d% \(\d+ errors of 300\)/m);
      const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(json.scored.length).to.be.within(5, 12);
      expect(json.testAccuracy).to.be.within(0.6, 1);
      // The chosen pair is the best validation accuracy scored.
      expect(json.chosen.accuracy).to.equal(Math.max(...json.scored.map((s: { accuracy: number }) => s.accuracy)));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('kernel matrices shared by the cells of a search', () => {
  it('gives each fold the very bits of its own kernel matrix, and the very same fitted SVC', () => {
    const folds = new StratifiedKFold({ nSplits: 5 }).split(XTrain, yTrain);
    const scope = {};
    for (const gamma of [0.0003, 0.01]) {
      for (const { train } of folds) {
        const kernel = { kind: 'rbf' as const, gamma };
        const own = kernelMatrix(XTrain.selectRows(train), kernel);
        const shared = trainingKernelMatrix(selectRowsOf(scope, XTrain, train), kernel);
        const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
        expect(bytes(shared).equals(bytes(own))).to.equal(true);
      }
    }
    // The third fold of a kernel already seen on two folds reads the shared matrix.
    const { train } = folds[2];
    const yFold = Int32Array.from(train, (i) => yTrain[i]);
    const plain = new SVC({ C: 10, gamma: 0.01 }).fit(XTrain.selectRows(train), yFold);
    const marked = new SVC({ C: 10, gamma: 0.01 }).fit(selectRowsOf(scope, XTrain, train), yFold);
    expect(Array.from(marked.dualCoef.data)).to.deep.equal(Array.from(plain.dualCoef.data));
    expect(Array.from(marked.intercept)).to.deep.equal(Array.from(plain.intercept));
    expect(Array.from(marked.support)).to.deep.equal(Array.from(plain.support));
  });
});
