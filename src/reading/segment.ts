/**
 * Finding the digits in a picture: connected components of the ink, broken
 * strokes merged, specks dropped, touching digits split, ordered left to right.
 */
import { checkNumber } from '../core/validation.js';
import { checkOptions } from '../core/options.js';
import { boxOf, connectedComponents, neighbours8, unionBox, type PixelBox } from './components.js';
import { checkGreyImage, type GreyImage } from './grey-image.js';
import { inkMap, type InkMap } from './ink.js';
import { otsuThreshold } from './threshold.js';

/** How digits are found; every field is optional. */
export interface SegmentOptions {
  /**
   * Ink level (0..1 on the ink map, where 1 is the strongest ink) above which a
   * pixel is ink. By default Otsu's threshold of the ink map (at least twice the
   * paper's noise). Strokes are followed down to half this level (hysteresis).
   */
  threshold?: number;
  /** A piece with less than this fraction of the largest piece's ink pixels is a speck and ignored (default 0.08). */
  minArea?: number;
  /**
   * A piece wider than `splitRatio` × the line's height (its tallest digit) is taken
   * for touching digits and cut where its column profile is lowest (default 1.25).
   */
  splitRatio?: number;
}

/** A digit found in a picture. */
export interface DigitRegion {
  /**
   * The box of its ink above the threshold. Its longer side is the digit's size:
   * MNIST's 20-pixel box holds the strokes, and counting the soft edge of a blurred
   * or enlarged picture would shrink the digit.
   */
  box: PixelBox;
  /** Its pixels (indices `y * width + x`): its ink down to half the threshold, and the faint fringe around it. */
  pixels: Int32Array;
}

const OPTION_NAMES = ['threshold', 'minArea', 'splitRatio'] as const;

/** Checks segmentation options; `extra` names further options the caller accepts. */
export function resolveSegmentOptions(options: unknown, where: string, extra: readonly string[] = []): Required<Omit<SegmentOptions, 'threshold'>> & { threshold?: number } {
  const o = checkOptions(options, where, [...OPTION_NAMES, ...extra]);
  return {
    threshold: o.threshold === undefined ? undefined : checkNumber(o.threshold, where, 'threshold', { gt: 0, le: 1 }),
    minArea: o.minArea === undefined ? 0.08 : checkNumber(o.minArea, where, 'minArea', { ge: 0, le: 1 }),
    splitRatio: o.splitRatio === undefined ? 1.25 : checkNumber(o.splitRatio, where, 'splitRatio', { gt: 0 }),
  };
}

/**
 * The boxes of the digits in a picture, left to right (see {@link readDigits} for the rules).
 *
 * @throws RangeError for a picture without ink, TypeError / RangeError for bad options.
 */
export function segmentDigits(image: GreyImage, options?: SegmentOptions): PixelBox[] {
  const where = 'segmentDigits';
  const img = checkGreyImage(image, where);
  const o = resolveSegmentOptions(options, where);
  return findDigits(inkMap(img, where), o, false, where).map((r) => r.box);
}

interface Group {
  box: PixelBox;
  pixels: number[];
}

/**
 * The digits of an ink map, left to right. With `single`, all the ink that is
 * not a speck makes one digit.
 */
export function findDigits(map: InkMap, o: ReturnType<typeof resolveSegmentOptions>, single: boolean, where: string, name = 'image'): DigitRegion[] {
  const { width, height, ink, noiseFloor } = map;
  const t = o.threshold ?? Math.min(0.9, Math.max(otsuThreshold(ink), 2 * noiseFloor));
  const tLow = Math.max(t / 2, noiseFloor);
  const mask = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) mask[i] = ink[i] > tLow ? 1 : 0;
  // Components of the low mask that reach the threshold somewhere.
  let groups: Group[] = connectedComponents(mask, width, height)
    .components.filter((c) => c.pixels.some((p) => ink[p] > t))
    .map((c) => ({ box: c.box, pixels: Array.from(c.pixels) }));
  if (groups.length === 0) {
    throw new RangeError(`${where}: argument '${name}' must show some ink above the threshold ${t.toFixed(3)} (on the ink scale 0..1), got none`);
  }
  // Dust (under 2% of the largest piece) goes before merging, so that it never joins a digit.
  const largest0 = Math.max(...groups.map((g) => g.pixels.length));
  groups = groups.filter((g) => g.pixels.length >= Math.max(2, 0.02 * largest0) || g.pixels.length === largest0);
  const pieceHeight = Math.max(...groups.filter((g) => g.pixels.length >= o.minArea * largest0).map((g) => g.box.height));
  groups = mergeBroken(groups, pieceHeight);
  const largest = Math.max(...groups.map((g) => g.pixels.length));
  groups = groups.filter((g) => g.pixels.length >= o.minArea * largest);
  const lineHeight = Math.max(...groups.map((g) => g.box.height));
  if (single) {
    groups = [groups.reduce((a, b) => ({ box: unionBox(a.box, b.box), pixels: a.pixels.concat(b.pixels) }))];
  } else {
    groups = groups.flatMap((g) => splitTouching(g, map, lineHeight, o.splitRatio));
  }
  const regions = growFringe(groups, map, mask, t, Math.max(1, Math.round(lineHeight / 20)));
  return regions.sort((a, b) => a.box.x + a.box.width / 2 - (b.box.x + b.box.width / 2));
}

/**
 * Merges pieces of one digit, the closest pair first, while a pair belongs together:
 * - pieces whose horizontal extents overlap by at least half the narrower one's width
 *   and that are vertically close (a 7's bar over its stem, a stroke broken in two);
 * - a short piece (under half the line's height: not a digit by itself, such as a 5's
 *   cap, or the lower loop of a 5 whose cap is the larger piece) and another piece
 *   within 0.15 × the line's height of it.
 * Pairs are taken by their distance ({@link boxGap}), so a short piece joins the piece
 * nearest to it, not the first one found.
 */
function mergeBroken(groups: Group[], lineHeight: number): Group[] {
  const list = groups.slice();
  const short = (g: Group) => g.box.height < 0.5 * lineHeight;
  for (;;) {
    let best: [number, number] | null = null;
    let bestGap = Infinity;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const gap = boxGap(list[i].box, list[j].box);
        if (gap >= bestGap) continue;
        const near = (short(list[i]) || short(list[j])) && gap <= 0.15 * lineHeight;
        if (near || stacked(list[i].box, list[j].box, lineHeight)) {
          best = [i, j];
          bestGap = gap;
        }
      }
    }
    if (best === null) return list;
    const [i, j] = best;
    list[i] = { box: unionBox(list[i].box, list[j].box), pixels: list[i].pixels.concat(list[j].pixels) };
    list.splice(j, 1);
  }
}

/** One piece above the other: horizontal overlap of half the narrower one's width, a vertical gap of at most half the line. */
function stacked(A: PixelBox, B: PixelBox, lineHeight: number): boolean {
  const overlapX = Math.min(A.x + A.width, B.x + B.width) - Math.max(A.x, B.x);
  const gapY = Math.max(0, Math.max(A.y, B.y) - Math.min(A.y + A.height, B.y + B.height));
  return overlapX >= 0.5 * Math.min(A.width, B.width) && gapY <= 0.5 * lineHeight;
}

/** The distance between two boxes: the larger of their horizontal and vertical gaps (0 when they overlap). */
function boxGap(A: PixelBox, B: PixelBox): number {
  const gapX = Math.max(0, Math.max(A.x, B.x) - Math.min(A.x + A.width, B.x + B.width));
  const gapY = Math.max(0, Math.max(A.y, B.y) - Math.min(A.y + A.height, B.y + B.height));
  return Math.max(gapX, gapY);
}

/**
 * Cuts a piece much wider than the line is tall, recursively, at the column (in the
 * middle 60% of its width) that crosses the fewest strokes and, among those, the
 * least ink: where two digits touch, a column crosses one stroke, while the middle
 * of a '0' crosses two.
 */
function splitTouching(g: Group, map: InkMap, lineHeight: number, splitRatio: number): Group[] {
  const { box } = g;
  if (box.width <= splitRatio * lineHeight) return [g];
  const w = box.width;
  const h = box.height;
  const cell = new Float64Array(w * h); // the piece's own ink, in its box
  for (const p of g.pixels) {
    const y = (p / map.width) | 0;
    cell[(y - box.y) * w + (p - y * map.width - box.x)] = map.ink[p];
  }
  const minSide = Math.max(1, Math.round(0.3 * lineHeight));
  const lo = Math.max(minSide, Math.floor(0.2 * w));
  const hi = Math.min(w - minSide, Math.ceil(0.8 * w));
  let cut = -1;
  let best = Infinity;
  for (let c = lo; c < hi; c++) {
    let runs = 0;
    let ink = 0;
    let inside = false;
    for (let y = 0; y < h; y++) {
      const v = cell[y * w + c];
      ink += v;
      if (v > 0 && !inside) runs++;
      inside = v > 0;
    }
    const cost = runs * h + ink + 1e-6 * Math.abs(c - w / 2);
    if (cost < best) {
      best = cost;
      cut = c;
    }
  }
  if (cut < 0) return [g];
  const left: number[] = [];
  const right: number[] = [];
  for (const p of g.pixels) ((p % map.width) - box.x < cut ? left : right).push(p);
  if (left.length === 0 || right.length === 0) return [g];
  return [left, right]
    .map((pixels) => ({ box: boxOf(pixels, map.width), pixels }))
    .flatMap((part) => splitTouching(part, map, lineHeight, splitRatio));
}

/**
 * Adds to each digit the faint pixels around it (ink above the paper's noise,
 * within `reach` pixels of its strokes), as a breadth-first search from all the
 * digits at once, so that a faint pixel between two digits goes to the nearer one.
 * Pixels of the ignored pieces (specks) are never taken. Each digit's box is that
 * of its ink above the threshold (all its pixels if none is).
 */
function growFringe(groups: Group[], map: InkMap, mask: Uint8Array, threshold: number, reach: number): DigitRegion[] {
  const { width, height, ink, noiseFloor } = map;
  const owner = new Int32Array(ink.length).fill(-1);
  const around = new Int32Array(8);
  let frontier: number[] = [];
  const members: number[][] = groups.map(() => []);
  groups.forEach((g, k) => {
    for (const p of g.pixels) {
      owner[p] = k;
      members[k].push(p);
      frontier.push(p);
    }
  });
  for (let step = 0; step < reach && frontier.length > 0; step++) {
    const next: number[] = [];
    for (const p of frontier) {
      const n = neighbours8(p, width, height, around);
      for (let k = 0; k < n; k++) {
        const q = around[k];
        if (owner[q] < 0 && !mask[q] && ink[q] > noiseFloor) {
          owner[q] = owner[p];
          members[owner[p]].push(q);
          next.push(q);
        }
      }
    }
    frontier = next;
  }
  // `box` is the strokes' box, `pixels` add the faint fringe (which may reach outside it).
  return members.map((pixels, k) => {
    const strong = groups[k].pixels.filter((p) => ink[p] > threshold);
    return { box: boxOf(strong.length > 0 ? strong : groups[k].pixels, width), pixels: Int32Array.from(pixels) };
  });
}
