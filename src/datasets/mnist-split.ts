/**
 * Cutting a loaded MNIST file pair into the requested split (pure).
 */
import type { Matrix } from '../core/matrix.js';
import { paramMessage } from '../core/errors.js';
import type { ImageSet } from './image-set.js';
import type { MnistSplitName } from './mnist-options.js';

/** What `loadMnist` returns. */
export interface MnistDataset {
  /** The split that was loaded. */
  split: MnistSplitName;
  /** The images (28×28, 0..255, 0 = background): a copy, free to modify. */
  images: ImageSet;
  /**
   * The images as a `count × 784` matrix of pixels / 255 (0..1). Built from
   * `images` on first read and then kept (60,000 rows take 376 MB as 64-bit
   * floats, about 0.4 s), so a split used only as images costs no float copy.
   */
  readonly features: Matrix;
  /** The digit (0..9) of each image: a copy, free to modify. */
  labels: Int32Array;
  /** The image and label files the data came from (paths or URLs). */
  files: { images: string; labels: string };
}

/** Which images of a file pair a split takes: `[start, end)`. */
export function mnistSplitRange(
  split: MnistSplitName,
  count: number,
  validationSize: number,
  limit: number | undefined,
  where: string,
): [number, number] {
  let start = 0;
  let end = count;
  if (split === 'train' || split === 'validation') {
    if (validationSize > count) {
      throw new RangeError(paramMessage(where, 'validationSize', `an integer in 0..${count} (the number of training images)`, validationSize));
    }
    if (split === 'train') end = count - validationSize;
    else start = count - validationSize;
    if (start === end) {
      throw new RangeError(
        `${where}: split '${split}' is empty with validationSize ${validationSize} and ${count} training images; ` +
          (split === 'validation' ? "use validationSize > 0, or split 'train-full'" : `use validationSize < ${count}`),
      );
    }
  }
  if (limit !== undefined) end = Math.min(end, start + limit);
  return [start, end];
}

/**
 * Builds the dataset of one split from a whole file pair. The images and
 * labels are copied, so the caller may modify them without touching `images`/`labels`.
 */
export function makeMnistDataset(
  split: MnistSplitName,
  images: ImageSet,
  labels: Int32Array,
  range: [number, number],
  files: { images: string; labels: string },
): MnistDataset {
  const [start, end] = range;
  const part = images.slice(start, end);
  let features: Matrix | undefined;
  return {
    split,
    images: part,
    get features(): Matrix {
      features ??= part.toMatrix(255);
      return features;
    },
    labels: labels.slice(start, end),
    files,
  };
}
