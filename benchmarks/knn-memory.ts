/**
 * Peak memory (and time) of k-NN k=3 on MNIST, 60,000 training images → the
 * 10,000 test images, on pixels / 255 and on the chosen HOG features
 * (`CHOSEN_HOG`), computed first (`hog`) or by a pipeline that ends in the
 * k-NN (`hog-pipeline`, as the harness's knn-hog task), against scikit-learn's `KNeighborsClassifier(algorithm='brute')`
 * on the same data when /usr/bin/python3 has it. Each task runs in a process of
 * its own under `/usr/bin/time -v`, whose "Maximum resident set size" is the
 * peak reported.
 *
 *   npm run bench:knn-memory [-- --features pixels,hog,hog-pipeline --jobs 2 --train-size 60000 --test-size 10000 --no-sklearn --keep-train]
 *
 * digitkit's task loads the training images, computes their features (HOG:
 * Deskew + Blur + HOG), drops the parsed files and fits; then drops its
 * training rows, as a program may once the model has what it needs (a k-NN
 * keeps pixels / 255 as bytes, 47 MB, not the 376 MB of floats), unless
 * `--keep-train`; then loads the test images, computes their features and
 * predicts with `predictParallel`. It prints the resident set size after
 * each step (the profile in docs/threads-and-memory.md#memory).
 * scikit-learn's model keeps a reference to its training array, so dropping
 * the caller's would free nothing there: its task loads everything first. scikit-learn's task reads the
 * same features from raw float64 files that this script writes first (that
 * work is not in its peak), as the benchmark harness does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { clearMnistCache, KNeighborsClassifier, loadMnistSync, makePipeline, Matrix, predictParallel, type Pipeline, type Transformer } from '../src/index.js';
import { CHOSEN_HOG, featureSteps } from '../src/transformers/feature-setting.js';

const { values } = parseArgs({
  options: {
    features: { type: 'string', default: 'pixels,hog,hog-pipeline' },
    jobs: { type: 'string', default: '2' },
    'train-size': { type: 'string', default: '60000' },
    'test-size': { type: 'string', default: '10000' },
    'no-sklearn': { type: 'boolean', default: false },
    'keep-train': { type: 'boolean', default: false },
    task: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench:knn-memory [-- --features pixels,hog,hog-pipeline --jobs N --train-size N --test-size N --no-sklearn --keep-train]');
  process.exit(0);
}
const trainSize = Number(values['train-size']);
const testSize = Number(values['test-size']);
const jobs = Number(values.jobs);

const rssMB = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);

/**
 * A full collection, then a pause for V8's background threads to free the
 * array buffers it found dead: right after `gc()` the resident set still held
 * them in some runs (the training images' 47 MB at the fit, 2026-12-03),
 * which moved the pixels task's peak between 503 and 521 MB.
 */
async function collect(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The features of one kind, as digitkit computes them, for scikit-learn's task. */
function features(kind: string): { Xtr: Matrix; ytr: Int32Array; Xte: Matrix; yte: Int32Array } {
  const train = loadMnistSync({ split: 'train-full', limit: trainSize });
  const test = loadMnistSync({ split: 'test', limit: testSize });
  let Xtr = train.features as Matrix;
  let Xte = test.features as Matrix;
  const ytr = Int32Array.from(train.labels);
  const yte = Int32Array.from(test.labels);
  clearMnistCache();
  console.error(`  rss after loading: ${rssMB()} MB`);
  if (kind === 'hog' || kind === 'hog-pipeline') {
    for (const step of featureSteps(CHOSEN_HOG)) {
      step.fit(Xtr);
      Xtr = step.transform(Xtr);
      Xte = step.transform(Xte);
    }
    console.error(`  rss after HOG features (${Xtr.cols} per image): ${rssMB()} MB`);
  }
  return { Xtr, ytr, Xte, yte };
}

/** The training rows of one kind (HOG: computed by `steps`, fitted here), as digitkit computes them; the parsed files dropped. */
async function trainFeatures(kind: string, steps: Transformer[]): Promise<{ X: Matrix; y: Int32Array }> {
  const train = loadMnistSync({ split: 'train-full', limit: trainSize });
  clearMnistCache();
  await collect(); // the parsed files, before the features are made
  let X = train.features as Matrix;
  console.error(`  rss after loading the training set: ${rssMB()} MB`);
  if (kind === 'hog') {
    for (const step of steps) X = step.fit(X).transform(X);
    console.error(`  rss after its HOG features (${X.cols} per image): ${rssMB()} MB`);
  }
  return { X, y: Int32Array.from(train.labels) };
}

/** The test rows of one kind, through the steps fitted on the training rows. */
function testFeatures(kind: string, steps: Transformer[]): { X: Matrix; y: Int32Array } {
  const test = loadMnistSync({ split: 'test', limit: testSize });
  clearMnistCache();
  let X = test.features as Matrix;
  if (kind === 'hog') for (const step of steps) X = step.transform(X);
  return { X, y: Int32Array.from(test.labels) };
}

/** Training rows kept to the end with `--keep-train` (the way this script ran before 2026-12-03's byte rows). */
const kept: Matrix[] = [];

/**
 * Loads and fits; the training rows are this function's, and are dropped when
 * it returns (the model keeps what it needs), unless `--keep-train`.
 */
async function fitted(kind: string, steps: Transformer[]): Promise<{ model: KNeighborsClassifier | Pipeline; fit: number }> {
  const { X, y } = await trainFeatures(kind, steps);
  await collect();
  console.error(`  rss before fit: ${rssMB()} MB`);
  const t0 = performance.now();
  const model = kind === 'hog-pipeline'
    ? makePipeline(...featureSteps(CHOSEN_HOG), new KNeighborsClassifier({ nNeighbors: 3 })).fit(X, y)
    : new KNeighborsClassifier({ nNeighbors: 3 }).fit(X, y);
  const fit = (performance.now() - t0) / 1000;
  console.error(`  rss after fit: ${rssMB()} MB`);
  if (values['keep-train']) kept.push(X);
  return { model, fit };
}

/**
 * digitkit's task, in this process: load the training set, fit, drop the
 * training rows (unless `--keep-train`), then load the test set and predict.
 */
async function digitkitTask(kind: string): Promise<void> {
  const steps = featureSteps(CHOSEN_HOG);
  const { model, fit } = await fitted(kind, steps);
  await collect();
  console.error(`  rss after fit, the training rows ${values['keep-train'] ? 'kept' : 'dropped'}: ${rssMB()} MB`);
  const { X: Xte, y: yte } = testFeatures(kind, steps);
  await collect();
  console.error(`  rss before predict: ${rssMB()} MB`);
  const t0 = performance.now();
  const pred = await predictParallel(model, Xte, { nJobs: jobs });
  const predict = (performance.now() - t0) / 1000;
  console.error(`  rss after predict: ${rssMB()} MB`);
  let right = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === yte[i]) right++;
  let hash = 0;
  for (let i = 0; i < pred.length; i++) hash = (Math.imul(hash, 31) + pred[i]) | 0;
  console.log(JSON.stringify({ fit, predict, accuracy: right / pred.length, hash }));
}

if (values.task) {
  const [who, kind] = values.task.split(':');
  if (who === 'digitkit') await digitkitTask(kind);
  else throw new Error(`unknown task ${values.task}`);
  process.exit(0);
}

const here = fileURLToPath(new URL('.', import.meta.url));
const hasSklearn = !values['no-sklearn'] && existsSync('/usr/bin/python3') &&
  spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;

interface Run { peakMB: number; wall: number; fit: number; predict: number; accuracy: number; hash: number }

/** `command` under /usr/bin/time -v: its JSON line and its peak RSS. */
function measured(command: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', ...command], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !peak) throw new Error(`${command.join(' ')} failed:\n${r.stderr}`);
  for (const line of r.stderr.split('\n')) if (line.startsWith('  rss')) console.log(line);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return { peakMB: Math.round(Number(peak[1]) / 1024), wall, ...out };
}

const python = `
import sys, time, numpy as np
from sklearn.neighbors import KNeighborsClassifier
d, cols = sys.argv[1], int(sys.argv[2])
Xtr = np.fromfile(d + '/X-train.f64', dtype=np.float64).reshape(-1, cols)
Xte = np.fromfile(d + '/X-test.f64', dtype=np.float64).reshape(-1, cols)
ytr = np.fromfile(d + '/y-train.i32', dtype=np.int32)
yte = np.fromfile(d + '/y-test.i32', dtype=np.int32)
t0 = time.perf_counter(); m = KNeighborsClassifier(n_neighbors=3, algorithm='brute').fit(Xtr, ytr)
t1 = time.perf_counter(); p = m.predict(Xte); t2 = time.perf_counter()
h = 0
for v in p.tolist(): h = (h * 31 + int(v)) & 0xffffffff
if h >= 2**31: h -= 2**32
import json; print(json.dumps({'fit': t1 - t0, 'predict': t2 - t1, 'accuracy': float((p == yte).mean()), 'hash': h}))
`;

const node = ['node', '--expose-gc', '--import', 'tsx', join(here, 'knn-memory.ts')];
const rows: string[] = [];
for (const kind of values.features.split(',')) {
  console.log(`k-NN k=3, MNIST ${kind}, ${trainSize} → ${testSize}, digitkit on ${jobs} thread(s):`);
  const keep = values['keep-train'] ? ['--keep-train'] : [];
  const ours = measured([...node, '--task', `digitkit:${kind}`, '--jobs', String(jobs), '--train-size', String(trainSize), '--test-size', String(testSize), ...keep]);
  console.log(`  peak ${ours.peakMB} MB, fit ${ours.fit.toFixed(2)} s, predict ${ours.predict.toFixed(2)} s, accuracy ${(100 * ours.accuracy).toFixed(2)}%`);
  rows.push(`| ${kind} | digitkit (${jobs} threads) | ${ours.peakMB} | ${ours.fit.toFixed(2)} | ${ours.predict.toFixed(2)} | ${(100 * ours.accuracy).toFixed(2)}% | | |`);
  if (!hasSklearn || kind === 'hog-pipeline') continue; // scikit-learn's side is the hog row's
  const dir = mkdtempSync(join(tmpdir(), 'digitkit-knn-memory-'));
  try {
    const { Xtr, ytr, Xte, yte } = features(kind);
    writeFileSync(join(dir, 'X-train.f64'), Xtr.data);
    writeFileSync(join(dir, 'X-test.f64'), Xte.data);
    writeFileSync(join(dir, 'y-train.i32'), ytr);
    writeFileSync(join(dir, 'y-test.i32'), yte);
    const threads = { ...process.env, OMP_NUM_THREADS: String(jobs), OPENBLAS_NUM_THREADS: String(jobs) };
    const theirs = measured(['/usr/bin/python3', '-c', python, dir, String(Xtr.cols)], threads);
    const same = theirs.hash === ours.hash ? 'yes' : 'NO';
    console.log(`  scikit-learn: peak ${theirs.peakMB} MB, predict ${theirs.predict.toFixed(2)} s; ours/theirs: memory ${(ours.peakMB / theirs.peakMB).toFixed(2)}×, predict ${(ours.predict / theirs.predict).toFixed(2)}×; same predictions: ${same}`);
    rows.push(`| ${kind} | scikit-learn (${jobs} BLAS threads) | ${theirs.peakMB} | ${theirs.fit.toFixed(2)} | ${theirs.predict.toFixed(2)} | ${(100 * theirs.accuracy).toFixed(2)}% | ${(ours.peakMB / theirs.peakMB).toFixed(2)}× | ${(ours.predict / theirs.predict).toFixed(2)}× |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('\n| features | implementation | peak MB | fit s | predict s | accuracy | memory: ours/theirs | predict: ours/theirs |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
if (values.out) writeFileSync(values.out, rows.join('\n') + '\n');
