export { Pipeline, makePipeline } from './pipeline.js';
export type { PipelineStep } from './pipeline.js';
import './pipeline-hooks.js';
