/** The data of a benchmark task: the digits example split or MNIST, cut to the task's sizes. */
import { clearMnistCache, loadDigits, loadMnistSync, trainTestSplit, type Matrix } from '../index.js';
import type { DatasetName } from './spec.js';

export interface TaskData {
  XTrain: Matrix;
  yTrain: Int32Array;
  XTest: Matrix;
  yTest: Int32Array;
}

/** The largest sizes of each dataset: the digits example's halves, MNIST's training and test sets. */
export const DATASET_SIZES: Record<DatasetName, { train: number; test: number }> = {
  digits: { train: 898, test: 899 },
  mnist: { train: 60000, test: 10000 },
};

/** The first `trainSize` training and `testSize` test samples (MNIST: pixels / 255). */
export function loadTaskData(dataset: DatasetName, trainSize: number, testSize: number): TaskData {
  if (dataset === 'mnist') {
    const train = loadMnistSync({ split: 'train-full', limit: trainSize });
    const test = loadMnistSync({ split: 'test', limit: testSize });
    // The parsed files (55 MB) are kept for later calls; a task makes none, and its peak memory should be its own.
    clearMnistCache();
    return { XTrain: train.features, yTrain: train.labels, XTest: test.features, yTest: test.labels };
  }
  const digits = loadDigits();
  const s = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });
  const first = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    XTrain: s.XTrain.selectRows(first(trainSize)),
    yTrain: Int32Array.from(s.yTrain).slice(0, trainSize),
    XTest: s.XTest.selectRows(first(testSize)),
    yTest: Int32Array.from(s.yTest).slice(0, testSize),
  };
}
