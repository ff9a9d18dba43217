export { PRETRAINED_MODEL_FILE, loadPretrainedModel } from './pretrained-model.js';
export type { LoadPretrainedOptions } from './pretrained-model.js';
