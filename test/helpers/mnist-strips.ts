/**
 * Test helper: strips of 2–8 MNIST digits as the round trip draws them (sizes
 * 1.5–3×, gaps of 3–18 pixels, uneven heights, the seven PNG kinds in turn), in
 * memory. Shared by the round-trip test and examples/reading-eval.ts, so that
 * the figures of the one are those of the other. Nothing is written to disk.
 */
import { blankInk, digitBox, drawDigit, inkToPng, type PngKind } from './render-digits.js';

/** The PNG kinds the round trip writes, in turn. */
export const ROUND_TRIP_KINDS: PngKind[] = ['grey8', 'grey16', 'grey8-light-on-dark', 'grey-alpha16', 'rgb8', 'rgba8-transparent', 'palette'];

/** One strip: which images it shows, left to right, and its PNG file. */
export interface DigitStrip {
  ids: number[];
  png: Uint8Array;
}

/**
 * `count` strips of the images `first`, `first + 1`, … (strip s holds 2 + s % 7 of them).
 * `pixels(id)` gives image `id` as 28×28 values 0..255, white on black.
 */
export function roundTripStrips(pixels: (id: number) => ArrayLike<number>, first: number, count: number): DigitStrip[] {
  let next = first;
  return Array.from({ length: count }, (_, s) => {
    const n = 2 + (s % 7);
    const scale = 1.5 + (s % 4) * 0.5;
    const ids = Array.from({ length: n }, () => next++);
    let x = 6 + (s % 5) * 3;
    const placed = ids.map((id) => {
      const b = digitBox(pixels(id));
      const at = { id, left: x - b.x * scale, top: 5 + ((id * 5) % 9) - b.y * scale };
      x += b.width * scale + 3 + ((id * 13) % 16); // gaps of 3 to 18 pixels
      return at;
    });
    const c = blankInk(Math.ceil(x + 6), Math.ceil(20 * scale + 20));
    for (const p of placed) drawDigit(c, pixels(p.id), p.left, p.top, scale);
    return { ids, png: inkToPng(c, ROUND_TRIP_KINDS[s % ROUND_TRIP_KINDS.length]) };
  });
}
