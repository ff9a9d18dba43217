/**
 * Features: HOG descriptors and deskewing of digit images, as pure functions
 * and as estimator-style transformers.
 */
export { hog, hogBatch } from './hog.js';
export type { HogBatchOptions } from './hog.js';
export { HOG_BLOCK_NORMS } from './hog-params.js';
export type { HogBlockNorm, HogDescriptorParams, HogOptions, HogParams } from './hog-params.js';
export { HOG } from './hog-transformer.js';
export type { HOGParams, HOGResolvedParams } from './hog-transformer.js';
export { deskew } from './deskew.js';
export { Deskew } from './deskew-transformer.js';
export { blur } from './blur.js';
export { Blur } from './blur-transformer.js';
export type { BlurParams } from './blur-transformer.js';
export type { DeskewParams } from './deskew-transformer.js';
export type { ImageInput, ImagesInput } from './image-input.js';
export type { ImageShape } from './image-shape.js';
export { ImageTransformer } from './image-transformer.js';
export type { ImageMapper, ImageSizeParams, ImageTransformerSpec } from './image-transformer.js';
export { PCA } from './pca.js';
export type { PCAParams, PCAResolvedParams } from './pca.js';
export type { PcaState } from './pca-fit.js';
