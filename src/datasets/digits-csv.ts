/**
 * The 8×8 handwritten digits of scikit-learn's `load_digits()`: the dataset
 * type and the pure CSV parser (the file loader is in `load-digits.ts`).
 */
import type { Matrix } from '../core/matrix.js';
import { DatasetError } from './dataset-error.js';
import { ImageSet } from './image-set.js';

/** What `loadDigits` returns, shaped like scikit-learn's `load_digits()` Bunch. */
export interface DigitsDataset {
  /** 1797 × 64 feature matrix: the pixels of each image as floats 0..16. */
  data: Matrix;
  /** The same pixels as 1797 images of 8×8 (integers 0..16). */
  images: ImageSet;
  /** The digit (0..9) of each image. */
  target: Int32Array;
  /** The class names: the digits 0 to 9. */
  targetNames: number[];
  /** scikit-learn's description of the dataset (`digits.rst`). */
  description: string;
}

/** The parsed content of the digits CSV. */
export interface DigitsTable {
  /** One 8×8 image per row. */
  images: ImageSet;
  /** The label of each row. */
  target: Int32Array;
}

/**
 * Parses scikit-learn's `digits.csv` (decompressed): no header, one image per
 * line, 64 integer pixels 0..16 followed by the label 0..9.
 *
 * @param text the CSV text.
 * @param source what the text is (a path), for error messages.
 * @throws DatasetError naming the line and what was wrong.
 */
export function parseDigitsCsv(text: string, source = 'digits.csv'): DigitsTable {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const n = lines.length;
  const pixels = new Uint8Array(n * 64);
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i].split(',');
    if (cells.length !== 65) {
      throw new DatasetError(`${source}: line ${i + 1}: expected 65 comma-separated values (64 pixels and a label), got ${cells.length}`, source);
    }
    for (let j = 0; j < 65; j++) {
      const v = Number(cells[j]);
      const max = j < 64 ? 16 : 9;
      if (!Number.isInteger(v) || v < 0 || v > max || cells[j].trim() === '') {
        const what = j < 64 ? `pixel ${j}` : 'the label';
        throw new DatasetError(`${source}: line ${i + 1}: ${what} must be an integer 0..${max}, got ${JSON.stringify(cells[j])}`, source);
      }
      if (j < 64) pixels[i * 64 + j] = v;
      else target[i] = v;
    }
  }
  return { images: new ImageSet(pixels, n, 8, 8), target };
}
