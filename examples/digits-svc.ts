/**
 * scikit-learn's "Recognizing hand-written digits" example, in digitkit.
 *
 * Loads the 8×8 digits, splits them 50/50 without shuffling, fits
 * SVC(gamma=0.001), prints the classification report and the confusion
 * matrix (the same numbers scikit-learn prints), and writes three pictures:
 * the first four training digits, the first four test digits with their
 * predictions, and the confusion matrix.
 *
 *   npm run example:digits [-- --out DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  SVC,
  classificationReport,
  confusionMatrix,
  confusionMatrixPng,
  digitGridPng,
  loadDigits,
  trainTestSplit,
} from '../src/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'out/digits-svc' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run example:digits [-- --out DIR]\n  --out DIR  where the PNG pictures go (default out/digits-svc)');
  process.exit(0);
}
const outDir = resolve(values.out!);

const digits = loadDigits();
// Flatten the images: 1797 × 64, as scikit-learn's example does with reshape.
const { XTrain, XTest, yTrain, yTest } = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });

const start = performance.now();
const clf = new SVC({ gamma: 0.001 }).fit(XTrain, yTrain);
const fitted = performance.now();
const predicted = clf.predict(XTest);
const done = performance.now();

console.log(`Classification report for classifier SVC(gamma=0.001):`);
console.log(classificationReport(yTest, predicted));
console.log('Confusion matrix:');
const cm = confusionMatrix(yTest, predicted);
for (const row of cm) console.log(row.map((v) => String(v).padStart(3)).join(' '));
console.log();
console.log(
  `${XTrain.rows} training digits, ${XTest.rows} test digits; ` +
    `${Array.from(clf.nSupport).reduce((a, b) => a + b, 0)} support vectors; ` +
    `fit ${(fitted - start).toFixed(0)} ms, predict ${(done - fitted).toFixed(0)} ms`,
);

mkdirSync(outDir, { recursive: true });
const pictures: [string, Uint8Array][] = [
  [
    'training-digits.png',
    digitGridPng(XTrain.selectRows([0, 1, 2, 3]), {
      titles: Array.from(yTrain.subarray(0, 4), (label) => `Training: ${label}`),
      maxValue: 16,
    }),
  ],
  [
    'test-predictions.png',
    digitGridPng(XTest.selectRows([0, 1, 2, 3]), {
      titles: Array.from(predicted.subarray(0, 4), (label) => `Prediction: ${label}`),
      maxValue: 16,
    }),
  ],
  ['confusion-matrix.png', confusionMatrixPng(cm, { title: 'Confusion Matrix' })],
];
for (const [name, png] of pictures) {
  writeFileSync(join(outDir, name), png);
  console.log(`wrote ${join(outDir, name)}`);
}
