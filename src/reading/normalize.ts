/**
 * Digit normalisation: a digit found in a picture → the 28×28 format of MNIST
 * or the 8×8 format of scikit-learn's digits.
 */
import { checkGreyImage, type GreyImage } from './grey-image.js';
import { inkMap, type InkMap } from './ink.js';
import { boxOf } from './components.js';
import { resizeArea } from './resample.js';
import { findDigits, resolveSegmentOptions, type DigitRegion, type SegmentOptions } from './segment.js';

/** One digit cut out of a picture: white ink on black, cropped to its ink. */
export interface DigitPatch {
  width: number;
  height: number;
  /** The digit's size: the longer side of the box of its ink above the threshold (the patch may be larger, with the faint edge). */
  size: number;
  /** Ink 0..1, row-major; pixels of other digits and specks are 0. */
  ink: Float64Array;
}

/** MNIST's frame: 28×28 with the digit's longer side scaled to 20. */
const MNIST_SIDE = 28;
const MNIST_BOX = 20;
/** The point MNIST puts the centre of mass on, in pixel-index coordinates. */
const MNIST_CENTRE = 14;

/** Cuts a region out of an ink map: its box, with only its own pixels. */
export function regionPatch(map: InkMap, region: DigitRegion): DigitPatch {
  const { x, y, width, height } = boxOf(region.pixels, map.width);
  const ink = new Float64Array(width * height);
  for (const p of region.pixels) {
    const py = (p / map.width) | 0;
    const px = p - py * map.width;
    ink[(py - y) * width + (px - x)] = map.ink[p];
  }
  return { width, height, ink, size: Math.max(region.box.width, region.box.height) };
}

/**
 * A cropped digit → 784 values in 0..1 as MNIST was made: the longer side
 * of its box (ink above the threshold) scaled to 20 pixels (aspect ratio kept, area averaging), then placed in a
 * 28×28 frame by an integer shift that puts its centre of mass nearest (14, 14)
 * (pixel-index coordinates: column 14, row 14), as MNIST's own digits are.
 */
export function patchToMnist(patch: DigitPatch): Float64Array {
  const scale = MNIST_BOX / patch.size;
  const w = Math.max(1, Math.min(MNIST_SIDE, Math.round(patch.width * scale)));
  const h = Math.max(1, Math.min(MNIST_SIDE, Math.round(patch.height * scale)));
  const small = resizeArea(patch.ink, patch.width, patch.height, w, h);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  }
  const cx = mass > 0 ? mx / mass : (w - 1) / 2;
  const cy = mass > 0 ? my / mass : (h - 1) / 2;
  const ox = Math.round(MNIST_CENTRE - cx);
  const oy = Math.round(MNIST_CENTRE - cy);
  const out = new Float64Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < h; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < w; x++) {
      const tx = x + ox;
      if (tx < 0 || tx >= MNIST_SIDE) continue;
      out[ty * MNIST_SIDE + tx] = Math.min(1, Math.max(0, small[y * w + x]));
    }
  }
  return out;
}

/** Fraction of the 32×32 bitmap that is ink in scikit-learn's digits (about 310 of 1,024 pixels, whatever the digit). */
const DIGITS_INK_FRACTION = 0.3;

/**
 * A cropped digit → 64 values in 0..16 as scikit-learn's digits (UCI optdigits) look:
 * a 32×32 bitmap, then the ink pixels counted in each of the 8×8 non-overlapping 4×4 blocks.
 *
 * Those bitmaps come from NIST's normalisation, which this imitates from what the
 * data show: every digit fills the 32-pixel height and most of the width (a '1'
 * about as wide as a '0'), and about 30% of the pixels are ink whatever the digit
 * (strokes of one width). So the digit is stretched to 20×32 (area averaging; of
 * widths 16 to 32, 20 read MNIST validation digits best with an SVC trained on the
 * 8×8 digits), centred, softened by two 3×3 box blurs, and the 30% strongest pixels
 * are the ink.
 */
export function patchTo8x8(patch: DigitPatch): Float64Array {
  const side = 32;
  const boxW = 20;
  const small = resizeArea(patch.ink, patch.width, patch.height, boxW, side);
  const placed = new Float64Array(side * side);
  const ox = Math.floor((side - boxW) / 2);
  for (let y = 0; y < side; y++) for (let x = 0; x < boxW; x++) placed[y * side + x + ox] = small[y * boxW + x];
  const grey = boxBlur3(boxBlur3(placed, side), side);
  const order = Array.from(grey.keys()).sort((a, b) => grey[b] - grey[a]);
  const nInk = Math.round(DIGITS_INK_FRACTION * side * side);
  const out = new Float64Array(64);
  for (let k = 0; k < nInk && grey[order[k]] > 0; k++) {
    const p = order[k];
    const y = (p / side) | 0;
    out[(y >> 2) * 8 + ((p - y * side) >> 2)]++;
  }
  return out;
}

/** A 3×3 mean filter of a square image (edges average what is inside). */
function boxBlur3(src: ArrayLike<number>, side: number): Float64Array {
  const out = new Float64Array(src.length);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let s = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= side || xx < 0 || xx >= side) continue;
          s += src[yy * side + xx];
          n++;
        }
      }
      out[y * side + x] = s / n;
    }
  }
  return out;
}

/** The single digit of a picture: all its ink but specks. */
export function singleDigitPatch(image: GreyImage, options: SegmentOptions | undefined, where: string): { patch: DigitPatch; region: DigitRegion } {
  const img = checkGreyImage(image, where);
  const o = resolveSegmentOptions(options, where);
  const map = inkMap(img, where);
  const [region] = findDigits(map, o, true, where);
  return { patch: regionPatch(map, region), region };
}

/**
 * Normalises a picture of one digit to MNIST's format: 784 values in 0..1
 * (white ink on black, row-major 28×28), as digitkit's MNIST features are
 * (pixels / 255).
 *
 * Steps: find the ink (paper = the border's median brightness; ink is whichever
 * side of it the picture reaches farther, so dark-on-light and light-on-dark both
 * work), make it white on black with the strongest ink at 1, crop to the ink's
 * box (specks ignored, see {@link SegmentOptions}), scale the longer side to 20
 * pixels keeping the aspect ratio (area averaging, which anti-aliases), and place
 * it in the 28×28 frame with its centre of mass at (14, 14).
 *
 * @param image a greyscale picture (see {@link readPng}).
 * @throws RangeError for a picture without ink; TypeError / RangeError for a bad image or options.
 */
export function toMnist(image: GreyImage, options?: SegmentOptions): Float64Array {
  return patchToMnist(singleDigitPatch(image, options, 'toMnist').patch);
}

/**
 * Normalises a picture of one digit to the format of scikit-learn's 8×8 digits:
 * 64 counts in 0..16 (see `patchTo8x8`), after the same ink finding and
 * cropping as {@link toMnist}.
 *
 * @throws RangeError for a picture without ink; TypeError / RangeError for a bad image or options.
 */
export function toDigits8x8(image: GreyImage, options?: SegmentOptions): Float64Array {
  return patchTo8x8(singleDigitPatch(image, options, 'toDigits8x8').patch);
}
