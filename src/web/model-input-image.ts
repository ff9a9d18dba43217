/**
 * The 28×28 images the model saw, for the page to show beside each digit:
 * the reader's own steps (ink map, segmentation, normalisation to MNIST's
 * format) with the default options, as `readDigits` takes them. Browser-safe;
 * the page's worker uses it.
 */
import type { GreyImage } from '../reading/grey-image.js';
import { inkMap } from '../reading/ink.js';
import { patchToMnist, regionPatch } from '../reading/normalize.js';
import { findDigits, resolveSegmentOptions } from '../reading/segment.js';

/**
 * The MNIST-format input of each digit `readDigits(image, model)` finds, in
 * its order, as 784 bytes (0..255, white ink on black).
 */
export function modelInputs(image: GreyImage): Uint8Array[] {
  const where = 'modelInputs';
  const map = inkMap(image, where);
  return findDigits(map, resolveSegmentOptions({}, where), false, where).map((r) => {
    const v = patchToMnist(regionPatch(map, r));
    return Uint8Array.from(v, (x) => Math.round(x * 255));
  });
}
