/**
 * digitkit: classical handwritten-digit recognition.
 * Public API for Node: everything in `digitkit/browser` plus the dataset
 * loaders that read files. Re-exports only.
 */
export * from './browser.js';
export * from './node.js';
