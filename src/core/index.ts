export { Matrix } from './matrix.js';
export { NotFittedError } from './errors.js';
export { RandomState } from './random.js';
export { toMatrix, toLabels, uniqueSorted } from './validation.js';
export type { FeatureInput, LabelInput } from './validation.js';
export type { ProgressCallback, ProgressOptions } from './progress.js';
