/** Model selection: splitting data into training and test sets. */
export { trainTestSplit } from './split.js';
export type { TrainTestSplitOptions, TrainTestSplitResult } from './split.js';
