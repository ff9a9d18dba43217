/**
 * Lines of writing: pieces of ink grouped by their vertical extents, top to bottom.
 */
import type { PixelBox } from './components.js';

/**
 * Groups boxes into lines of writing, top to bottom.
 *
 * Lines are made from the tall boxes (at least 40% of the tallest: digits, not
 * dots or a 5's cap): taken from the top, a box joins the line whose vertical
 * band it overlaps by at least half of the shorter of the two, else it starts a
 * new line. The vertical offsets of the round trip's strips (up to 9 pixels on
 * digits 30–60 pixels tall) keep an overlap of 70% or more, while two lines of
 * writing overlap by none. A band under 60% of the tallest band's height and within
 * 30% of a taller band's height from it is no line (a 5's floating cap): its boxes are
 * placed as the small ones. Every other box (a dot, a comma, a floating cap) joins
 * the line whose band, widened by a quarter of its height, holds its centre, or else
 * the line whose band's centre is nearest to it.
 *
 * @returns the indices of the boxes of each line, lines from top to bottom (each in the order given).
 */
export function groupLines(boxes: readonly PixelBox[]): number[][] {
  if (boxes.length === 0) return [];
  const tallest = Math.max(...boxes.map((b) => b.height));
  const tall = boxes.map((b, i) => i).filter((i) => boxes[i].height >= 0.4 * tallest);
  tall.sort((a, b) => boxes[a].y - boxes[b].y || boxes[a].x - boxes[b].x);
  const bands: { top: number; bottom: number; members: number[] }[] = [];
  for (const i of tall) {
    const b = boxes[i];
    let best = -1;
    let bestOverlap = 0;
    bands.forEach((band, k) => {
      const overlap = Math.min(band.bottom, b.y + b.height) - Math.max(band.top, b.y);
      const share = overlap / Math.min(band.bottom - band.top, b.height);
      if (share >= 0.5 && overlap > bestOverlap) {
        best = k;
        bestOverlap = overlap;
      }
    });
    if (best < 0) bands.push({ top: b.y, bottom: b.y + b.height, members: [i] });
    else {
      const band = bands[best];
      band.members.push(i);
      band.top = Math.min(band.top, b.y);
      band.bottom = Math.max(band.bottom, b.y + b.height);
    }
  }
  // A band much shorter than the tallest (under 60% of its height) is no line of its
  // own: a 5's floating cap can be 40% of the digit's height and start a band.
  // It must also lie close to a taller band (a gap of at most 30% of its height): a line of short, wide digits
  // farther away stays a line.
  const tallestBand = Math.max(...bands.map((b) => b.bottom - b.top));
  const isCap = (b: (typeof bands)[number]) =>
    b.bottom - b.top < 0.6 * tallestBand &&
    bands.some((o) => o !== b && o.bottom - o.top >= 0.6 * tallestBand && Math.max(o.top - b.bottom, b.top - o.bottom) <= 0.3 * (o.bottom - o.top));
  const kept = bands.filter((b) => !isCap(b));
  const loose = bands.filter(isCap).flatMap((b) => b.members);
  bands.length = 0;
  bands.push(...kept);
  const isTall = new Set(tall.filter((i) => !loose.includes(i)));
  boxes.forEach((b, i) => {
    if (isTall.has(i)) return;
    const centre = b.y + b.height / 2;
    let best = 0;
    let bestDistance = Infinity;
    bands.forEach((band, k) => {
      const h = band.bottom - band.top;
      const inside = centre >= band.top - h / 4 && centre <= band.bottom + h / 4;
      const distance = (inside ? 0 : 1e9) + Math.abs(centre - (band.top + band.bottom) / 2);
      if (distance < bestDistance) {
        best = k;
        bestDistance = distance;
      }
    });
    bands[best].members.push(i);
  });
  bands.sort((a, b) => a.top + a.bottom - (b.top + b.bottom));
  return bands.map((band) => band.members);
}
