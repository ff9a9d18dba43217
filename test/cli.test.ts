import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { SVC, isModelFile, loadDigits, loadMnistSync, loadModel, loadModelFile, trainTestSplit, type Classifier } from '../src/index.js';
import { cli, exec, mainCapturing, pkg, root } from './helpers/cli.js';

/** The example's test half, and a model's accuracy on it. */
const digits = loadDigits();
const split = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });
function testAccuracy(model: Classifier): number {
  const predicted = model.predict(split.XTest);
  return predicted.filter((p, i) => p === split.yTest[i]).length / predicted.length;
}

describe('digitkit command line', () => {
  let tmp = '';
  before(async function () {
    this.timeout(60000);
    tmp = mkdtempSync(join(tmpdir(), 'digitkit-cli-'));
    // The dist/ runs below test the build of these very sources.
    await exec(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  describe('help and version', () => {
    it('--help lists every command and the exit codes; -h is the same', async () => {
      const { code, stdout } = await cli(['--help']);
      expect(code).to.equal(0);
      expect(stdout).to.match(/^usage: digitkit <command> \[options\]$/m);
      for (const name of ['train', 'predict', 'bench', 'tune']) expect(stdout).to.match(new RegExp(`^  ${name} +\\S`, 'm'));
      expect(stdout).to.include('exit codes: 0 success, 1 failure');
      expect((await mainCapturing(['-h'])).stdout).to.equal(stdout);
    });

    for (const [command, usage, mentions] of [
      ['train', 'usage: digitkit train --model svc|knn-hog|svc-hog|template -o FILE [options]', ['--dataset digits|mnist', 'svc-hog', '--max-shift N', '--mnist-dir DIR']],
      ['bench', 'usage: digitkit bench [options]', ['--estimators LIST', '--peers LIST', '--no-progress']],
      ['tune', 'usage: digitkit tune [options]', ['--C LIST', '--grid libsvm', '--folds N']],
    ] as const) {
      it(`${command} --help prints its usage and options, exit code 0 (also as 'digitkit help ${command}')`, async () => {
        const { code, stdout, stderr } = await cli([command, '--help']);
        expect(code).to.equal(0);
        expect(stderr).to.equal('');
        expect(stdout.split('\n')[0]).to.equal(usage);
        for (const m of mentions) expect(stdout).to.include(m);
        expect((await mainCapturing(['help', command])).stdout).to.equal(stdout);
      });
    }

    it('--version prints the package version, from the sources and from dist/cli.js', async () => {
      expect(await cli(['--version'])).to.deep.equal({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
      expect(await cli(['-v'], { dist: true })).to.deep.equal({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    });

    it('dist/cli.js starts with a shebang, so that npm can link it as the digitkit executable', () => {
      expect(pkg.bin.digitkit).to.equal('./dist/cli.js');
      expect(readFileSync(join(root, 'dist', 'cli.js'), 'utf8').split('\n')[0]).to.equal('#!/usr/bin/env node');
    });
  });

  describe('train', () => {
    it('trains scikit-learn\'s example SVC from dist/cli.js: the written model predicts the test half with accuracy 0.9689', async () => {
      const out = join(tmp, 'svc.json');
      const { code, stdout, stderr } = await cli(['train', '--dataset', 'digits', '--model', 'svc', '-o', out], { dist: true });
      expect(stderr).to.equal('');
      expect(code).to.equal(0);
      expect(stdout).to.include('Training SVC(C=1, gamma=0.001) on 898 training 8×8 digits');
      expect(stdout).to.match(/^Fit \d+\.\d\d s, 519 support vectors; wrote .*svc\.json \(\d+ KB\)$/m);
      expect(stdout).to.match(/^Test accuracy 0\.9689 \(871 of 899 right\); predict \d+\.\d\d s$/m);
      const model = loadModel(JSON.parse(readFileSync(out, 'utf8'))) as Classifier;
      expect(testAccuracy(model)).to.equal(0.9688542825361512);
    });

    it('trains k-NN on HOG features and TemplateMatchers on the digits; each written model gives the printed accuracy', async () => {
      for (const [args, label] of [
        [['--model', 'knn-hog'], 'k-NN k=3 on Deskew + HOG(9 bins, 2×2 cells, 2×2 blocks, L2-Hys)'],
        [['--model', 'template'], "TemplateMatcher(mode='mean', k=1, maxShift=0)"],
        [['--model', 'template', '--mode', 'all', '--k', '3', '--max-shift', '1'], "TemplateMatcher(mode='all', k=3, maxShift=1)"],
      ] as const) {
        const out = join(tmp, `${args.join('')}.json`);
        const { code, stdout } = await cli(['train', ...args, '--no-progress', '-o', out]);
        expect(code, stdout).to.equal(0);
        expect(stdout).to.include(`Training ${label} on 898 training 8×8 digits`);
        const printed = Number(/^Test accuracy (\d\.\d{4}) \((\d+) of 899 right\)/m.exec(stdout)?.[1]);
        const accuracy = testAccuracy(loadModel(JSON.parse(readFileSync(out, 'utf8'))) as Classifier);
        expect(accuracy.toFixed(4), label).to.equal(printed.toFixed(4));
        expect(accuracy).to.be.above(0.85);
      }
    });

    it('--probability trains an SVC that gives scikit-learn\'s probabilities (same predictions), seeded by --random-state', async () => {
      const out = join(tmp, 'svc-proba.json');
      const { code, stdout } = await mainCapturing(['train', '--model', 'svc', '--probability', '--random-state', '3', '--no-progress', '-o', out]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.include('Training SVC(C=1, gamma=0.001, probability=true, randomState=3) on 898 training 8×8 digits');
      expect(stdout).to.match(/^Test accuracy 0\.9689 \(871 of 899 right\)/m);
      const model = loadModel(JSON.parse(readFileSync(out, 'utf8'))) as SVC;
      expect(model.getParams()).to.include({ probability: true, randomState: 3 });
      const reference = new SVC({ gamma: 0.001, probability: true, randomState: 3 }).fit(split.XTrain, split.yTrain);
      expect(Array.from(model.probA)).to.deep.equal(Array.from(reference.probA));
      expect(model.predictProba(split.XTest).data).to.deep.equal(reference.predictProba(split.XTest).data);
    });

    it('-o with another name than .json writes the binary model file, which loadModelFile reads back', async () => {
      const out = join(tmp, 'knn-hog.dkm');
      const { code, stdout } = await cli(['train', '--model', 'knn-hog', '--no-progress', '-o', out]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.match(/; wrote .*knn-hog\.dkm \(\d+ KB, binary model file\)$/m);
      expect(isModelFile(readFileSync(out))).to.equal(true);
      const printed = Number(/^Test accuracy (\d\.\d{4})/m.exec(stdout)?.[1]);
      expect(testAccuracy(loadModelFile(out) as Classifier).toFixed(4)).to.equal(printed.toFixed(4));
    });

    it('trains the SVC on HOG features of MNIST images (svc-hog), on worker threads; the saved model gives the printed accuracy', async function () {
      this.timeout(60000);
      const out = join(tmp, 'svc-hog.dkm');
      const { code, stdout } = await cli(['train', '--dataset', 'mnist', '--model', 'svc-hog', '--train-size', '600', '--test-size', '300', '--jobs', '2', '--no-progress', '-o', out]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.include('Training SVC(C=5, gamma=0.08) on Deskew + Blur(1) + HOG(9 bins, 4×4 cells, 3×3 blocks, L1-sqrt) on 600 MNIST training images, 300 test images');
      expect(stdout).to.match(/^Fit \d+\.\d\d s, \d+ support vectors; wrote .*svc-hog\.dkm \(\d+ KB, binary model file\)$/m);
      const printed = Number(/^Test accuracy (\d\.\d{4}) \((\d+) of 300 right\)/m.exec(stdout)?.[1]);
      expect(printed).to.be.within(0.8, 1);
      const test = loadMnistSync({ split: 'test', limit: 300 });
      const predicted = (loadModelFile(out) as Classifier).predict(test.features);
      expect((predicted.filter((p, i) => p === test.labels[i]).length / 300).toFixed(4)).to.equal(printed.toFixed(4));
    });

    it('refuses, before training, a .json model over one string (and names the binary model file)', async function () {
      this.timeout(60000);
      const out = join(tmp, 'big.json');
      const { code, stderr } = await cli(['train', '--dataset', 'mnist', '--model', 'knn-hog', '--train-size', '40000', '--test-size', '0', '-o', out]);
      expect(code).to.equal(2);
      expect(stderr).to.match(/^digitkit: train: a knn-hog model keeps every training sample: on 40000 samples its JSON would be about \d+ MB, more than one JavaScript string holds \(512 MB\); write the binary model file instead \(an --out name not ending in \.json, e\.g\. -o .*big\.dkm\) or use --train-size \d+ or less\n$/);
      expect(existsSync(out)).to.equal(false);
    });

    it('--train-size all trains on all 1,797 digits and tests nothing; --train-size N on the first N', async () => {
      const all = await cli(['train', '--model', 'svc', '--train-size', 'all', '-o', join(tmp, 'all.json')]);
      expect(all.code).to.equal(0);
      expect(all.stdout).to.include('on all 1797 8×8 digits (none left to test)');
      expect(all.stdout).not.to.include('Test accuracy');
      const few = await cli(['train', '--model', 'template', '--train-size', '100', '--test-size', '50', '-o', join(tmp, 'few.json')]);
      expect(few.stdout).to.include('on 100 training 8×8 digits (of the example\'s first half), 50 test digits');
      expect(few.stdout).to.match(/\(\d+ of 50 right\)/);
    });

    it('trains on the first MNIST images with --train-size and --test-size', async function () {
      this.timeout(60000);
      const { code, stdout } = await cli(['train', '--dataset', 'mnist', '--model', 'template', '--train-size', '500', '--test-size', '200', '-o', join(tmp, 'mnist.json')]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.include('on 500 MNIST training images, 200 test images');
      expect(Number(/^Test accuracy (\S+)/m.exec(stdout)?.[1])).to.be.within(0.6, 1);
    });
  });

  describe('errors: one line on stderr, never a stack', () => {
    const cases: [string[], number, string | RegExp][] = [
      [[], 2, "digitkit: missing command, expected one of train, predict, bench, tune, serve, web (see 'digitkit --help')"],
      [['predikt'], 2, "digitkit: unknown command 'predikt', expected one of train, predict, bench, tune, serve, web (see 'digitkit --help')"],
      [['--verbose'], 2, "digitkit: unknown option '--verbose', expected one of train, predict, bench, tune, serve, web (see 'digitkit --help')"],
      [['train', '-o', 'm.json'], 2, 'digitkit: train: option --model is required: svc, knn-hog, svc-hog, template'],
      [['train', '--model', 'svm', '-o', 'm.json'], 2, "digitkit: train: option --model must be one of svc, knn-hog, svc-hog, template, got 'svm'"],
      [['train', '--model', 'svc'], 2, 'digitkit: train: option -o/--out FILE is required: where the model goes'],
      [['train', '--model', 'svc', '--dataset', 'emnist', '-o', 'm.json'], 2, "digitkit: train: option --dataset must be one of digits, mnist, got 'emnist'"],
      [['train', '--model', 'svc', '--C=-1', '-o', 'm.json'], 2, "digitkit: train: option --C must be a number > 0, got '-1'"],
      [['train', '--model', 'svc', '--gamma', 'wide', '-o', 'm.json'], 2, "digitkit: train: option --gamma must be a number > 0, got 'wide'"],
      [['train', '--model', 'svc', '-o', 'm.json', '--C'], 2, "digitkit: train: option '--C' needs a value (one starting with '-' is written --C=VALUE) (see 'digitkit train --help')"],
      [['train', '--model', 'svc', '-o', 'm.json', '--colour'], 2, "digitkit: train: unknown option '--colour' (see 'digitkit train --help')"],
      [['train', '--model', 'svc', '-o', 'm.json', 'extra'], 2, "digitkit: train: unexpected argument 'extra'; this command takes options only (see 'digitkit train --help')"],
      [['train', '--model', 'knn-hog', '--C', '1', '-o', 'm.json'], 2, 'digitkit: train: option --C applies to --model svc or svc-hog, not knn-hog'],
      [['train', '--model', 'svc', '--train-size', '899', '-o', 'm.json'], 2, "digitkit: train: option --train-size must be an integer in 1..898, got '899'"],
      [['train', '--model', 'template', '--max-shift', '8', '-o', 'm.json'], 2, "digitkit: train: option --max-shift must be an integer in 0..7, got '8'"],
      [['train', '--model', 'template', '--k', '3', '-o', 'm.json'], 2, "digitkit: train: option --k must be 1 with --mode mean (one template per class), got '3'"],
      [['train', '--model', 'svc-hog', '-o', 'm.json'], 2, 'digitkit: train: option --model svc-hog applies to --dataset mnist; on the 8×8 digits use --model svc'],
      [['train', '--model', 'template', '--probability', '-o', 'm.json'], 2, 'digitkit: train: option --probability applies to --model svc or svc-hog, not template'],
      [['train', '--model', 'svc', '--random-state', '1', '-o', 'm.json'], 2, "digitkit: train: option --random-state applies with --probability (it seeds the probabilities' cross-validation)"],
      [['train', '--model', 'svc', '--probability', '--random-state', '1.5', '-o', 'm.json'], 2, "digitkit: train: option --random-state must be an integer in 0..4294967295, got '1.5'"],
      [['train', '--model', 'svc', '--mnist-dir', '.', '-o', 'm.json'], 2, 'digitkit: train: options --mnist-dir and --download apply to --dataset mnist, not digits'],
      [['train', '--model', 'svc', '-o', '/nonexistent-digitkit/m.json'], 1, 'digitkit: train: cannot write the model to /nonexistent-digitkit/m.json: the folder /nonexistent-digitkit does not exist'],
      [['bench', '--estimators', 'svm'], 2, "digitkit: bench: option --estimators: unknown 'svm', expected some of svc, knn-raw, knn-hog, template-mean, template-all, template-shift (see 'digitkit bench --help')"],
      [['bench', '--repeat', '0'], 2, "digitkit: bench: option --repeat must be an integer in 1..1000, got '0' (see 'digitkit bench --help')"],
      [['tune', '--folds', '1'], 2, `digitkit: tune: option --folds must be an integer >= 2, got '1' (see 'digitkit tune --help')`],
      [['tune', '--gird', 'libsvm'], 2, "digitkit: tune: unknown option '--gird' (see 'digitkit tune --help')"],
    ];
    // In this process (a process each would take a second): main() is what src/cli.ts runs, its result the exit code.
    for (const [args, exitCode, message] of cases) {
      it(`digitkit ${args.join(' ') || '(nothing)'} → exit code ${exitCode}`, async () => {
        const { code, stdout, stderr } = await mainCapturing(args);
        expect(code).to.equal(exitCode);
        expect(stdout).to.equal('');
        expect(stderr).to.equal(`${message}\n`);
      });
    }

    it('as a process, from the sources and from dist/cli.js: the same line on stderr and the exit code', async () => {
      for (const dist of [false, true]) {
        const { code, stdout, stderr } = await cli(['train', '--model', 'svm', '-o', 'm.json'], { dist, cwd: tmp });
        expect(code).to.equal(2);
        expect(stdout).to.equal('');
        expect(stderr).to.equal("digitkit: train: option --model must be one of svc, knn-hog, svc-hog, template, got 'svm'\n");
      }
      expect(existsSync(join(tmp, 'm.json'))).to.equal(false);
    });

    it('refuses an output path that is a folder, before training, from dist/cli.js too', async () => {
      const folder = join(tmp, 'a-folder');
      mkdirSync(folder);
      const { code, stdout, stderr } = await cli(['train', '--model', 'svc', '-o', folder], { dist: true });
      expect(code).to.equal(1);
      expect(stdout).to.equal('');
      expect(stderr).to.equal(`digitkit: train: cannot write the model to ${folder}: it is a folder; expected a file name such as model.json\n`);
    });
  });

  describe('bench and tune', () => {
    it('bench from dist/cli.js runs its tasks with the compiled harness and writes the report', async function () {
      this.timeout(60000);
      const out = join(tmp, 'bench');
      const { code, stdout } = await cli(['bench', '--estimators', 'svc,template-mean', '--peers', 'none', '--repeat', '1', '--no-progress', '--out', out], { dist: true });
      expect(code, stdout).to.equal(0);
      expect(stdout).to.include('digitkit benchmark: digits, 898 training / 899 test samples, median of 1 run per task, 2 tasks');
      expect(stdout).to.match(/^SVC \(RBF\) +digitkit +898\/899 +96\.89% /m);
      const json = JSON.parse(readFileSync(join(out, 'digits.json'), 'utf8'));
      expect(json.results.map((r: { estimator: string }) => r.estimator)).to.deep.equal(['svc', 'template-mean']);
      expect(decode(readFileSync(join(out, 'digits-accuracy.png'))).width).to.be.above(300);
    });

    it('tune runs a small grid, prints the table and the best pair, writes the heatmap and the results', async function () {
      this.timeout(60000);
      const out = join(tmp, 'tune');
      const { code, stdout } = await cli(['tune', '--C', '1,10', '--gamma', '0.001,0.01', '--folds', '3', '--jobs', '1', '--out', out]);
      expect(code, stdout).to.equal(0);
      expect(stdout).to.include('Grid: 2 C × 2 gamma = 4 candidates, 3-fold stratified CV = 12 fits, on the calling thread');
      expect(stdout).to.match(/^Best: C=\d+, gamma=0\.0\d+: mean CV accuracy 0\.\d{4}/m);
      expect(stdout).to.match(/^Refit on all 898 training digits: test accuracy 0\.\d{4}/m);
      expect(existsSync(join(out, 'c-gamma-heatmap.png'))).to.equal(true);
      expect(JSON.parse(readFileSync(join(out, 'cv-results.json'), 'utf8')).candidates).to.have.length(4);
    });
  });
});
