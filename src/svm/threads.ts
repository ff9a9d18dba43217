/**
 * The SVC on worker threads (Node only): its threaded fit trains the
 * one-vs-one pairs on threads, its threaded prediction splits the queries.
 * The training rows, the support vectors and the queries sit on shared
 * memory, so no thread copies them. Results are identical to `fit` and `predict`.
 */
import { provide } from '../base/capabilities.js';
import { learnedState, setLearnedState } from '../base/estimator.js';
import { threadedFitHook, threadedPredictHook, type ThreadOptions } from '../base/hooks.js';
import type { Matrix } from '../core/matrix.js';
import type { FeatureInput, LabelInput } from '../core/validation.js';
import { shareCsrRows } from '../compute/wasm/csr-rows-kernel.js';
import { shareDotRows } from '../compute/wasm/dot-rows-kernel.js';
import { releaseScratch, reserveScratch } from '../compute/wasm/scratch.js';
import { MIN_PARALLEL_WORK, rangeSize } from '../parallel/jobs.js';
import { sharedArray, sharedDotRows, toShared } from '../parallel/shared-memory.js';
import { runRanges } from '../parallel/worker-pool.js';
import { checkSvcQueries, PREDICT_BLOCK } from './decision-values.js';
import type { SvcFitJob as FitWorkerJob } from './fit-worker.js';
import { rowSquaredNorms } from '../compute/dot-products.js';
import type { Kernel } from '../compute/kernels.js';
import { kernelMatrix } from './kernel-rows.js';
import { kernelDiagonals, ovoPlan, poolPairs, precomputesKernel, trainOneVsOne, type PairSolution } from './ovo.js';
import { pairPermutations } from './probability.js';
import type { SvcPredictJob } from './predict-worker.js';
import { SVC } from './svc.js';
import { prepareSvcFit, svcState, type SvcState } from './svc-fit.js';

/**
 * The SVC's threads keep their data in typed arrays, outside the JavaScript
 * heap, and allocate little on it: a small young generation saves memory at no
 * cost in time (MNIST 10,000, 2 threads: the fit's peak 259 → 245–249 MB, the
 * prediction's 261 → 257 MB, the same times).
 */
const SVC_WORKER_LIMITS = { maxYoungGenerationSizeMb: 2 };

/**
 * SVC predictions by ranges of queries: the kernel between the queries and
 * the support vectors is most of the work, and splits cleanly by query. The
 * model's arrays go to shared memory once per model (none is copied when they
 * live there already); the queries are read where they are when they do.
 */
async function predictOnThreads(svc: SVC, X: FeatureInput, { nJobs, onProgress, where }: ThreadOptions): Promise<Int32Array> {
  const p = learnedState<SvcState>(svc, 'predict');
  const Xm = checkSvcQueries(p, X, 'SVC.predict');
  if (nJobs === 1 || Xm.rows * p.supportVectors.rows * Xm.cols < MIN_PARALLEL_WORK) return svc.predict(Xm, { onProgress });
  const sv = p.supportVectors;
  const shared = sharedDotRows(sv, PREDICT_BLOCK);
  const simd = shared && reserveScratch(shared, nJobs);
  const out = new Int32Array(Xm.rows);
  try {
    await runRanges<{ start: number; predicted: Int32Array }>({
      worker: './predict-worker',
      importerUrl: import.meta.url,
      resourceLimits: SVC_WORKER_LIMITS,
      workerData: {
        model: {
          kernel: p.kernel,
          classes: p.classes,
          svNorms: sharedArray(p.svNorms),
          nSupport: p.nSupport,
          dualCoef: { rows: p.dualCoef.rows, cols: p.dualCoef.cols, data: sharedArray(p.dualCoef.data) },
          rho: p.rho,
        },
        supportVectors: simd ? { simd } : { matrix: { rows: sv.rows, cols: sv.cols, data: sharedArray(sv.data) } },
        queries: { rows: Xm.rows, cols: Xm.cols, data: toShared(Xm.data) },
      } satisfies SvcPredictJob,
      total: Xm.rows,
      rangeSize: rangeSize(Xm.rows, nJobs),
      nJobs,
      where,
      onProgress,
      onResult: (m) => out.set(m.predicted, m.start),
    });
  } finally {
    if (simd) releaseScratch(simd);
  }
  return out;
}

/**
 * `svc.fit(X, y)` with the one-vs-one pairs spread over `nJobs` threads: the
 * very same model. `cacheSize` MB is the budget of the whole fit: the threads'
 * kernel-row caches share it, as if one process.
 */
async function fitOnThreads(svc: SVC, X: FeatureInput, y: LabelInput, { nJobs, onProgress, where }: ThreadOptions): Promise<void> {
  const job = prepareSvcFit(svc, X, y, 'SVC.fit');
  const plan = ovoPlan(job.yIndex, job.classes.length);
  const nPairs = plan.pairs.length;
  // Small problems (under about 10⁹ multiply-adds for their kernel, n² × features) train faster without threads.
  if (nJobs === 1 || nPairs === 1 || job.X.rows * job.X.rows * job.X.cols < MIN_PARALLEL_WORK) {
    setLearnedState(svc, svcState(job, trainOneVsOne(job.X, job.yIndex, job.classes.length, job.kernel, { ...job.options, onProgress })));
    return;
  }
  const solutions: PairSolution[] = new Array(nPairs);
  const threads = Math.min(nJobs, nPairs);
  // cacheSize is the budget of the whole fit, as of libsvm's one process: each thread's cache gets its share.
  const pairOptions = { ...job.options, cacheBytes: job.options.cacheBytes / threads };
  const probability = job.options.probabilitySeed !== undefined;
  const folds = probability ? pairPermutations(plan, job.options.probabilitySeed!) : undefined;
  const rows = trainingRows(job.X, job.kernel, job.options.cacheBytes, threads, probability);
  try {
    await runRanges<{ start: number; solutions: PairSolution[] }>({
      worker: './fit-worker',
      importerUrl: import.meta.url,
      resourceLimits: SVC_WORKER_LIMITS,
      workerData: { rows, kernel: job.kernel, plan, options: pairOptions, folds } satisfies FitWorkerJob,
      total: nPairs,
      rangeSize: 1,
      nJobs,
      where,
      onProgress,
      onResult: (m) => m.solutions.forEach((sol, i) => (solutions[m.start + i] = sol)),
    });
  } finally {
    if ('simd' in rows) releaseScratch(rows.simd);
    if ('csr' in rows) releaseScratch(rows.csr);
  }
  setLearnedState(svc, svcState(job, poolPairs(plan, solutions)));
}

/**
 * What the workers of a fit read: the whole kernel matrix, computed once here
 * on shared memory, when it fits the cache; else the training rows on shared
 * WebAssembly memory for kernel rows computed on demand, with scratch space
 * for `threads` kernels: compressed (csr-rows-kernel.ts) where they suit, else
 * dense (where they are, or one copy); or a shared array for the TypeScript
 * loop without WebAssembly.
 */
function trainingRows(X: Matrix, kernel: Kernel, cacheBytes: number, threads: number, probability: boolean): FitWorkerJob['rows'] {
  const n = X.rows;
  if (precomputesKernel(n, cacheBytes)) {
    const K = kernelMatrix(X, kernel, true, new Float32Array(new SharedArrayBuffer(4 * n * n)));
    // The cross-validation of probability estimates needs double-precision kernel values too: from the rows.
    const exactRows = probability ? { rows: n, cols: X.cols, data: toShared(X.data) } : undefined;
    return { kernelMatrix: K, n, diag: kernelDiagonals(kernel, rowSquaredNorms(X)), exactRows };
  }
  const norms = () => toShared(rowSquaredNorms(X));
  const csrRows = shareCsrRows(X.data, n, X.cols, n);
  const csr = csrRows && reserveScratch(csrRows, threads);
  if (csr) return { csr, norms: norms() };
  const shared = shareDotRows(X.data, n, X.cols, n);
  const simd = shared && reserveScratch(shared, threads);
  return simd ? { simd, norms: norms() } : { matrix: { rows: n, cols: X.cols, data: toShared(X.data) } };
}

provide(threadedFitHook, SVC, fitOnThreads);
provide(threadedPredictHook, SVC, predictOnThreads);
