/**
 * Separators inside numbers (`.` `,` `/` `-` `:`), told from digits by their
 * geometry relative to the line of writing they sit in.
 */
import { describe } from '../core/errors.js';
import type { PixelBox } from './components.js';
import type { PieceShape } from './shape.js';

/** The separators that {@link readDigits} can read. */
export type SeparatorChar = '.' | ',' | '/' | '-' | ':';

/** Every separator, the default of the option `separators`. */
export const SEPARATORS: readonly SeparatorChar[] = ['.', ',', '/', '-', ':'];

/**
 * Checks the option `separators`: `undefined` or `true` → all five; `false` or `[]`
 * → none; else an array of some of `.` `,` `/` `-` `:`.
 */
export function resolveSeparators(value: unknown, where: string): Set<SeparatorChar> {
  if (value === undefined || value === true) return new Set(SEPARATORS);
  if (value === false) return new Set();
  if (!Array.isArray(value)) {
    throw new TypeError(`${where}: option 'separators' must be an array of some of '.', ',', '/', '-', ':' (or true / false), got ${describe(value)}`);
  }
  for (const [i, c] of value.entries()) {
    if (!SEPARATORS.includes(c as SeparatorChar)) {
      throw new RangeError(`${where}: option 'separators[${i}]' must be one of '.', ',', '/', '-', ':', got ${describe(c)}`);
    }
  }
  return new Set(value as SeparatorChar[]);
}

/** The line a piece sits in: its digits' typical top, bottom (baseline) and height. */
export interface LineFrame {
  /** Median top of the line's tall pieces. */
  top: number;
  /** Median bottom (the baseline). */
  bottom: number;
  /** Median height of the tall pieces (`bottom − top` or close to it). */
  height: number;
}

/** A piece of ink as the separator rules see it. */
export interface SeparatorPiece {
  box: PixelBox;
  shape: PieceShape;
}

/**
 * Which pieces of a line are separators. `others(i)` tells how far piece `i`'s
 * horizontal extent is covered by the other, larger pieces of the line (0..1 of
 * its width): a separator stands between digits, while a stroke of a digit lies
 * over or under the rest of it.
 *
 * The rules, relative to the line's median digit height h, top and baseline:
 * - **`:`** two small pieces (each at most 0.35 h a side) one above the other
 *   (horizontal overlap of at least 30% of the narrower), one centred in the upper
 *   two thirds and the other in the lower half, a gap between them;
 * - **`.`** a small filled piece (at most 0.3 h a side, neither side over 1.6 times
 *   the other, at least half its box inked) whose centre is in the lowest 30% of the
 *   line (a broken stroke's fragment is thinner);
 * - **`,`** a small piece (at most 0.3 h wide, 0.45 h tall) taller than wide,
 *   reaching below the baseline (by 5% of h) and starting under the line's middle;
 * - **`-`** a flat piece (at least twice as wide as tall, 0.2–1.2 h wide, at most
 *   0.25 h tall) centred between 30% and 75% of the line's height;
 * - **`/`** a thin straight piece (minor/major axis ≤ 0.2) leaning right by at least
 *   25°, taller than 1.15 h and reaching above or below the line (a date's slash).
 *   Slant alone cannot tell a slash from a 1: 1.66% of MNIST's training 1s (94 of
 *   5,678) are thin and lean 40° or more, while MDAS's handwritten slashes lean 32°
 *   (median); with a rule "40° or more" 1.6% of training 1s between two digits and
 *   10 of 1,500 strips of validation digits lost a 1 to '/'. MNIST's 1s are as tall as
 *   its other digits, so the height rule keeps them.
 * and every separator must be mostly free: less than 30% of its width under or over
 * larger pieces (a 5's floating cap and a 7's bar are over their digit's stem; the
 * caller widens the digits' extents by 10% of h, so a separator must stand apart).
 *
 * @returns the separator of each piece (index → char), colons on both their pieces.
 */
export function findSeparators(pieces: readonly SeparatorPiece[], line: LineFrame, allowed: ReadonlySet<SeparatorChar>, others: (i: number) => number): Map<number, SeparatorChar> {
  const found = new Map<number, SeparatorChar>();
  if (allowed.size === 0 || pieces.length === 0) return found;
  const h = line.height;
  const rel = (y: number) => (y - line.top) / Math.max(1, line.bottom - line.top); // 0 at the top, 1 at the baseline
  const free = (i: number) => others(i) < 0.3;
  const small = (b: PixelBox, s: number) => b.width <= s * h && b.height <= s * h;
  if (allowed.has(':')) {
    for (let i = 0; i < pieces.length; i++) {
      for (let j = 0; j < pieces.length; j++) {
        if (i === j || found.has(i) || found.has(j)) continue;
        const A = pieces[i].box;
        const B = pieces[j].box;
        if (!small(A, 0.35) || !small(B, 0.35) || A.y >= B.y) continue;
        const overlap = Math.min(A.x + A.width, B.x + B.width) - Math.max(A.x, B.x);
        const gap = B.y - (A.y + A.height);
        if (overlap < 0.3 * Math.min(A.width, B.width) || gap < 0.5 * Math.min(A.height, B.height)) continue;
        if (rel(pieces[i].shape.cy) > 0.67 || rel(pieces[j].shape.cy) < 0.5) continue;
        if (!free(i) || !free(j)) continue;
        found.set(i, ':');
        found.set(j, ':');
      }
    }
  }
  pieces.forEach((p, i) => {
    if (found.has(i) || !free(i)) return;
    const b = p.box;
    const s = p.shape;
    const cy = rel(s.cy);
    const fill = s.area / (b.width * b.height);
    if (allowed.has('.') && small(b, 0.3) && b.height <= 1.6 * b.width && b.width <= 1.6 * b.height && fill >= 0.5 && cy >= 0.7) {
      found.set(i, '.');
    } else if (allowed.has(',') && b.width <= 0.3 * h && b.height <= 0.45 * h && b.height > b.width && rel(b.y + b.height) >= 1.05 && rel(b.y) >= 0.5) {
      found.set(i, ',');
    } else if (allowed.has('-') && b.width >= 2 * b.height && b.width >= 0.2 * h && b.width <= 1.2 * h && b.height <= 0.25 * h && cy >= 0.3 && cy <= 0.75) {
      found.set(i, '-');
    } else if (allowed.has('/') && b.height >= 0.7 * h && s.minor <= 0.2 * s.major) {
      const beyond = b.height >= 1.15 * h && (b.y < line.top - 0.05 * h || b.y + b.height > line.bottom + 0.05 * h);
      if (beyond && s.slant >= 25) found.set(i, '/');
    }
  });
  return found;
}
