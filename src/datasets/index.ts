/**
 * Datasets: parsers, types and checksums for the 8×8 digits and MNIST. All
 * pure (they run in a browser); the loaders that read files (`loadDigits`,
 * `loadMnist`, `loadMnistSync`, `downloadMnist`) are in the `load-*.ts` files here (Node only).
 */
export { ImageSet } from './image-set.js';
export { augmentImages } from './augment.js';
export type { AugmentOptions } from './augment.js';
export { DatasetError } from './dataset-error.js';
export {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  encodeIdx,
  encodeIdxImages,
  encodeIdxLabels,
  gunzip,
  isGzip,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
} from './idx.js';
export type { IdxArray, IdxImagesOptions, IdxLabelsOptions, IdxParseOptions } from './idx.js';
export { parseDigitsCsv } from './digits-csv.js';
export type { DigitsDataset, DigitsTable } from './digits-csv.js';
export { MNIST_CHECKSUMS, MNIST_FILES, mnistFileCandidates } from './mnist-files.js';
export type { KnownChecksums, MnistFileName } from './mnist-files.js';
export { MNIST_DEFAULT_BASE_URLS, MNIST_DEFAULT_VALIDATION_SIZE } from './mnist-options.js';
export type { LoadMnistOptions, MnistSourceKind, MnistSplitName } from './mnist-options.js';
export type { MnistDataset } from './mnist-split.js';
