export { Pipeline, makePipeline } from './Pipeline.js';
export type { PipelineStep } from './Pipeline.js';
