/**
 * Finding the digits in a picture: connected components of the ink, broken
 * strokes merged, specks dropped, touching digits split, ordered left to right.
 */
import { checkNumber } from '../core/validation.js';
import { checkOptions } from '../core/options.js';
import { boxOf, connectedComponents, neighbours8, unionBox, type PixelBox } from './components.js';
import { checkGreyImage, type GreyImage } from './grey-image.js';
import { inkMap, type InkMap } from './ink.js';
import { groupLines } from './lines.js';
import { removeRules } from './rules.js';
import { findSeparators, type SeparatorChar } from './separators.js';
import { pieceShape } from './shape.js';
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

/** A character found in a picture: a digit to read, or a separator told by its shape. */
export interface FoundChar {
  /** The digit's region (box and pixels), or the separator's. */
  region: DigitRegion;
  /** The separator, or null for a digit. */
  separator: SeparatorChar | null;
  /** The line it is in (0 = the top line). */
  line: number;
  /**
   * For a part of a piece cut as touching digits: the index in `wholes` of the uncut
   * piece, so that a reader with a model can keep the piece whole when it reads better so.
   */
  cutFrom?: number;
}

/** The characters of a picture, line by line, left to right in each line. */
export interface Layout {
  chars: FoundChar[];
  /** Each line's box (its characters' union), top to bottom. */
  lines: PixelBox[];
  /** The uncut pieces of the cuts, with the line each is in. */
  wholes: { region: DigitRegion; line: number }[];
  /** The rules taken out: how many horizontal and vertical ones. */
  rules: { horizontal: number; vertical: number };
}

/** Layout options beyond segmentation's. */
export interface LayoutOptions {
  /** The separators to look for (none: every piece is a digit or a speck). */
  separators: ReadonlySet<SeparatorChar>;
  /** Take out long straight rules first (default true). */
  rules: boolean;
}

const NO_LAYOUT_EXTRAS: LayoutOptions = { separators: new Set(), rules: true };

/**
 * The digits of an ink map, left to right. With `single`, all the ink that is
 * not a speck makes one digit.
 */
export function findDigits(map: InkMap, o: ReturnType<typeof resolveSegmentOptions>, single: boolean, where: string, name = 'image'): DigitRegion[] {
  return findLayout(map, o, single, NO_LAYOUT_EXTRAS, where, name).chars.map((c) => c.region);
}

/**
 * The characters of an ink map: rules taken out, pieces grouped into lines (top to
 * bottom), separators told apart, broken digits merged, specks dropped, touching
 * digits cut, each line left to right. With `single`, all the ink that is not a
 * speck makes one digit.
 */
export function findLayout(map0: InkMap, o: ReturnType<typeof resolveSegmentOptions>, single: boolean, extras: LayoutOptions, where: string, name = 'image'): Layout {
  const { width, height, noiseFloor } = map0;
  const t = o.threshold ?? Math.min(0.9, Math.max(otsuThreshold(map0.ink), 2 * noiseFloor));
  const tLow = Math.max(t / 2, noiseFloor);
  let mask: Uint8Array = new Uint8Array(map0.ink.length);
  for (let i = 0; i < mask.length; i++) mask[i] = map0.ink[i] > tLow ? 1 : 0;
  let map = map0;
  let rules = { horizontal: 0, vertical: 0 };
  if (extras.rules && !single) {
    const r = removeRules(mask, width, height);
    if (r.horizontal + r.vertical > 0) {
      rules = { horizontal: r.horizontal, vertical: r.vertical };
      mask = r.mask;
      // The rules' faint edges go too, so that no digit takes them as its fringe.
      const ink = Float64Array.from(map0.ink);
      for (let i = 0; i < ink.length; i++) if (r.removed[i]) ink[i] = 0;
      dilateRemoved(r.removed, mask, ink, width, height, noiseFloor);
      map = { ...map0, ink };
    }
  }
  const { ink } = map;
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
  groups = joinCutStrokes(groups);
  const lineGroups = single ? [groups] : groupLines(groups.map((g) => g.box)).map((ids) => ids.map((i) => groups[i]));
  const chars: FoundChar[] = [];
  const wholes: Layout['wholes'] = [];
  const reach = Math.max(1, Math.round(Math.max(...groups.map((g) => g.box.height)) / 20));
  const lineBoxes: PixelBox[] = [];
  const digitGroups: { g: Group; line: number; cutFrom?: number }[] = [];
  const separatorGroups: { g: Group; line: number; char: SeparatorChar }[] = [];
  lineGroups.forEach((members, line) => {
    let pieces = members;
    const largest = Math.max(...pieces.map((g) => g.pixels.length));
    const tall = pieces.filter((g) => g.pixels.length >= o.minArea * largest);
    const pieceHeight = Math.max(...tall.map((g) => g.box.height));
    // Separators first, so that a point beside a digit is not merged into it.
    const seps = single ? new Map<number, SeparatorChar>() : separatorsOf(pieces, map.width, extras.separators);
    for (const [i, char] of seps) separatorGroups.push({ g: pieces[i], line, char });
    pieces = pieces.filter((_, i) => !seps.has(i));
    joinColons(separatorGroups, line);
    if (pieces.length > 0) {
      pieces = mergeBroken(pieces, pieceHeight);
      const largestMerged = Math.max(...pieces.map((g) => g.pixels.length));
      pieces = pieces.filter((g) => g.pixels.length >= o.minArea * largestMerged);
      const lineHeight = Math.max(...pieces.map((g) => g.box.height));
      if (single) {
        pieces = [pieces.reduce((a, b) => ({ box: unionBox(a.box, b.box), pixels: a.pixels.concat(b.pixels) }))];
      }
      for (const g of pieces) {
        const parts = single ? [g] : splitTouching(g, map, lineHeight, o.splitRatio);
        if (parts.length === 1) digitGroups.push({ g, line });
        else {
          const cutFrom = wholes.length;
          wholes.push({ region: growFringe([g], map, mask, t, reach)[0], line });
          for (const p of parts) digitGroups.push({ g: p, line, cutFrom });
        }
      }
    }
  });
  const regions = growFringe(digitGroups.map((d) => d.g), map, mask, t, reach);
  digitGroups.forEach((d, k) => chars.push({ region: regions[k], separator: null, line: d.line, ...(d.cutFrom === undefined ? {} : { cutFrom: d.cutFrom }) }));
  for (const s of separatorGroups) chars.push({ region: { box: s.g.box, pixels: Int32Array.from(s.g.pixels) }, separator: s.char, line: s.line });
  const centre = (c: FoundChar) => c.region.box.x + c.region.box.width / 2;
  chars.sort((a, b) => a.line - b.line || centre(a) - centre(b));
  // A separator stands inside a number: one with no digit before or after it in its line is a stray mark, dropped
  // (two of the 3,036 one-digit EMNIST pictures have a comma-like tick beside the digit).
  for (let k = chars.length - 1; k >= 0; k--) {
    const c = chars[k];
    if (c.separator === null) continue;
    const before = chars.slice(0, k).some((d) => d.line === c.line && d.separator === null);
    const after = chars.slice(k + 1).some((d) => d.line === c.line && d.separator === null);
    if (!before || !after) chars.splice(k, 1);
  }
  for (let line = 0; line < lineGroups.length; line++) {
    const boxes = chars.filter((c) => c.line === line).map((c) => c.region.box);
    if (boxes.length > 0) lineBoxes.push(boxes.reduce(unionBox));
  }
  // Lines left empty (all specks) are dropped: renumber.
  const used = [...new Set(chars.map((c) => c.line))].sort((a, b) => a - b);
  const renumber = new Map(used.map((l, k) => [l, k]));
  for (const c of chars) c.line = renumber.get(c.line)!;
  for (const w of wholes) w.line = renumber.get(w.line) ?? 0;
  return { chars, lines: lineBoxes, wholes, rules };
}

/**
 * Joins pieces one right above the other (horizontal overlap of half the narrower
 * one's width; vertically apart by at most 12% of their heights' sum, or overlapping
 * by at most a quarter of the shorter) before lines are looked for, so that the halves
 * of a stroke cut by a lifted pen do not make two lines. {@link fitsLine} keeps two
 * digits of two close lines apart when they have neighbours. Chosen on MNIST
 * validation digits (`reading-eval --parts cuts`): 200 digits with 3 rows erased
 * across them stay one digit 194, 195, 197 times at 10%, 12%, 12.5%, while of 60
 * pictures of two one-digit lines 15–40% of a line apart 31, 27, 25 give two lines
 * (pictures of two-digit lines: 60 of 60 each); broken strokes count for more.
 */
function joinCutStrokes(groups: Group[]): Group[] {
  const list = groups.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < list.length && !changed; i++) {
      for (let j = i + 1; j < list.length && !changed; j++) {
        const A = list[i].box;
        const B = list[j].box;
        const overlapX = Math.min(A.x + A.width, B.x + B.width) - Math.max(A.x, B.x);
        const gapY = Math.max(A.y, B.y) - Math.min(A.y + A.height, B.y + B.height);
        if (overlapX >= 0.5 * Math.min(A.width, B.width) && gapY >= -0.25 * Math.min(A.height, B.height) && gapY <= 0.12 * (A.height + B.height) && fitsLine(list, i, j)) {
          list[i] = { box: unionBox(A, B), pixels: list[i].pixels.concat(list[j].pixels) };
          list.splice(j, 1);
          changed = true;
        }
      }
    }
  }
  return list;
}

/**
 * Whether pieces i and j joined would be no taller than 1.3 times the tallest of the
 * other sizeable pieces beside them (at least 8% of the largest one's pixels), or there
 * are none: two digits one above the other in two close lines would make a piece
 * twice as tall as their neighbours.
 */
function fitsLine(list: Group[], i: number, j: number): boolean {
  const largest = Math.max(...list.map((g) => g.pixels.length));
  const joined = unionBox(list[i].box, list[j].box);
  // The other pieces beside the pair (not over or under it: the rest of a digit cut in several pieces is).
  const beside = (b: PixelBox) => b.x >= joined.x + joined.width || b.x + b.width <= joined.x;
  const others = list.filter((g, k) => k !== i && k !== j && g.pixels.length >= 0.08 * largest && beside(g.box));
  if (others.length === 0) return true;
  return joined.height <= 1.3 * Math.max(...others.map((g) => g.box.height));
}

/** A line's separators, by the geometry of {@link findSeparators}. */
function separatorsOf(pieces: Group[], width: number, allowed: ReadonlySet<SeparatorChar>): Map<number, SeparatorChar> {
  if (allowed.size === 0 || pieces.length < 2) return new Map();
  const heights = pieces.map((g) => g.box.height);
  const tallest = Math.max(...heights);
  // The line's frame from its digit-sized pieces (at least 60% of the tallest).
  const digits = pieces.filter((g) => g.box.height >= 0.6 * tallest);
  const median = (v: number[]) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const top = median(digits.map((g) => g.box.y));
  const bottom = median(digits.map((g) => g.box.y + g.box.height));
  const frame = { top, bottom, height: median(digits.map((g) => g.box.height)) };
  const list = pieces.map((g) => ({ box: g.box, shape: pieceShape(g.pixels, width) }));
  const covered = (i: number) => {
    const A = pieces[i].box;
    let over = 0;
    for (let j = 0; j < pieces.length; j++) {
      // Only digit-sized pieces (at least half the line's height) and pieces three times as large count (the loop
      // of a broken 8): a colon's other point does not.
      const larger = pieces[j].pixels.length >= 3 * pieces[i].pixels.length || (pieces[j].pixels.length > pieces[i].pixels.length && pieces[j].box.height >= 0.5 * frame.height);
      if (j === i || !larger) continue;
      // The digit's box widened by 10% of the line's height on each side: a separator stands apart from the digits,
      // while the stray ticks and blobs that some MNIST digits carry lie close to theirs (a ',' 1 pixel from its 6,
      // a '.' 2 pixels from its 9: 4 of 1,500 strips of validation digits).
      const pad = 0.1 * frame.height;
      const B = pieces[j].box;
      over = Math.max(over, Math.min(A.x + A.width, B.x + B.width + pad) - Math.max(A.x, B.x - pad));
    }
    return over / A.width;
  };
  return findSeparators(list, frame, allowed, covered);
}

/** The two pieces of each colon of the line become one separator. */
function joinColons(list: { g: Group; line: number; char: SeparatorChar }[], line: number): void {
  for (let i = 0; i < list.length; i++) {
    if (list[i].line !== line || list[i].char !== ':') continue;
    // Its partner: the nearest other colon piece of the line overlapping it horizontally.
    let best = -1;
    for (let j = i + 1; j < list.length; j++) {
      if (list[j].line !== line || list[j].char !== ':') continue;
      const A = list[i].g.box;
      const B = list[j].g.box;
      if (Math.min(A.x + A.width, B.x + B.width) > Math.max(A.x, B.x) && (best < 0 || Math.abs(B.x - A.x) < Math.abs(list[best].g.box.x - A.x))) best = j;
    }
    if (best < 0) continue;
    const b = list[best];
    list[i] = { g: { box: unionBox(list[i].g.box, b.g.box), pixels: list[i].g.pixels.concat(b.g.pixels) }, line, char: ':' };
    list.splice(best, 1);
  }
}

/** Faint ink next to a removed rule pixel (above the paper's noise, not in the mask) is the rule's edge: cleared. */
function dilateRemoved(removed: Uint8Array, mask: Uint8Array, ink: Float64Array, width: number, height: number, noiseFloor: number): void {
  const around = new Int32Array(8);
  for (let p = 0; p < removed.length; p++) {
    if (!removed[p]) continue;
    const n = neighbours8(p, width, height, around);
    for (let k = 0; k < n; k++) {
      const q = around[k];
      if (!mask[q] && ink[q] > noiseFloor) ink[q] = 0;
    }
  }
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
