/**
 * Reading digits from pictures: PNG in, MNIST / 8×8 normalisation, finding
 * several digits in one picture, and a picture of what was read. Free of
 * Node-only APIs.
 */
export type { GreyImage } from './grey-image.js';
export { readPng } from './png.js';
export { readJpeg } from './jpeg.js';
export { pictureFormat, readPicture } from './picture.js';
export type { PictureFormat } from './picture.js';
export { MAX_PNG_PIXELS, MAX_PNG_SIDE } from './png-header.js';
export { MIN_INK_CONTRAST } from './ink.js';
export { toDigits8x8, toMnist } from './normalize.js';
export { segmentDigits } from './segment.js';
export type { SegmentOptions } from './segment.js';
export type { PixelBox } from './components.js';
export { modelFormat } from './model-input.js';
export type { DigitFormat } from './model-input.js';
export { DEFAULT_MIN_CONFIDENCE, readDigit, readDigits, readDigitsBatch } from './read.js';
export type { CharacterRead, DigitAlternative, DigitRead, LineRead, ReadDigitsOptions, ReadDigitsResult, SeparatorRead } from './read.js';
export { SEPARATORS } from './separators.js';
export type { SeparatorChar } from './separators.js';
export { explainPng } from './explain.js';
export { greyFromImageData } from './image-data.js';
export type { ImageDataLike } from './image-data.js';
export type { ExplainedDigit, ExplainPngOptions } from './explain.js';
