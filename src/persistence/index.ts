export { loadModel, registerModel, registeredModels } from './registry.js';
export type { ModelJSON } from './registry.js';
