/**
 * What needs Node: the dataset loaders that read files, hash and download;
 * model files; and the threaded fit, prediction and search, with each
 * estimator's thread hooks (imported here for their registration).
 * Exported by the main entry (`digitkit`), left out of `digitkit/browser`.
 */
import './svm/threads.js';
import './neighbors/threads.js';
import './template/threads.js';
import './pipeline/threads.js';

export { loadDigits } from './datasets/load-digits.js';
export { downloadMnist, loadMnist, loadMnistSync } from './datasets/load-mnist.js';
export type { DownloadMnistOptions } from './datasets/load-mnist.js';
export { clearMnistCache } from './datasets/mnist-read.js';
export { defaultMnistCacheDir } from './datasets/mnist-sources.js';
export { fitParallel, predictParallel } from './parallel/runners.js';
export type { ParallelOptions } from './parallel/jobs.js';
export { closeWorkerPool } from './parallel/worker-pool.js';
export { kneighborsParallel } from './neighbors/threads.js';
export { gridSearchParallel } from './model-selection/grid-search-parallel.js';
export type { GridSearchParallelOptions } from './model-selection/grid-search-parallel.js';
export { loadModelFile, modelFileFormat, saveModelFile } from './persistence/model-file-io.js';
export { pretrainedModel } from './pretrained/load-pretrained-node.js';
export type { ModelFileFormat, SavedModelFile, SaveModelFileOptions } from './persistence/model-file-io.js';
export { DEFAULT_MAX_BODY_BYTES, startDigitServer } from './web/server.js';
export type { DigitServer, DigitServerOptions } from './web/server.js';
