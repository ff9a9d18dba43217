/**
 * `loadDigits()`: reads the 8×8 digits shipped in the package's `datasets/` folder.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from './dataset-error.js';
import { parseDigitsCsv } from './digits-csv.js';
import type { DigitsDataset, DigitsTable } from './digits-csv.js';
import { ImageSet } from './image-set.js';
import { findUp, gunzipNode, readBytes } from '../core/node-files.js';
import { sha256Hex } from './sha256.js';

/** SHA-256 of the decompressed `digits.csv` (see `datasets/SOURCE.md`). */
export const DIGITS_CSV_SHA256 = '6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8';

let cached: { table: DigitsTable; description: string } | undefined;

/**
 * The folder holding `digits.csv.gz`: the package's `datasets/`, found by
 * walking up from this module, so it works from `src/` (tsx), from the built
 * `dist/` and from an installed package.
 */
export function digitsDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findUp(here, join('datasets', 'digits.csv.gz'));
  if (root === undefined) {
    throw new DatasetError(`loadDigits: cannot find datasets/digits.csv.gz in ${here} or any of its parents; the package's 'datasets' folder is missing`, here);
  }
  return join(root, 'datasets');
}

/**
 * Loads scikit-learn's 8×8 handwritten digits (1797 images, 10 classes), like
 * `sklearn.datasets.load_digits()`. Synchronous and offline: the data ships
 * with the package.
 *
 * The file is read, checked against its SHA-256 and parsed once per process;
 * every call returns fresh copies of the arrays, so modifying a result never
 * affects later calls.
 *
 * @throws DatasetError when the shipped file is missing, corrupt or does not match its checksum.
 */
export function loadDigits(): DigitsDataset {
  if (cached === undefined) {
    const dir = digitsDirectory();
    const csvPath = join(dir, 'digits.csv.gz');
    // digits.csv is 265 KB decompressed: 4 MB is ample, and bounds what a replaced file could make us hold.
    const csv = gunzipNode(readBytes(csvPath, 'loadDigits'), csvPath, 'loadDigits', 4 << 20);
    const got = sha256Hex(csv);
    if (got !== DIGITS_CSV_SHA256) {
      throw new DatasetError(`loadDigits: ${csvPath}: checksum mismatch of the decompressed CSV: expected SHA-256 ${DIGITS_CSV_SHA256}, got ${got}`, csvPath);
    }
    const table = parseDigitsCsv(new TextDecoder().decode(csv), csvPath);
    const rstPath = join(dir, 'digits.rst');
    let description: string;
    try {
      description = readFileSync(rstPath, 'utf8');
    } catch (err) {
      throw new DatasetError(`loadDigits: ${rstPath}: cannot read the description (${(err as Error).message})`, rstPath);
    }
    cached = { table, description };
  }
  const { table, description } = cached;
  const images = new ImageSet(table.images.data.slice(), table.images.count, 8, 8);
  return {
    data: images.toMatrix(1),
    images,
    target: table.target.slice(),
    targetNames: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    description,
  };
}
