/**
 * One benchmark task in a process of its own (so that its peak memory is its
 * own): fits and predicts `repeat` times and prints one JSON line.
 *
 *   node dist/bench/task.js '<TaskSpec as JSON>'              (the built package)
 *   node --import tsx src/bench/task.ts '<TaskSpec as JSON>'   (a source checkout)
 *
 * Started by the harness (harness.ts), which picks the form it runs from itself.
 */
import { createRequire } from 'node:module';
import { fitParallel, predictParallel, type Matrix } from '../index.js';
import { loadTaskData, type TaskData } from './task-data.js';
import { ESTIMATORS, SVC_PARAMS, type TaskResult, type TaskSpec } from './spec.js';

const require = createRequire(import.meta.url);

/** A fitted model's prediction function; `fit` returns it. */
type Fit = (data: TaskData) => Promise<{ predict: (X: Matrix) => Promise<ArrayLike<number>>; modelBytes?: () => number }>;

const rowsOf = (X: Matrix): number[][] => Array.from({ length: X.rows }, (_, i) => Array.from(X.row(i)));

/** Progress for the parent's progress bar: a `progress {...}` line on stderr. */
const report = (stage: 'fit' | 'predict') => (done: number, total: number) =>
  process.stderr.write(`progress ${JSON.stringify({ stage, done, total })}\n`);

function digitkit(spec: TaskSpec): Fit {
  return async ({ XTrain, yTrain }) => {
    const clf = ESTIMATORS[spec.estimator].make(spec.dataset);
    // The SVC trains its one-vs-one pairs on worker threads; the others fit on this thread.
    await fitParallel(clf, XTrain, yTrain, { nJobs: spec.jobs, onProgress: report('fit') });
    return {
      predict: (X) => predictParallel(clf, X, { nJobs: spec.jobs, onProgress: report('predict') }),
      modelBytes: () => jsonLength(clf.toJSON()),
    };
  };
}

async function libsvmJs(spec: TaskSpec): Promise<Fit> {
  const SVM = await (require('libsvm-js') as Promise<LibsvmConstructor>);
  const { C, gamma } = SVC_PARAMS[spec.dataset];
  return async ({ XTrain, yTrain }) => {
    const svm = new SVM({ kernel: SVM.KERNEL_TYPES.RBF, type: SVM.SVM_TYPES.C_SVC, cost: C, gamma, cacheSize: 200, tolerance: 1e-3, quiet: true });
    svm.train(rowsOf(XTrain), Array.from(yTrain));
    return { predict: async (X) => svm.predict(rowsOf(X)) };
  };
}

/** ml-svm is binary: one-vs-one over the class pairs, the most votes winning (smallest label on a tie). */
function mlSvm(spec: TaskSpec): Fit {
  const SVM = require('ml-svm') as new (o: object) => { train(X: number[][], y: number[]): void; predict(X: number[][]): number[] };
  const { C, gamma } = SVC_PARAMS[spec.dataset];
  return async ({ XTrain, yTrain }) => {
    const classes = [...new Set(yTrain)].sort((a, b) => a - b);
    const rows = rowsOf(XTrain);
    const pairs: { a: number; b: number; svm: InstanceType<typeof SVM> }[] = [];
    for (let i = 0; i < classes.length; i++) {
      for (let j = i + 1; j < classes.length; j++) {
        const idx = Array.from(yTrain.keys()).filter((r) => yTrain[r] === classes[i] || yTrain[r] === classes[j]);
        const svm = new SVM({ C, tol: 1e-3, kernel: 'rbf', kernelOptions: { sigma: Math.sqrt(1 / (2 * gamma)) }, random: seeded(1) });
        svm.train(idx.map((r) => rows[r]), idx.map((r) => (yTrain[r] === classes[i] ? 1 : -1)));
        pairs.push({ a: classes[i], b: classes[j], svm });
      }
    }
    return {
      predict: async (X) => {
        const q = rowsOf(X);
        const votes = q.map(() => new Map<number, number>());
        for (const { a, b, svm } of pairs) {
          svm.predict(q).forEach((s, i) => votes[i].set(s > 0 ? a : b, (votes[i].get(s > 0 ? a : b) ?? 0) + 1));
        }
        return votes.map((v) => [...v].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0][0]);
      },
    };
  };
}

function mlKnn(): Fit {
  const KNN = require('ml-knn') as new (X: number[][], y: number[], o: object) => { predict(X: number[][]): number[] };
  return async ({ XTrain, yTrain }) => {
    const knn = new KNN(rowsOf(XTrain), Array.from(yTrain), { k: 3 });
    return { predict: async (X) => knn.predict(rowsOf(X)) };
  };
}

/** The model's JSON length in bytes, or -1 when it is longer than a JavaScript string can be (k-NN on all of MNIST). */
function jsonLength(json: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(json));
  } catch (err) {
    if (err instanceof RangeError) return -1;
    throw err;
  }
}

/** A full garbage collection, where the task runs with `--expose-gc` (the harness starts it so). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A small seeded generator for ml-svm's random choices, so runs repeat. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

interface LibsvmConstructor {
  new (o: object): { train(X: number[][], y: number[]): void; predict(X: number[][]): number[] };
  KERNEL_TYPES: { RBF: number };
  SVM_TYPES: { C_SVC: number };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2]) as TaskSpec;
  const data = loadTaskData(spec.dataset, spec.trainSize, spec.testSize);
  // The files read and the images decoded are garbage now (about 100 MB for MNIST): collect them before the
  // measured work, as Python frees them at once, so that the peak memory is that of fitting and predicting.
  collectGarbage();
  const fit: Fit =
    spec.impl === 'digitkit' ? digitkit(spec)
      : spec.impl === 'libsvm-js' ? await libsvmJs(spec)
        : spec.impl === 'ml-svm' ? mlSvm(spec)
          : spec.impl === 'ml-knn' ? mlKnn()
            : (() => {
              throw new Error(`task: unknown implementation '${spec.impl}'`);
            })();
  const fitSeconds: number[] = [];
  const predictSeconds: number[] = [];
  let predicted: ArrayLike<number> = [];
  let modelBytes: number | null = null;
  let peakMemoryMB = 0;
  for (let r = 0; r < spec.repeat; r++) {
    const t0 = performance.now();
    const model = await fit(data);
    const t1 = performance.now();
    // The same for the fit's garbage (for the SVC on MNIST 10,000, 11 MB that the idle main thread had kept
    // through the prediction), outside both timings.
    collectGarbage();
    const t2 = performance.now();
    predicted = await model.predict(data.XTest);
    const t3 = performance.now();
    fitSeconds.push((t1 - t0) / 1000);
    predictSeconds.push((t3 - t2) / 1000);
    if (r === spec.repeat - 1) {
      // The peak of loading, fitting and predicting, read before the model's JSON is made to be measured (the
      // JSON of an SVC on all of MNIST is a 90 MB string, built from arrays of 17 million numbers).
      peakMemoryMB = process.resourceUsage().maxRSS / 1024;
      if (model.modelBytes) modelBytes = model.modelBytes();
    }
  }
  let hits = 0;
  for (let i = 0; i < data.yTest.length; i++) if (predicted[i] === data.yTest[i]) hits++;
  const result: TaskResult = {
    ...spec,
    accuracy: hits / data.yTest.length,
    fitSeconds,
    predictSeconds,
    peakMemoryMB,
    modelBytes,
    predictions: Array.from(predicted),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
