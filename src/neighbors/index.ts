export { KNeighborsClassifier } from './KNeighborsClassifier.js';
export type { KNeighborsParams, KNeighborsResult } from './KNeighborsClassifier.js';
export type { KNeighborsMetric } from './metric.js';
export type { KNeighborsWeights } from './vote.js';
