export { KNeighborsClassifier } from './k-neighbors-classifier.js';
export type { KNeighborsParams, KNeighborsResult, KnnSaved } from './k-neighbors-classifier.js';
export type { KNeighborsMetric } from './metric.js';
export type { KNeighborsWeights } from './vote.js';
import './knn-hooks.js';
