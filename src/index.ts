/**
 * digitkit: classical handwritten-digit recognition.
 * Public API: re-exports only.
 */
export * from './core/index.js';
export * from './svm/index.js';
export * from './image/index.js';
export * from './datasets/index.js';
export * from './metrics/index.js';
export * from './model-selection/index.js';
