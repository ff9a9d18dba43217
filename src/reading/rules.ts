/**
 * Ruled lines and boxes: long straight horizontal and vertical rules are taken
 * out of the ink before the digits are looked for, keeping the strokes that cross them.
 */

/** What {@link removeRules} found and took out. */
export interface RulesRemoved {
  /** The ink mask without the rules (a copy). */
  mask: Uint8Array;
  /** 1 where a rule's pixel was taken out. */
  removed: Uint8Array;
  /** How many horizontal and vertical rules were found. */
  horizontal: number;
  vertical: number;
}

/**
 * Finds and removes straight rules from an ink mask (non-zero = ink).
 *
 * - **Horizontal rules**: rows holding a run of ink at least `max(30% of the width, 24)`
 *   pixels long and 12 times longer than it is thick. A handwritten digit's longest flat stroke (a 7's bar, a 5's cap)
 *   is under one digit height and a quarter as thick as it is long or more (a 7's
 *   bar in a 56-pixel EMNIST picture: 48 by 5 pixels); a ruled line, a field's box or an
 *   underline spans the number, one to three pixels thick.
 * - **Vertical rules**: columns holding a run at least `max(50% of the height, 24)`
 *   long that ends on a horizontal rule (a box's side), or at least 90% of the height
 *   and 15 times longer than it is thick (a 1 in a tight picture is a quarter as thick
 *   as it is long: 48 by 6 pixels in a 56-pixel EMNIST picture).
 * - **Crossing strokes stay**: in each column (row, for a vertical rule) the rule's
 *   pixels are taken out only where no stroke goes on through both sides of it, so a
 *   digit written across a line keeps its stroke; a stroke that only touches it from
 *   one side loses the rule's pixels under it.
 */
export function removeRules(mask: Uint8Array, width: number, height: number): RulesRemoved {
  const out = Uint8Array.from(mask);
  const removed = new Uint8Array(mask.length);
  const hRule = new Uint8Array(mask.length);
  const minH = Math.max(24, Math.ceil(0.3 * width));
  let horizontal = 0;
  let inRule = false;
  for (let y = 0; y < height; y++) {
    let found = false;
    for (let x = 0; x < width; ) {
      if (!mask[y * width + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < width && mask[y * width + e]) e++;
      if (e - x >= minH && runHeight(mask, width, height, y, x, e) * 12 <= e - x) {
        found = true;
        for (let k = x; k < e; k++) hRule[y * width + k] = 1;
      }
      x = e;
    }
    if (found && !inRule) horizontal++;
    inRule = found;
  }
  // Vertical rules, in columns: a long run ending on a horizontal rule, or a very long thin one.
  const vRule = new Uint8Array(mask.length);
  const minV = Math.max(24, Math.ceil(0.5 * height));
  let vertical = 0;
  let lastRuleColumn = -2;
  for (let x = 0; x < width; x++) {
    let found = false;
    for (let y = 0; y < height; ) {
      if (!mask[y * width + x]) {
        y++;
        continue;
      }
      let e = y;
      while (e < height && mask[e * width + x]) e++;
      const len = e - y;
      if (len >= minV) {
        const nearH = (yy: number) => {
          for (let d = -2; d <= 2; d++) {
            const r = yy + d;
            if (r < 0 || r >= height) continue;
            for (let dx = -2; dx <= 2; dx++) if (x + dx >= 0 && x + dx < width && hRule[r * width + x + dx]) return true;
          }
          return false;
        };
        const thick = runWidth(mask, width, x, y, e);
        const ruled = (nearH(y) || nearH(e - 1)) && thick <= len / 8;
        if (ruled || (len >= 0.9 * height && thick * 15 <= len)) {
          found = true;
          for (let k = y; k < e; k++) vRule[k * width + x] = 1;
        }
      }
      y = e;
    }
    if (found && lastRuleColumn !== x - 1) vertical++;
    if (found) lastRuleColumn = x;
  }
  // Take out a horizontal rule's pixels column by column, unless a stroke crosses it there.
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; ) {
      if (!hRule[y * width + x]) {
        y++;
        continue;
      }
      let e = y;
      while (e < height && hRule[e * width + x]) e++;
      const above = y - 1 >= 0 && mask[(y - 1) * width + x] && !hRule[(y - 1) * width + x];
      const below = e < height && mask[e * width + x] && !hRule[e * width + x];
      if (!(above && below)) {
        // The rule's soft edge (ink just above and below its core rows) goes with it, unless it is a stroke.
        const top = above ? y : edge(mask, width, x, y, -1, 1);
        const bottom = below ? e - 1 : edge(mask, width, x, e - 1, 1, 1, height);
        for (let k = top; k <= bottom; k++) {
          out[k * width + x] = 0;
          removed[k * width + x] = 1;
        }
      }
      y = e;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; ) {
      if (!vRule[y * width + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < width && vRule[y * width + e]) e++;
      const left = x - 1 >= 0 && mask[y * width + x - 1] && !vRule[y * width + x - 1] && !hRule[y * width + x - 1];
      const right = e < width && mask[y * width + e] && !vRule[y * width + e] && !hRule[y * width + e];
      if (!(left && right)) {
        for (let k = x; k < e; k++) {
          out[y * width + k] = 0;
          removed[y * width + k] = 1;
        }
      }
      x = e;
    }
  }
  return { mask: out, removed, horizontal, vertical };
}

/** The widest horizontal run of ink through column x over rows [y0, y1) (the rule's thickness). */
function runWidth(mask: Uint8Array, width: number, x: number, y0: number, y1: number): number {
  const widths: number[] = [];
  for (let y = y0; y < y1; y++) {
    let a = x;
    let b = x;
    while (a - 1 >= 0 && mask[y * width + a - 1]) a--;
    while (b + 1 < width && mask[y * width + b + 1]) b++;
    widths.push(b - a + 1);
  }
  widths.sort((p, q) => p - q);
  return widths[Math.floor(widths.length / 2)]; // the median: strokes crossing the rule make a few rows wide
}

/** The median height of the vertical runs of ink through row y over columns [x0, x1) (the rule's thickness). */
function runHeight(mask: Uint8Array, width: number, height: number, y: number, x0: number, x1: number): number {
  const heights: number[] = [];
  for (let x = x0; x < x1; x++) {
    let a = y;
    let b = y;
    while (a - 1 >= 0 && mask[(a - 1) * width + x]) a--;
    while (b + 1 < height && mask[(b + 1) * width + x]) b++;
    heights.push(b - a + 1);
  }
  heights.sort((p, q) => p - q);
  return heights[Math.floor(heights.length / 2)];
}

/** The last row reached from `y` in direction `dir` (±1) through at most `reach` rows of ink. */
function edge(mask: Uint8Array, width: number, x: number, y: number, dir: number, reach: number, height = Infinity): number {
  let r = y;
  for (let k = 1; k <= reach; k++) {
    const n = y + dir * k;
    if (n < 0 || n >= height || !mask[n * width + x]) break;
    r = n;
  }
  return r;
}
