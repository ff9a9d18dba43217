/**
 * digitkit for browsers and other non-Node runtimes: everything but the
 * loaders that read files (`loadDigits`, `loadMnist`, …). Parse data you
 * fetched yourself with `parseDigitsCsv` or `parseIdxImages`/`parseIdxLabels`.
 * Re-exports only.
 */
export * from './core/index.js';
export * from './base/index.js';
export * from './svm/index.js';
export * from './plots/index.js';
export * from './datasets/index.js';
export * from './metrics/index.js';
export * from './model-selection/index.js';
export * from './persistence/index.js';
export * from './pipeline/index.js';
export * from './template/index.js';
export * from './transformers/index.js';
export * from './neighbors/index.js';
export * from './reading/index.js';
export * from './pretrained/index.js';
