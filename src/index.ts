/**
 * digitkit: classical handwritten-digit recognition.
 * Public API for Node: everything in `digitkit/browser` plus the dataset
 * loaders that read files. Re-exports only.
 */
export * from './node/index.js';
export * from './core/index.js';
export * from './svm/index.js';
export * from './image/index.js';
export * from './datasets/index.js';
export * from './metrics/index.js';
export * from './model-selection/index.js';
export * from './persistence/index.js';
export * from './neighbors/index.js';
export * from './features/index.js';
export * from './pipeline/index.js';
export * from './template/index.js';
