export { loadModel, modelRegistry, registerModel, registeredModels } from '../base/registry.js';
export type { ModelJSON, ModelKind, RegisteredModel } from '../base/registry.js';
export { COMPACT_MIN_LENGTH, MODEL_FILE_FORMAT, MODEL_FILE_MAGIC, MODEL_FILE_VERSION, isModelFile, modelFromBytes, modelToBytes } from './model-file.js';
export type { ModelFilePrecision, ModelToBytesOptions } from './model-file.js';
