/** A few MNIST training images for tests, read from MNIST (never committed), or null where MNIST is missing. */
import { DatasetError, loadMnistSync } from '../../src/index.js';

let cached: number[][] | null | undefined;

/** The first ten MNIST training images, 28×28 pixels 0..255 as number[] rows; null without MNIST (with the reason logged once). */
export function firstMnistImages(): number[][] | null {
  if (cached === undefined) {
    try {
      const images = loadMnistSync({ split: 'train-full', limit: 10 }).images;
      cached = Array.from({ length: 10 }, (_, i) => Array.from(images.data.subarray(i * 784, (i + 1) * 784)));
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      console.log(`      (tests on MNIST images skipped: ${err.message.split('\n')[0]})`);
      cached = null;
    }
  }
  return cached;
}
