/**
 * The estimator protocol: the base class every digitkit estimator and
 * transformer extends, parameter specs, learned-state schemas, the model
 * registry, and capabilities. Use it to write a model of your own that
 * works with pipelines, `clone`, grid search and `loadModel`.
 */
export { Estimator, learnedState, registerEstimator, setLearnedState, validateParams } from './estimator.js';
export type { EstimatorClass, EstimatorSpec } from './estimator.js';
export { checkParams, paramRule, storeParams } from './params.js';
export type { NumberBounds, ParamDef, ParamRule, ParamSpec } from './params.js';
export { readState, stateField, writeState } from './state.js';
export type { IntsOptions, ReadContext, SizeRule, StateField, StateSchema } from './state.js';
export { capabilityOf, defineCapability, provide } from './capabilities.js';
export type { Capability } from './capabilities.js';
export { cloneHook, confidenceHook, newOutputHook, summaryHook, threadedFitHook, threadedPredictHook } from './hooks.js';
export type { Predictions, ThreadOptions } from './hooks.js';
export { predictWithConfidence } from './confidence.js';
export { isClassifier, isTransformer } from './protocol.js';
export type { Classifier, Model, SerializedModel, Transformer } from './protocol.js';
