/**
 * What the benchmark harness runs: the estimators, the peers, the datasets,
 * and the shape of one task and its result.
 */
import {
  KNeighborsClassifier,
  SVC,
  TemplateMatcher,
  makePipeline,
  type Classifier,
} from '../index.js';
import { CHOSEN_HOG, DIGITS_HOG, featureSteps } from '../transformers/feature-setting.js';

export type DatasetName = 'digits' | 'mnist';
export type Implementation = 'digitkit' | 'scikit-learn' | 'libsvm-js' | 'ml-svm' | 'ml-knn';

/** The parameters of the SVC on each dataset: scikit-learn's example on the digits, the MNIST setting. */
export const SVC_PARAMS: Record<DatasetName, { C: number; gamma: number }> = {
  digits: { C: 1, gamma: 0.001 },
  mnist: { C: 5, gamma: 0.05 },
};

/** digitkit's estimators, by key. */
export const ESTIMATORS: Record<string, { label: string; make: (d: DatasetName) => Classifier }> = {
  svc: { label: 'SVC (RBF)', make: (d) => new SVC(SVC_PARAMS[d]) },
  'knn-raw': { label: 'k-NN k=3, pixels', make: () => new KNeighborsClassifier({ nNeighbors: 3 }) },
  'knn-hog': {
    label: 'k-NN k=3, HOG features',
    // The MNIST setting was chosen on the validation split (examples/mnist-hog-select.ts);
    // 8×8 digits have room for 2×2-pixel cells only.
    make: (d) => makePipeline(...featureSteps(d === 'mnist' ? CHOSEN_HOG : DIGITS_HOG), new KNeighborsClassifier({ nNeighbors: 3 })),
  },
  'template-mean': { label: "TemplateMatcher 'mean'", make: () => new TemplateMatcher({ mode: 'mean' }) },
  'template-all': { label: "TemplateMatcher 'all' k=3", make: () => new TemplateMatcher({ mode: 'all', k: 3 }) },
  'template-shift': { label: "TemplateMatcher 'all' k=3 shift 1", make: () => new TemplateMatcher({ mode: 'all', k: 3, maxShift: 1 }) },
};

/** Which digitkit estimator each peer is compared with, and the largest sizes it is run at (null: no limit). */
export const PEERS: Record<Exclude<Implementation, 'digitkit'>, { estimators: string[]; maxTrain: number | null; maxTest: number | null; note: string }> = {
  'scikit-learn': { estimators: ['svc', 'knn-raw'], maxTrain: null, maxTest: null, note: 'libsvm and brute-force k-NN (BLAS), through /usr/bin/python3' },
  'libsvm-js': { estimators: ['svc'], maxTrain: null, maxTest: null, note: 'libsvm 3.22 compiled to WebAssembly' },
  'ml-svm': {
    estimators: ['svc'],
    maxTrain: 1000,
    maxTest: 500,
    note: 'subsample only: a simplified SMO holding the whole O(n²) kernel matrix; binary, so the one-vs-one wrapper is written here. On the digits it predicted nearly every test digit as one class',
  },
  'ml-knn': { estimators: ['knn-raw'], maxTrain: 2000, maxTest: 500, note: 'subsample only: a kd-tree search, slow in many dimensions' },
};

/** One run of one estimator by one implementation, in its own process. */
export interface TaskSpec {
  impl: Implementation;
  estimator: string;
  dataset: DatasetName;
  trainSize: number;
  testSize: number;
  repeat: number;
  /** digitkit's worker threads for predictions (k-NN, TemplateMatcher). */
  jobs?: number;
  /** Where the data files for Python are (scikit-learn only). */
  dataDir?: string;
}

/** What a task reports. Times are per repetition; memory is the process's peak resident set. */
export interface TaskResult extends TaskSpec {
  accuracy: number;
  fitSeconds: number[];
  predictSeconds: number[];
  peakMemoryMB: number;
  /** Length of the model's JSON in bytes (digitkit only). */
  modelBytes: number | null;
  version?: string;
  /** scikit-learn's BLAS threads (threadpoolctl). */
  blasThreads?: number;
  predictions?: number[];
}
