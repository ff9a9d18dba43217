/**
 * The number of train and test samples from `testSize` / `trainSize`, with
 * scikit-learn's rules (its `_validate_shuffle_split`).
 *
 * A size is either a fraction of the samples, strictly between 0 and 1, or a
 * whole number of samples, from 1 to n − 1. JavaScript has one number type, so
 * an integer is a count and any other number a fraction: `1` means one sample
 * (where scikit-learn would refuse the float `1.0`).
 */
import { paramMessage } from '../core/errors.js';

/** Resolved split sizes. */
export interface SplitSizes {
  nTrain: number;
  nTest: number;
}

type Size = { kind: 'fraction' | 'count'; value: number } | null;

function readSize(value: unknown, name: string, nSamples: number, where: string): Size {
  if (value === undefined || value === null) return null;
  const expected =
    nSamples > 1
      ? `a fraction in (0, 1) or an integer count in [1, ${nSamples - 1}] (of ${nSamples} samples)`
      : `a fraction in (0, 1) (there is only ${nSamples} sample)`;
  if (typeof value !== 'number') throw new TypeError(paramMessage(where, name, expected, value));
  if (Number.isInteger(value)) {
    if (value <= 0 || value >= nSamples) throw new RangeError(paramMessage(where, name, expected, value));
    return { kind: 'count', value };
  }
  if (!(value > 0 && value < 1)) throw new RangeError(paramMessage(where, name, expected, value));
  return { kind: 'fraction', value };
}

/**
 * Resolves `testSize` and `trainSize` into sample counts for `nSamples` samples.
 *
 * - A fraction of the test set rounds up (`ceil(testSize · n)`), a fraction of the
 *   training set rounds down (`floor(trainSize · n)`).
 * - When one size is absent it is the rest of the samples; when both are absent the
 *   test size is `defaultTestSize`.
 *
 * @param where the call, for error messages.
 * @throws TypeError when a size is not a number.
 * @throws RangeError when a size is out of range, the two ask for more than all
 *   samples, or the training set would be empty.
 */
export function resolveSplitSizes(
  nSamples: number,
  testSize: unknown,
  trainSize: unknown,
  where: string,
  defaultTestSize = 0.25,
): SplitSizes {
  let test = readSize(testSize, 'testSize', nSamples, where);
  const train = readSize(trainSize, 'trainSize', nSamples, where);
  if (test === null && train === null) test = { kind: 'fraction', value: defaultTestSize };

  if (test?.kind === 'fraction' && train?.kind === 'fraction' && test.value + train.value > 1) {
    throw new RangeError(
      `${where}: parameters 'testSize' and 'trainSize' must add up to at most 1 when both are fractions, ` +
        `got ${test.value} + ${train.value} = ${test.value + train.value}`,
    );
  }
  let nTest = test === null ? NaN : test.kind === 'fraction' ? Math.ceil(test.value * nSamples) : test.value;
  let nTrain = train === null ? NaN : train.kind === 'fraction' ? Math.floor(train.value * nSamples) : train.value;
  if (train === null) nTrain = nSamples - nTest;
  else if (test === null) nTest = nSamples - nTrain;

  if (nTrain + nTest > nSamples) {
    throw new RangeError(
      `${where}: parameters 'testSize' and 'trainSize' must not ask for more than the ${nSamples} samples, ` +
        `got testSize ${String(testSize)} (${nTest} samples) and trainSize ${String(trainSize)} (${nTrain} samples)`,
    );
  }
  if (nTrain === 0) {
    const name = train === null ? 'testSize' : 'trainSize';
    const value = train === null ? testSize ?? defaultTestSize : trainSize;
    throw new RangeError(
      `${where}: parameter '${name}' must leave at least one training sample of ${nSamples}, got ${value} ` +
        `(${nTest} test and 0 training samples)`,
    );
  }
  return { nTrain, nTest };
}
