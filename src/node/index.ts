/**
 * What needs Node: the dataset loaders that read files, hash and download.
 * Exported by the main entry (`digitkit`), left out of `digitkit/browser`.
 */
export { loadDigits } from './digits.js';
export { downloadMnist, loadMnist, loadMnistSync } from './mnist.js';
export type { DownloadMnistOptions } from './mnist.js';
export { clearMnistCache } from './mnist-read.js';
export { defaultMnistCacheDir } from './mnist-sources.js';
export { fitParallel, kneighborsParallel, predictParallel } from './parallel.js';
export type { ParallelOptions } from './parallel.js';
export { gridSearchParallel } from './grid-search-parallel.js';
export type { GridSearchParallelOptions } from './grid-search-parallel.js';
export { loadModelFile, modelFileFormat, saveModelFile } from './model-file.js';
export type { ModelFileFormat, SavedModelFile, SaveModelFileOptions } from './model-file.js';
