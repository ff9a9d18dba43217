/**
 * C and gamma of the RBF SVC on MNIST (pixels / 255), chosen the honest way:
 * each candidate is trained on a subsample of the 'train' split (the first
 * `--train-size` of its 50,000 images) and scored on the 'validation' split
 * (the last 10,000 training images). A coarse grid first, then finer grids
 * around the best pair (half the step in log scale each round). Only the
 * chosen pair is then scored on the 10,000 test images, which the search
 * never reads.
 *
 *   npm run example:tune-mnist [-- --train-size N --validation-size N --test-size N --C LIST --gamma LIST --rounds N --jobs N --out DIR]
 *
 * The search runs its cells on worker threads (gridSearchParallel with one
 * fixed train/validation fold); the final model is trained with fitParallel
 * and scored with predictParallel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GridSearchCV, Matrix, SVC, fitParallel, gridSearchParallel, loadMnistSync, predictParallel } from '../src/index.js';
import { parseGridAxis, type GridAxis } from '../src/cli/tune-args.js';
import { formatScoreTable } from '../src/cli/tune-digits.js';

const { values } = parseArgs({
  options: {
    'train-size': { type: 'string', default: '5000' },
    'validation-size': { type: 'string', default: '10000' },
    'test-size': { type: 'string', default: '10000' },
    C: { type: 'string', default: '1,10,100' },
    gamma: { type: 'string', default: '0.001,0.01,0.1' },
    rounds: { type: 'string', default: '1' },
    jobs: { type: 'string' },
    out: { type: 'string', default: 'out/tune-mnist' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`usage: npm run example:tune-mnist [-- options]
  --train-size N       training images: the first N of the 50,000 of the 'train' split (default 5000)
  --validation-size N  validation images: the first N of the 10,000 (default 10000)
  --test-size N        test images for the chosen pair: the first N of the 10,000 (default 10000)
  --C LIST             the coarse grid's C values (default 1,10,100; also 2^-1..2^7:2 style)
  --gamma LIST         the coarse grid's gamma values (default 0.001,0.01,0.1)
  --rounds N           finer grids after the coarse one, each around the best pair so far (default 1)
  --jobs N             worker threads (default: every core, here ${availableParallelism()})
  --out DIR            where results.json goes (default out/tune-mnist)`);
  process.exit(0);
}
const integer = (name: string, lo: number, hi: number): number => {
  const v = Number(values[name as 'rounds']);
  if (!Number.isInteger(v) || v < lo || v > hi) {
    console.error(`tune-mnist: option --${name} must be an integer in ${lo}..${hi}, got ${values[name as 'rounds']}`);
    process.exit(2);
  }
  return v;
};
const nTrain = integer('train-size', 20, 50000);
const nValidation = integer('validation-size', 1, 10000);
const nTest = integer('test-size', 1, 10000);
const rounds = integer('rounds', 0, 5);
const nJobs = values.jobs === undefined ? availableParallelism() : integer('jobs', 1, 256);
let coarse: { C: GridAxis; gamma: GridAxis };
try {
  coarse = { C: parseGridAxis(values.C!, 'C'), gamma: parseGridAxis(values.gamma!, 'gamma') };
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const seconds = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(1);
const train = loadMnistSync({ split: 'train', limit: nTrain });
const validation = loadMnistSync({ split: 'validation', limit: nValidation });
console.log(`MNIST, SVC (RBF) on pixels / 255: ${nTrain} training images ('train' split) → ${nValidation} validation images; ${nJobs} threads`);

// One matrix with the training rows then the validation rows, and the one fold that says which is which.
const X = new Matrix(nTrain + nValidation, train.features.cols);
X.data.set(train.features.data);
X.data.set(validation.features.data, train.features.data.length);
const y = new Int32Array(nTrain + nValidation);
y.set(train.labels);
y.set(validation.labels, nTrain);
const holdout = [{ train: Int32Array.from({ length: nTrain }, (_, i) => i), test: Int32Array.from({ length: nValidation }, (_, i) => nTrain + i) }];

/** Every pair scored so far: validation accuracy by `C,gamma`. */
const scored = new Map<string, { C: number; gamma: number; accuracy: number; round: number }>();
const key = (C: number, gamma: number): string => `${C},${gamma}`;
const best = () => [...scored.values()].reduce((a, b) => (b.accuracy > a.accuracy ? b : a));

async function searchPairs(pairs: [number, number][], round: number): Promise<void> {
  const t0 = performance.now();
  const search = new GridSearchCV(new SVC(), pairs.map(([C, gamma]) => ({ C: [C], gamma: [gamma] })), { cv: holdout, refit: false });
  await gridSearchParallel(search, X, y, { nJobs });
  search.cvResults.params.forEach((p, i) => {
    const [C, gamma] = [p.C as number, p.gamma as number];
    scored.set(key(C, gamma), { C, gamma, accuracy: search.cvResults.meanTestScore[i], round });
  });
  const b = best();
  console.log(`round ${round}: ${pairs.length} pairs in ${seconds(t0)} s; best so far C=${b.C}, gamma=${b.gamma}: validation accuracy ${(100 * b.accuracy).toFixed(2)}%`);
}

const tSearch = performance.now();
await searchPairs(coarse.C.values.flatMap((C) => coarse.gamma.values.map((g): [number, number] => [C, g])), 0);
for (let r = 1; r <= rounds; r++) {
  // Half the previous step in log10 scale: a decade, then √10, then 10^¼, …
  const factor = 10 ** (0.5 ** r);
  const b = best();
  const around = (v: number) => [v / factor, v, v * factor].map((x) => Number(x.toPrecision(3)));
  const pairs = around(b.C).flatMap((C) => around(b.gamma).map((g): [number, number] => [C, g])).filter(([C, g]) => !scored.has(key(C, g)));
  await searchPairs(pairs, r);
}
const searchSeconds = seconds(tSearch);

// The table of every pair scored, C rows × gamma columns (— where a pair was not tried).
const all = [...scored.values()];
const axis = (vs: number[]): GridAxis => {
  const sorted = [...new Set(vs)].sort((a, b) => a - b);
  return { values: sorted, labels: sorted.map((v) => String(Number(v.toPrecision(3)))) };
};
const C = axis(all.map((s) => s.C));
const gamma = axis(all.map((s) => s.gamma));
const grid = { rowValues: C.values, colValues: gamma.values, values: C.values.map((c) => gamma.values.map((g) => scored.get(key(c, g))?.accuracy ?? NaN)) };
const chosen = best();
console.log(`\nValidation accuracy (rows C, columns gamma; — not tried; * chosen):`);
for (const line of formatScoreTable(grid, C, gamma, 'C', 'gamma', chosen)) console.log(line);
console.log(`\nChosen on the validation split: C=${chosen.C}, gamma=${chosen.gamma} (${(100 * chosen.accuracy).toFixed(2)}%); search ${searchSeconds} s`);

// Only now is the test set read.
const test = loadMnistSync({ split: 'test', limit: nTest });
let t0 = performance.now();
const svc = await fitParallel(new SVC({ C: chosen.C, gamma: chosen.gamma }), train.features, train.labels, { nJobs });
const fitSeconds = seconds(t0);
t0 = performance.now();
const predicted = await predictParallel(svc, test.features, { nJobs });
const predictSeconds = seconds(t0);
let right = 0;
for (let i = 0; i < predicted.length; i++) if (predicted[i] === test.labels[i]) right++;
const testAccuracy = right / predicted.length;
console.log(
  `Test: SVC(C=${chosen.C}, gamma=${chosen.gamma}) trained on the ${nTrain} training images: accuracy ${(100 * testAccuracy).toFixed(2)}% ` +
    `(${predicted.length - right} errors of ${predicted.length}); fit ${fitSeconds} s, predict ${predictSeconds} s`,
);

const outDir = resolve(values.out!);
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'results.json');
writeFileSync(file, JSON.stringify({ trainSize: nTrain, validationSize: nValidation, scored: all, chosen, testAccuracy, searchSeconds: Number(searchSeconds) }, null, 1) + '\n');
console.log(`wrote ${file}`);
