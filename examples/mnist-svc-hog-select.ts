/**
 * Chooses C and gamma of the RBF SVC on the chosen HOG features (CHOSEN_HOG:
 * Deskew + Blur(1) + HOG 4×4 cells, 3×3 blocks, L1-sqrt) on the validation
 * split, and compares it with k-NN (k=3) on the same features. The test
 * images are never read.
 *
 *   npm run example:mnist-svc-hog-select [-- --jobs N --screen-size N --train-size N --validation-size N --no-final]
 *
 * 1. Screen: each (C, gamma) of the grid trained on the first `--screen-size`
 *    images of the 'train' split (default 10,000), scored on the 10,000
 *    validation images. Ties go to the earlier cell (smaller gamma, then smaller C).
 * 2. Final: the best cell and k-NN k=3 trained on `--train-size` images of the
 *    'train' split (default all 50,000), scored on the validation images.
 */
import { parseArgs } from 'node:util';
import { KNeighborsClassifier, SVC, fitParallel, loadMnistSync, predictParallel, type Classifier, type Matrix } from '../src/index.js';
import { CHOSEN_HOG, CHOSEN_HOG_SVC, hogFeatures } from './mnist-features.js';

const GAMMAS = [0.03, 0.05, 0.08, 0.12];
const CS = [5, 10];

const { values } = parseArgs({
  options: {
    jobs: { type: 'string' },
    'screen-size': { type: 'string', default: '10000' },
    'train-size': { type: 'string', default: '50000' },
    'validation-size': { type: 'string', default: '10000' },
    'no-final': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`usage: npm run example:mnist-svc-hog-select [-- options]
  --jobs N          worker threads (default: every core)
  --screen-size N   training images of the screen, the first N of the 'train' split (default 10000)
  --train-size N    training images of the final comparison (default 50000)
  --validation-size N  validation images, the first N of the 10,000 (default 10000)
  --no-final        the screen only`);
  process.exit(0);
}
const nScreen = Number(values['screen-size']);
const nTrain = Number(values['train-size']);
const nValidation = Number(values['validation-size']);
const nJobs = values.jobs === undefined ? undefined : Number(values.jobs);
const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
if (!isInt(nScreen, 10, 50000) || !isInt(nTrain, 10, 50000) || !isInt(nValidation, 1, 10000) || (nJobs !== undefined && !isInt(nJobs, 1, 256))) {
  console.error(`mnist-svc-hog-select: --screen-size and --train-size must be integers in 10..50000, --validation-size in 1..10000 and --jobs in 1..256, ` +
    `got ${values['screen-size']}, ${values['train-size']}, ${values['validation-size']} and ${values.jobs}`);
  process.exit(2);
}

const train = loadMnistSync({ split: 'train', limit: Math.max(nScreen, values['no-final'] ? 0 : nTrain) });
const validation = loadMnistSync({ split: 'validation', limit: nValidation });
const t0 = performance.now();
const features = hogFeatures(CHOSEN_HOG, train.features, validation.features);
console.log(`MNIST 'train' split → ${validation.labels.length} validation images; features ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const first = (X: Matrix, n: number) => X.selectRows(Array.from({ length: n }, (_, i) => i));

/** Validation images right, and the seconds of fit and predict. */
async function score(model: Classifier, n: number): Promise<{ right: number; fit: number; predict: number }> {
  const X = n === train.labels.length ? features.train : first(features.train, n);
  const y = train.labels.subarray(0, n);
  const t = performance.now();
  if (model instanceof SVC) await fitParallel(model, X, y, { nJobs });
  else model.fit(X, y);
  const t1 = performance.now();
  const predicted = await predictParallel(model, features.test, { nJobs });
  const right = predicted.filter((p, i) => p === validation.labels[i]).length;
  return { right, fit: (t1 - t) / 1000, predict: (performance.now() - t1) / 1000 };
}
const pct = (right: number) => `${((100 * right) / validation.labels.length).toFixed(2)}%`;

console.log(`\nScreen: SVC on ${nScreen} training images`);
let best = { C: CS[0], gamma: GAMMAS[0], right: -1 };
for (const gamma of GAMMAS) {
  for (const C of CS) {
    const svc = new SVC({ C, gamma });
    const r = await score(svc, nScreen);
    console.log(`  C=${C} gamma=${gamma}: ${pct(r.right)} (${r.right}), ${svc.supportVectors.rows} support vectors, fit ${r.fit.toFixed(1)} s`);
    if (r.right > best.right) best = { C, gamma, right: r.right };
  }
}
console.log(`best: C=${best.C} gamma=${best.gamma}${best.C === CHOSEN_HOG_SVC.C && best.gamma === CHOSEN_HOG_SVC.gamma ? '  <- CHOSEN_HOG_SVC in src/transformers/feature-setting.ts' : ''}`);

if (!values['no-final']) {
  console.log(`\nFinal: ${nTrain} training images`);
  const svc = await score(new SVC({ C: best.C, gamma: best.gamma }), nTrain);
  console.log(`  SVC C=${best.C} gamma=${best.gamma}: ${pct(svc.right)} (${svc.right}), fit ${svc.fit.toFixed(1)} s, predict ${svc.predict.toFixed(1)} s`);
  const knn = await score(new KNeighborsClassifier({ nNeighbors: 3 }), nTrain);
  console.log(`  k-NN k=3: ${pct(knn.right)} (${knn.right}), fit ${knn.fit.toFixed(1)} s, predict ${knn.predict.toFixed(1)} s`);
}
