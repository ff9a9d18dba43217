/**
 * Chooses the HOG setting for k-NN (k=3) on MNIST the honest way: trained on
 * the 'train' split (the first 50,000 training images), scored on the
 * 'validation' split (the last 10,000); the test images are never read.
 * Prints every candidate's validation accuracy, best first.
 *
 *   npm run example:mnist-hog-select [-- --jobs N --train-size N]
 *
 * The candidates are the best of a coarse screen (20,000 → 10,000) over
 * cell sizes 3–7, blocks 1–5, 9/12/16 orientations, the four block norms,
 * square-root gamma, deskewing, a 3×3 blur and two HOGs side by side, plus
 * the usual setting (9 bins, 7×7 cells, 2×2 blocks, L2-Hys) and raw pixels
 * for reference.
 */
import { parseArgs } from 'node:util';
import { Deskew, KNeighborsClassifier, Matrix, loadMnistSync, predictParallel } from '../src/index.js';
import { CHOSEN_HOG, describeFeatures, hogFeatures, type FeatureSetting } from './mnist-features.js';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string' },
    'train-size': { type: 'string', default: '50000' },
    'validation-size': { type: 'string', default: '10000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`usage: npm run example:mnist-hog-select [-- options]
  --jobs N         worker threads for the k-NN predictions (default: every core)
  --train-size N   training images, the first N of the 50,000 of the 'train' split (default 50000)
  --validation-size N  validation images, the first N of the 10,000 (default 10000)`);
  process.exit(0);
}
const nTrain = Number(values['train-size']);
const nValidation = Number(values['validation-size']);
const nJobs = values.jobs === undefined ? undefined : Number(values.jobs);
const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
if (!isInt(nTrain, 3, 50000) || !isInt(nValidation, 1, 10000) || (nJobs !== undefined && !isInt(nJobs, 1, 256))) {
  console.error(`mnist-hog-select: --train-size must be an integer in 3..50000, --validation-size in 1..10000 and --jobs in 1..256, ` +
    `got ${values['train-size']}, ${values['validation-size']} and ${values.jobs}`);
  process.exit(2);
}

const hog9 = (cell: number, block: number, blockNorm: 'L2-Hys' | 'L1-sqrt'): FeatureSetting['hog'] => ({
  orientations: 9, pixelsPerCell: [cell, cell], cellsPerBlock: [block, block], blockNorm,
});
const CANDIDATES: (FeatureSetting | 'pixels' | 'deskewed pixels')[] = [
  'pixels',
  'deskewed pixels',
  { deskew: false, hog: hog9(7, 2, 'L2-Hys') },
  { deskew: true, hog: hog9(7, 2, 'L2-Hys') },
  { deskew: true, hog: hog9(5, 3, 'L2-Hys') },
  { deskew: true, hog: hog9(4, 3, 'L2-Hys') },
  { deskew: true, hog: hog9(4, 3, 'L1-sqrt') },
  { deskew: true, hog: hog9(4, 4, 'L1-sqrt') },
  { deskew: true, blur: 1, hog: hog9(4, 3, 'L2-Hys') },
  { deskew: true, blur: 1, hog: hog9(4, 3, 'L1-sqrt') },
];

const train = loadMnistSync({ split: 'train', limit: nTrain });
const validation = loadMnistSync({ split: 'validation', limit: nValidation });
console.log(`MNIST: ${nTrain} training images ('train' split) → ${validation.labels.length} validation images; k-NN, k=3`);

const results: { name: string; cols: number; accuracy: number; seconds: number; chosen: boolean }[] = [];
for (const c of CANDIDATES) {
  const t0 = performance.now();
  let Xtr: Matrix;
  let Xva: Matrix;
  let name: string;
  if (c === 'pixels' || c === 'deskewed pixels') {
    name = c;
    ({ train: Xtr, test: Xva } = c === 'pixels'
      ? { train: train.features, test: validation.features }
      : deskewedPixels(train.features, validation.features));
  } else {
    name = describeFeatures(c);
    ({ train: Xtr, test: Xva } = hogFeatures(c, train.features, validation.features));
  }
  const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(Xtr, train.labels);
  const predicted = await predictParallel(knn, Xva, { nJobs });
  const accuracy = predicted.reduce((n, p, i) => n + (p === validation.labels[i] ? 1 : 0), 0) / predicted.length;
  const seconds = (performance.now() - t0) / 1000;
  const chosen = name === describeFeatures(CHOSEN_HOG);
  results.push({ name, cols: Xtr.cols, accuracy, seconds, chosen });
  console.log(`  ${name.padEnd(62)} ${String(Xtr.cols).padStart(5)} features  ${(100 * accuracy).toFixed(2)}%  (${seconds.toFixed(1)} s)`);
}

console.log('\nBest first (validation accuracy):');
for (const r of [...results].sort((a, b) => b.accuracy - a.accuracy)) {
  console.log(`  ${(100 * r.accuracy).toFixed(2)}%  ${r.name}${r.chosen ? '   <- CHOSEN_HOG in src/transformers/feature-setting.ts' : ''}`);
}

function deskewedPixels(tr: Matrix, va: Matrix): { train: Matrix; test: Matrix } {
  const d = new Deskew().fit(tr);
  return { train: d.transform(tr), test: d.transform(va) };
}
