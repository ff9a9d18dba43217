/**
 * How far the probabilities of the SVC on HOG features (`svc-hog`) can be
 * trusted, and where to set `minConfidence`: the expected calibration error,
 * a reliability diagram (PNG) and the error–reject curve.
 *
 *   npm run example:mnist-calibration [-- --evaluate validation|test --jobs N --train-size N --eval-size N --save FILE --load FILE --plot FILE]
 *
 * - `--evaluate validation` (default): the model is trained on the 'train'
 *   split (50,000 images) and scored on the 10,000 validation images; the
 *   smallest threshold keeping the error among accepted digits at or under
 *   0.2% is printed. This is how readDigits' DEFAULT_MIN_CONFIDENCE was chosen.
 * - `--evaluate test`: trained on all 60,000 training images, scored on the
 *   10,000 test images, at DEFAULT_MIN_CONFIDENCE (never chosen here).
 *
 * The model is the HOG pipeline of `digitkit train --model svc-hog` with
 * `SVC({ C: 5, gamma: 0.08, probability: true, randomState: 0 })`: its fit
 * runs libsvm's 5-fold cross-validation per pair of classes, so it takes
 * several times as long as a fit without probabilities. `--save FILE` keeps
 * the fitted model, `--load FILE` scores a saved one instead of fitting.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MIN_CONFIDENCE,
  SVC,
  errorRejectCurve,
  expectedCalibrationError,
  fitParallel,
  loadMnistSync,
  loadModelFile,
  makePipeline,
  predictWithConfidence,
  reliabilityBins,
  reliabilityDiagramPng,
  rejectThreshold,
  saveModelFile,
  type Classifier,
} from '../src/index.js';
import { CHOSEN_HOG, CHOSEN_HOG_SVC, featureSteps } from './mnist-features.js';

const { values } = parseArgs({
  options: {
    evaluate: { type: 'string', default: 'validation' },
    jobs: { type: 'string' },
    'train-size': { type: 'string' },
    'eval-size': { type: 'string' },
    save: { type: 'string' },
    load: { type: 'string' },
    plot: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`usage: npm run example:mnist-calibration [-- options]
  --evaluate validation|test  validation: train on the 'train' split, score the validation split (default);
                              test: train on all 60,000 training images, score the test set
  --jobs N                    worker threads of the fit (default: every core)
  --train-size N              train on the first N images only (a quick look; default all)
  --eval-size N               score the first N images of the scored split only (default all 10,000)
  --save FILE                 write the fitted model (a binary model file)
  --load FILE                 score this saved model instead of fitting one
  --plot FILE                 write the reliability diagram (PNG)`);
  process.exit(0);
}
const evaluate = values.evaluate;
const nJobs = values.jobs === undefined ? undefined : Number(values.jobs);
const nTrain = values['train-size'] === undefined ? undefined : Number(values['train-size']);
const nScored = values['eval-size'] === undefined ? undefined : Number(values['eval-size']);
const isInt = (v: number | undefined, lo: number, hi: number) => v === undefined || (Number.isInteger(v) && v >= lo && v <= hi);
if ((evaluate !== 'validation' && evaluate !== 'test') || !isInt(nJobs, 1, 256) || !isInt(nTrain, 10, 60000) || !isInt(nScored, 1, 10000)) {
  console.error(`mnist-calibration: --evaluate must be validation or test, --jobs an integer in 1..256, --train-size in 10..60000 ` +
    `and --eval-size in 1..10000, got ${evaluate}, ${values.jobs}, ${values['train-size']} and ${values['eval-size']}`);
  process.exit(2);
}

const scored = loadMnistSync({ split: evaluate, limit: nScored });
let model: Classifier;
if (values.load !== undefined) {
  model = loadModelFile(values.load) as Classifier;
  console.log(`model: ${values.load}`);
} else {
  const trainSplit = evaluate === 'test' ? 'train-full' : 'train';
  const train = loadMnistSync({ split: trainSplit, limit: nTrain });
  model = makePipeline(...featureSteps(CHOSEN_HOG), new SVC({ ...CHOSEN_HOG_SVC, probability: true, randomState: 0 }));
  const t = performance.now();
  await fitParallel(model, train.features, train.labels, { nJobs });
  console.log(`fit on the ${train.labels.length} images of the '${trainSplit}' split: ${((performance.now() - t) / 1000).toFixed(0)} s`);
  if (values.save !== undefined) saveModelFile(model as never, values.save);
}

const t = performance.now();
// The confidence of each digit: the probability the model gives the digit it predicted.
const { labels, confidence, proba } = predictWithConfidence(model, scored.features);
if (proba === null) throw new Error('mnist-calibration: the model gives no probabilities');
const right = labels.filter((p, i) => p === scored.labels[i]).length;
console.log(`${scored.labels.length} '${evaluate}' images: ${((100 * right) / labels.length).toFixed(2)}% right; predict ${((performance.now() - t) / 1000).toFixed(1)} s`);

const ece = expectedCalibrationError(scored.labels, labels, confidence, { bins: 15 });
console.log(`expected calibration error (15 bins): ${(100 * ece).toFixed(3)}%`);
const bins = reliabilityBins(scored.labels, labels, confidence, { bins: 15 });
console.log('reliability (bins with digits): confidence range, digits, mean confidence, accuracy');
for (const b of bins) {
  if (b.count) console.log(`  [${b.lower.toFixed(3)}, ${b.upper.toFixed(3)})  ${String(b.count).padStart(5)}  ${b.confidence.toFixed(4)}  ${b.accuracy.toFixed(4)}`);
}
if (values.plot !== undefined) {
  writeFileSync(values.plot, reliabilityDiagramPng(bins, { title: `SVC on HOG, MNIST ${evaluate}` }));
  console.log(`reliability diagram: ${values.plot}`);
}

const curve = errorRejectCurve(scored.labels, labels, confidence);
/** The curve's point at a threshold: the last point whose threshold is at or under it. */
const at = (threshold: number) => curve.filter((p) => p.threshold <= threshold).at(-1)!;
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
console.log('error–reject curve: minConfidence, rejected, error among accepted');
for (const threshold of [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99]) {
  const p = at(threshold);
  console.log(`  ${threshold.toFixed(2)}  ${pct(p.rejected).padStart(6)}  ${pct(p.error)}`);
}
const chosen = rejectThreshold(curve, 0.002);
console.log(chosen
  ? `smallest threshold with at most 0.2% error among accepted: ${chosen.threshold.toFixed(4)} (rejects ${pct(chosen.rejected)}, error ${pct(chosen.error)})`
  : 'no threshold keeps the error among accepted at or under 0.2%');
const d = at(DEFAULT_MIN_CONFIDENCE);
console.log(`at DEFAULT_MIN_CONFIDENCE = ${DEFAULT_MIN_CONFIDENCE}: rejects ${pct(d.rejected)}, error among accepted ${pct(d.error)}`);
