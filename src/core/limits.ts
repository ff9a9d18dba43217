/**
 * Sizes digitkit refuses beyond, so that a hostile file or parameter cannot
 * make it allocate without bound: what a model file or a picture declares is
 * checked against these before any memory is taken.
 */

/** The largest image width or height, in pixels (pictures, image transformers, templates). */
export const MAX_IMAGE_SIDE = 16384;

/** The most pixels in one image (width × height): 40 megapixels. */
export const MAX_IMAGE_PIXELS = 40_000_000;
