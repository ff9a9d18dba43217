/**
 * Test helper: the model the reading tests read with, the shipped model
 * (models/mnist-hog-pca-svc.dkm, what readDigits uses without a model). The
 * reading tests still build their pictures from MNIST test digits, so they
 * skip without MNIST; this returns null then (callers skip).
 */
import { DatasetError, loadMnistSync, pretrainedModel, type Pipeline } from '../../src/index.js';

let cached: Pipeline | null | undefined;

/** The reading tests' model, or null when MNIST (their digits) is not here. */
export function readerModel(): Pipeline | null {
  if (cached !== undefined) return cached;
  try {
    loadMnistSync({ split: 'test', limit: 1 });
    cached = pretrainedModel() as Pipeline;
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    cached = null;
  }
  return cached;
}
