import { expect } from 'chai';
import { decode } from 'fast-png';
import {
  BLUE,
  Canvas,
  INK,
  LIGHT_GREY,
  Matrix,
  RED,
  WHITE,
  barChartPng,
  blues,
  confusionMatrixPng,
  digitGridPng,
  drawText,
  heatmapPng,
  labelledBoxesPng,
  luminance,
  makeColorMap,
  measureText,
  misclassifiedGalleryPng,
  viridis,
} from '../src/index.js';
import type { Color } from '../src/index.js';

/** A decoded PNG with a pixel reader. */
interface Picture {
  width: number;
  height: number;
  at(x: number, y: number): Color;
}

function read(png: Uint8Array): Picture {
  expect(png).to.be.instanceOf(Uint8Array);
  expect(Array.from(png.subarray(0, 8))).to.deep.equal([137, 80, 78, 71, 13, 10, 26, 10]);
  const img = decode(png);
  expect(img.depth).to.equal(8);
  const ch = img.channels;
  return {
    width: img.width,
    height: img.height,
    at: (x, y) => {
      const i = ch * (y * img.width + x);
      return [img.data[i], img.data[i + 1], img.data[i + 2]];
    },
  };
}

const same = (a: Color, b: Color): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** Top-left corners of the light-grey frames drawn around each digit. */
function frameCorners(p: Picture): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const grey = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < p.width && y < p.height && same(p.at(x, y), LIGHT_GREY);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (grey(x, y) && !grey(x - 1, y) && !grey(x, y - 1) && grey(x + 1, y) && grey(x, y + 1)) out.push({ x, y });
    }
  }
  return out;
}

/** Pixels that belong to colour-coded cells: neither paper, nor ink-grey text and frames. */
function cellRegion(p: Picture): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const c = p.at(x, y);
      if (same(c, WHITE) || same(c, INK)) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return { x0, y0, x1, y1 };
}

/** The colour at the centre of cell (i, j) of a rows×cols grid filling `region`. */
function cellColor(p: Picture, region: ReturnType<typeof cellRegion>, rows: number, cols: number, i: number, j: number): Color {
  const w = (region.x1 - region.x0 + 1) / cols;
  const h = (region.y1 - region.y0 + 1) / rows;
  return p.at(Math.floor(region.x0 + (j + 0.5) * w), Math.floor(region.y0 + (i + 0.5) * h));
}

/** A recognisable 8×8 digit of values 0..16 (a "7" with a grey stroke). */
const SEVEN = [
  0, 16, 16, 16, 16, 16, 0, 0,
  0, 0, 0, 0, 0, 16, 0, 0,
  0, 0, 0, 0, 12, 0, 0, 0,
  0, 0, 0, 0, 8, 0, 0, 0,
  0, 0, 0, 4, 0, 0, 0, 0,
  0, 0, 0, 16, 0, 0, 0, 0,
  0, 0, 16, 0, 0, 0, 0, 0,
  0, 0, 16, 0, 0, 0, 0, 0,
];

describe('image: Canvas', () => {
  it('fills, outlines, draws lines and round-trips through PNG', () => {
    const c = new Canvas(20, 10);
    c.fillRect(2, 3, 4, 2, RED);
    c.strokeRect(10, 1, 6, 5, INK);
    c.line(0, 9, 19, 9, [0, 0, 255]);
    c.line(0, 0, 9, 9, [0, 128, 0]);
    const p = read(c.encodePng());
    expect([p.width, p.height]).to.deep.equal([20, 10]);
    expect(p.at(2, 3)).to.deep.equal(RED);
    expect(p.at(5, 4)).to.deep.equal(RED);
    expect(p.at(6, 4)).to.deep.equal(WHITE);
    expect(p.at(10, 1)).to.deep.equal(INK);
    expect(p.at(15, 5)).to.deep.equal(INK);
    expect(p.at(12, 3)).to.deep.equal(WHITE); // inside the outline
    expect(p.at(19, 9)).to.deep.equal([0, 0, 255]);
    for (let k = 0; k < 9; k++) expect(p.at(k, k)).to.deep.equal([0, 128, 0]);
    expect(c.getPixel(3, 4)).to.deep.equal(RED);
  });

  it('clips drawing at the edges and refuses bad sizes with a clear message', () => {
    const c = new Canvas(4, 4);
    c.fillRect(-10, -10, 100, 100, RED);
    expect(c.getPixel(3, 3)).to.deep.equal(RED);
    expect(() => new Canvas(0, 5)).to.throw(RangeError, /^Canvas: parameter 'width' must be an integer from 1 to 16384, got 0/);
    expect(() => new Canvas(5, 2.5)).to.throw(RangeError, /parameter 'height'.*got 2\.5/);
    expect(() => c.getPixel(4, 0)).to.throw(RangeError, /inside the 4×4 canvas, got \(4, 0\)/);
  });

  it('draws a greyscale image scaled up with nearest neighbour, dark ink on light paper by default', () => {
    const c = new Canvas(96, 96);
    c.drawGray(SEVEN, 8, 8, 0, 0, { scale: 12, maxValue: 16 });
    const expected: number[] = [];
    for (let y = 0; y < 96; y++) {
      for (let x = 0; x < 96; x++) {
        const g = Math.round(255 * (1 - SEVEN[Math.floor(y / 12) * 8 + Math.floor(x / 12)] / 16));
        expected.push(g, g, g);
      }
    }
    expect(Array.from(c.data)).to.deep.equal(expected);
    const light = new Canvas(8, 8);
    light.drawGray(SEVEN, 8, 8, 0, 0, { maxValue: 16, invert: false });
    expect(light.getPixel(1, 0)).to.deep.equal([255, 255, 255]);
    expect(light.getPixel(0, 0)).to.deep.equal([0, 0, 0]);
    expect(() => c.drawGray(SEVEN.slice(1), 8, 8, 0, 0)).to.throw(RangeError, /^Canvas\.drawGray: argument 'pixels' must hold imageWidth×imageHeight = 8×8 = 64 values, got 63/);
  });
});

describe('image: text', () => {
  const inkBox = (c: Canvas): { x0: number; y0: number; x1: number; y1: number } => {
    let x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        if (!same(c.getPixel(x, y), WHITE)) {
          x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
        }
      }
    }
    return { x0, y0, x1, y1 };
  };

  it('measures text: proportional widths, integer scale, lines, descenders', () => {
    expect(measureText('8', 1)).to.deep.equal({ width: 5, height: 9, inkHeight: 7 });
    expect(measureText('88', 3).width).to.equal(33);
    expect(measureText('i', 1).width).to.be.lessThan(measureText('m', 1).width);
    expect(measureText('a\nbb', 2).width).to.equal(measureText('bb', 2).width);
    expect(measureText('a\nb', 1).height).to.be.greaterThan(2 * measureText('a', 1).height);
    expect(() => measureText('x', 0)).to.throw(RangeError, /^measureText: parameter 'scale' must be an integer from 1 to 64, got 0/);
  });

  it('draws ink inside its measured box, touching its edges', () => {
    for (const text of ['Training: 3', 'Prediction: 8', 'gamma=0.001 (jpqy)', 'True label', '12%_#<>/-+,.']) {
      const c = new Canvas(400, 60);
      const box = drawText(c, text, 200, 30, { scale: 2, align: 'center', valign: 'middle' });
      const size = measureText(text, 2);
      expect([box.width, box.height]).to.deep.equal([size.width, size.height]);
      expect(Math.abs(box.x + box.width / 2 - 200)).to.be.at.most(1);
      const ink = inkBox(c);
      expect(ink.x0, text).to.equal(box.x);
      expect(ink.x1, text).to.equal(box.x + box.width - 1);
      expect(ink.y0, text).to.equal(box.y);
      expect(ink.y1, text).to.be.at.most(box.y + box.height - 1);
    }
  });

  it('turns text a quarter turn for vertical axis titles, inside its box', () => {
    const c = new Canvas(60, 200);
    const box = c.text('True label', 10, 100, { rotate: 'up', valign: 'middle' });
    const size = measureText('True label');
    expect([box.width, box.height]).to.deep.equal([size.height, size.width]);
    const ink = inkBox(c);
    expect(ink.x0).to.be.at.least(box.x);
    expect(ink.x1).to.be.below(box.x + box.width);
    expect(ink.y0).to.equal(box.y);
    expect(ink.y1).to.equal(box.y + box.height - 1);
    // Read bottom to top: the capital T comes first, at the bottom; its stem (font column 2,
    // 7 font pixels long) lies across the row 2 font pixels above the box's bottom edge.
    const row = ink.y1 - 4;
    let dark = 0;
    for (let x = box.x; x < box.x + box.width; x++) if (!same(c.getPixel(x, row), WHITE)) dark++;
    expect(dark).to.equal(14); // 7 font pixels × scale 2
  });

  it('draws an unknown character as a box of its measured size', () => {
    expect(measureText('€', 1).width).to.equal(5);
    const c = new Canvas(10, 12);
    c.text('€', 0, 0, { scale: 1 });
    expect(c.getPixel(0, 0)).to.deep.equal(INK);
    expect(c.getPixel(2, 3)).to.deep.equal(WHITE);
  });
});

describe('image: colour maps', () => {
  const samples = (n: number): number[] => Array.from({ length: n }, (_, k) => k / (n - 1));

  it('viridis grows lighter and blues grows darker, monotonically', () => {
    const lv = samples(101).map((t) => luminance(viridis.at(t)));
    const lb = samples(101).map((t) => luminance(blues.at(t)));
    for (let k = 1; k < 101; k++) {
      expect(lv[k]).to.be.at.least(lv[k - 1]);
      expect(lb[k]).to.be.at.most(lb[k - 1]);
    }
    expect(lv[100] - lv[0]).to.be.greaterThan(0.6);
    expect(lb[0] - lb[100]).to.be.greaterThan(0.8);
  });

  it('interpolates linearly between stops and clamps outside [0, 1]', () => {
    const m = makeColorMap('test', [[0, 0, 0], [100, 200, 50], [200, 0, 250]]);
    expect(m.at(0.25)).to.deep.equal([50, 100, 25]);
    expect(m.at(0.5)).to.deep.equal([100, 200, 50]);
    expect(m.at(-3)).to.deep.equal([0, 0, 0]);
    expect(m.at(7)).to.deep.equal([200, 0, 250]);
    expect(m.at(NaN)).to.deep.equal([0, 0, 0]);
    expect(() => makeColorMap('x', [[0, 0, 0]])).to.throw(RangeError, /^makeColorMap: parameter 'stops' must be an array of at least 2 colours, got an array of length 1/);
    expect(() => makeColorMap('x', [[0, 0, 0], [0, 0, 300]])).to.throw(RangeError, /parameter 'stops\[1\]' must be an RGB triple/);
  });
});

describe('image: digitGridPng', () => {
  it('draws each 8×8 digit as a crisp 96×96 picture whose ink is where the values are', () => {
    const p = read(digitGridPng([SEVEN], { maxValue: 16 }));
    const [corner] = frameCorners(p);
    expect(frameCorners(p)).to.have.length(1);
    const ox = corner.x + 1;
    const oy = corner.y + 1;
    expect(p.at(ox + 96, oy + 96)).to.deep.equal(LIGHT_GREY); // the frame's far corner: exactly 96 pixels on
    const wrong: string[] = [];
    for (let y = 0; y < 96; y++) {
      for (let x = 0; x < 96; x++) {
        const v = SEVEN[Math.floor(y / 12) * 8 + Math.floor(x / 12)];
        const c = p.at(ox + x, oy + y);
        const g = Math.round(255 * (1 - v / 16));
        // Paper exactly where the value is 0, ink of the right grey elsewhere.
        if (same(c, WHITE) !== (v === 0) || !same(c, [g, g, g])) wrong.push(`(${x}, ${y}): ${c} for value ${v}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('lays out a row of digits with their titles above them, sized to fit', () => {
    const images = [SEVEN, SEVEN, SEVEN, SEVEN];
    const titles = ['Training: 0', 'Training: 1', 'Training: 2', 'Training: 3'];
    const png = digitGridPng(new Matrix(4, 64, Float64Array.from(images.flat())), { titles });
    const p = read(png);
    const corners = frameCorners(p);
    expect(corners).to.have.length(4);
    expect(new Set(corners.map((c) => c.y)).size).to.equal(1); // one row
    expect(p.width).to.be.at.least(4 * measureText(titles[0]).width);
    // Title ink lies between the top edge and the image.
    const top = corners[0].y;
    let titleInk = 0;
    for (let y = 0; y < top; y++) for (let x = corners[0].x; x < corners[0].x + 98; x++) if (same(p.at(x, y), INK)) titleInk++;
    expect(titleInk).to.be.greaterThan(40);
    // columns wraps the grid, scale sets the size.
    const q = read(digitGridPng(images, { columns: 2, scale: 4 }));
    const qc = frameCorners(q);
    expect(new Set(qc.map((c) => c.y)).size).to.equal(2);
    expect(same(q.at(qc[0].x + 33, qc[0].y + 33), LIGHT_GREY)).to.equal(true);
  });

  it('infers 28×28 images of 0..255 (MNIST) and paints light-on-dark on request', () => {
    const img = new Uint8Array(784);
    img[14 * 28 + 14] = 255;
    const p = read(digitGridPng([img], { invert: false }));
    const [c] = frameCorners(p);
    expect(p.at(c.x + 1, c.y + 1)).to.deep.equal([0, 0, 0]);
    expect(p.at(c.x + 1 + 14 * 3 + 1, c.y + 1 + 14 * 3 + 1)).to.deep.equal([255, 255, 255]);
    expect(same(p.at(c.x + 1 + 84, c.y + 1 + 84), LIGHT_GREY)).to.equal(true); // 28 × 3 pixels
  });

  it('refuses bad input, naming the function, the argument, what was expected and what came', () => {
    expect(() => digitGridPng([])).to.throw(RangeError, /^digitGridPng: argument 'images' must hold at least one image, got 0 images$/);
    expect(() => digitGridPng([SEVEN, SEVEN.slice(0, 63)])).to.throw(RangeError, /^digitGridPng: argument 'images' must hold images of width×height = 8×8 = 64 values, but image 1 has 63$/);
    expect(() => digitGridPng([SEVEN], { width: 7, height: 7 })).to.throw(RangeError, /7×7 = 49 values, but image 0 has 64/);
    expect(() => digitGridPng([[1, 2, 3]])).to.throw(RangeError, /parameters 'width' and 'height' must be given for images that are not square, got images of 3 values/);
    expect(() => digitGridPng([SEVEN], { titles: ['a', 'b'] })).to.throw(RangeError, /^digitGridPng: parameter 'titles' must have one label per image \(1\), got 2$/);
    expect(() => digitGridPng([[0, NaN, 0, 0]])).to.throw(RangeError, /must hold finite numbers, got NaN at image 0, pixel 1/);
    expect(() => digitGridPng(SEVEN as unknown as number[][])).to.throw(TypeError, /but image 0 is 0/);
    expect(() => digitGridPng('x' as unknown as number[][])).to.throw(TypeError, /must be a Matrix or an array of images, got "x"/);
    expect(() => digitGridPng([SEVEN], { scale: 0 })).to.throw(RangeError, /parameter 'scale' must be an integer from 1 to 256, got 0/);
    expect(() => digitGridPng([SEVEN], { maxValue: -1 })).to.throw(RangeError, /parameter 'maxValue' must be a finite number > 0, got -1/);
    expect(() => digitGridPng(Array(4000).fill(SEVEN), { columns: 1 })).to.throw(RangeError, /^digitGridPng: the picture would be \d+×\d+ pixels, more than 16384 on a side/);
  });
});

describe('image: misclassifiedGalleryPng', () => {
  it('shows only the misclassified digits, with true and predicted labels under each', () => {
    const images = [SEVEN, SEVEN, SEVEN, SEVEN, SEVEN];
    const p = read(misclassifiedGalleryPng(images, [7, 7, 1, 7, 4], [7, 1, 1, 9, 4]));
    const corners = frameCorners(p);
    expect(corners).to.have.length(2);
    // Red "Pred: …" ink lies under the first image.
    const below = corners[0].y + 98;
    let red = 0;
    for (let y = below; y < p.height; y++) for (let x = corners[0].x - 20; x < corners[0].x + 120; x++) if (same(p.at(x, y), RED)) red++;
    expect(red).to.be.greaterThan(40);
    const limited = read(misclassifiedGalleryPng(images, [0, 0, 0, 0, 0], [1, 1, 1, 1, 1], { maxImages: 3 }));
    expect(frameCorners(limited)).to.have.length(3);
  });

  it('says so when nothing was misclassified, and refuses mismatched lengths', () => {
    const p = read(misclassifiedGalleryPng([SEVEN], [3], [3]));
    expect(frameCorners(p)).to.have.length(0);
    expect(p.width).to.be.at.least(measureText('All digits were classified correctly.').width);
    expect(() => misclassifiedGalleryPng([SEVEN, SEVEN], [1, 2, 3], [1, 2])).to.throw(RangeError, /^misclassifiedGalleryPng: argument 'trueLabels' must have one label per image \(2\), got 3$/);
    expect(() => misclassifiedGalleryPng([SEVEN, SEVEN], [1, 2], [1])).to.throw(RangeError, /argument 'predLabels' must have one label per image \(2\), got 1/);
    expect(() => misclassifiedGalleryPng([], [], [])).to.throw(RangeError, /argument 'images' must hold at least one image/);
  });
});

describe('image: heatmapPng', () => {
  it('colours cells on the colour map in the order of their values, with a colour bar', () => {
    const values = [[0.91, 0.12, 0.55], [0.3, 0.99, 0.7]];
    const png = heatmapPng(values, { rowLabels: [1, 10], colLabels: ['1e-4', '1e-3', '1e-2'], rowTitle: 'C', colTitle: 'gamma', title: 'Accuracy', showValues: false, colorBar: false });
    const p = read(png);
    const region = cellRegion(p);
    const cells = values.flatMap((r, i) => r.map((v, j) => ({ v, lum: luminance(cellColor(p, region, 2, 3, i, j)) })));
    cells.sort((a, b) => a.v - b.v);
    for (let k = 1; k < cells.length; k++) expect(cells[k].lum).to.be.greaterThan(cells[k - 1].lum);
    // The extremes get the ends of the map.
    expect(cellColor(p, region, 2, 3, 0, 1)).to.deep.equal(viridis.at(0));
    expect(cellColor(p, region, 2, 3, 1, 1)).to.deep.equal(viridis.at(1));
    // A colour bar makes the picture wider and spans the whole map.
    const withBar = read(heatmapPng(values, { showValues: false }));
    const plain = read(heatmapPng(values, { showValues: false, colorBar: false }));
    expect(withBar.width).to.be.greaterThan(plain.width + 30);
  });

  it('writes each value in its cell with valueFormat and honours vmin/vmax', () => {
    const calls: number[] = [];
    heatmapPng([[1, 2]], { valueFormat: (v) => { calls.push(v); return v.toFixed(1); } });
    expect(calls.slice(0, 2)).to.deep.equal([1, 2]);
    const p = read(heatmapPng([[0.5, 0.5]], { vmin: 0, vmax: 1, showValues: false, colorBar: false }));
    expect(cellColor(p, cellRegion(p), 1, 2, 0, 0)).to.deep.equal(viridis.at(0.5));
  });

  it('refuses non-finite values, ragged or empty grids and labels of the wrong length', () => {
    expect(() => heatmapPng([[1, NaN]])).to.throw(RangeError, /^heatmapPng: argument 'values' must hold finite numbers, got NaN at \[0\]\[1\]$/);
    expect(() => heatmapPng([[1, 2], [Infinity, 0]])).to.throw(RangeError, /got Infinity at \[1\]\[0\]/);
    expect(() => heatmapPng([])).to.throw(RangeError, /^heatmapPng: argument 'values' must have at least one row, got 0 rows$/);
    expect(() => heatmapPng([[1, 2], [3]])).to.throw(RangeError, /row 0 has 2 values and row 1 has 1/);
    expect(() => heatmapPng([[1, 2]], { colLabels: ['a'] })).to.throw(RangeError, /^heatmapPng: parameter 'colLabels' must have one label per column \(2\), got 1$/);
    expect(() => heatmapPng([[1, 2]], { rowLabels: ['a', 'b'] })).to.throw(RangeError, /parameter 'rowLabels' must have one label per row \(1\), got 2/);
    expect(() => heatmapPng([[1, 2]], { vmin: 3, vmax: 1 })).to.throw(RangeError, /vmin < vmax, got vmin = 3 and vmax = 1/);
    expect(() => heatmapPng([[1, 2]], { colorMap: 'jet' as 'viridis' })).to.throw(RangeError, /parameter 'colorMap' must be one of 'viridis', 'blues', 'gray', 'gray_r' or a ColorMap, got "jet"/);
  });
});

describe('image: confusionMatrixPng', () => {
  const cm = [[50, 2, 0], [5, 40, 1], [0, 9, 30]];

  it('colours cells like their counts and writes white counts on dark cells', () => {
    const p = read(confusionMatrixPng(cm, { labels: ['zero', 'one', 'two'], showValues: false, colorBar: false }));
    const region = cellRegion(p);
    const cells = cm.flatMap((r, i) => r.map((v, j) => ({ v, lum: luminance(cellColor(p, region, 3, 3, i, j)) })));
    cells.sort((a, b) => a.v - b.v);
    for (let k = 1; k < cells.length; k++) {
      if (cells[k].v > cells[k - 1].v) expect(cells[k].lum).to.be.greaterThan(cells[k - 1].lum);
      else expect(cells[k].lum).to.equal(cells[k - 1].lum);
    }

    // With a dark-for-high map, the large counts are written in white and small ones in dark ink.
    const q = read(confusionMatrixPng(cm, { colorMap: 'blues', colorBar: false }));
    const qr = cellRegion(q);
    const w = (qr.x1 - qr.x0 + 1) / 3;
    const h = (qr.y1 - qr.y0 + 1) / 3;
    const count = (i: number, j: number, color: Color): number => {
      let n = 0;
      for (let y = Math.ceil(qr.y0 + i * h); y < qr.y0 + (i + 1) * h; y++) {
        for (let x = Math.ceil(qr.x0 + j * w); x < qr.x0 + (j + 1) * w; x++) if (same(q.at(x, y), color)) n++;
      }
      return n;
    };
    expect(count(0, 0, WHITE)).to.be.greaterThan(20); // "50" on navy
    expect(count(0, 0, INK)).to.equal(0);
    expect(count(0, 2, INK)).to.be.greaterThan(10); // "0" on near-white
    expect(count(0, 2, WHITE)).to.equal(0);
  });

  it('refuses a non-square or negative matrix and labels of the wrong length', () => {
    expect(() => confusionMatrixPng([[1, 2]])).to.throw(RangeError, /^confusionMatrixPng: argument 'matrix' must be square \(one row and one column per class\), got 1×2$/);
    expect(() => confusionMatrixPng([[1, -2], [0, 1]])).to.throw(RangeError, /must hold counts >= 0, got -2 at \[0\]\[1\]/);
    expect(() => confusionMatrixPng([[1, 0], [0, NaN]])).to.throw(RangeError, /must hold finite numbers, got NaN at \[1\]\[1\]/);
    expect(() => confusionMatrixPng(cm, { labels: [0, 1] })).to.throw(RangeError, /^confusionMatrixPng: parameter 'labels' must have one label per class \(3\), got 2$/);
    expect(() => confusionMatrixPng(cm, { title: 3 as unknown as string })).to.throw(TypeError, /parameter 'title' must be a string, got 3/);
  });
});

describe('image: barChartPng', () => {
  /** Lengths of the runs of bar colour, top to bottom, one per bar. */
  const barLengths = (p: Picture): number[] => {
    const lengths: number[] = [];
    let inBar = false;
    for (let y = 0; y < p.height; y++) {
      let n = 0;
      for (let x = 0; x < p.width; x++) if (same(p.at(x, y), BLUE)) n++;
      if (n > 0 && !inBar) lengths.push(n);
      inBar = n > 0;
    }
    return lengths;
  };

  it('draws bars whose lengths are proportional to the values, in order, on a 0..max axis', () => {
    const p = read(barChartPng([0.5, 1, 0.25], { labels: ['SVC', 'k-NN', 'Templates'], title: 'Accuracy', valueTitle: 'accuracy', barLength: 200, maxValue: 1 }));
    expect(barLengths(p)).to.deep.equal([100, 200, 50]);
    // Without maxValue the axis ends at a nice value at or above the largest one.
    const q = read(barChartPng([12.3, 0.84], { barLength: 300 }));
    const [longest] = barLengths(q);
    expect(longest).to.equal(Math.round((12.3 / 15) * 300));
  });

  it('refuses empty, negative or non-finite values and labels of the wrong length', () => {
    expect(() => barChartPng([])).to.throw(RangeError, /^barChartPng: argument 'values' must hold at least one value, got 0 values$/);
    expect(() => barChartPng([1, -2])).to.throw(RangeError, /^barChartPng: argument 'values' must hold finite numbers >= 0, got -2 at index 1$/);
    expect(() => barChartPng([1, NaN])).to.throw(RangeError, /got NaN at index 1/);
    expect(() => barChartPng([1, 2], { labels: ['a'] })).to.throw(RangeError, /^barChartPng: parameter 'labels' must have one label per value \(2\), got 1$/);
    expect(() => barChartPng('12' as unknown as number[])).to.throw(TypeError, /argument 'values' must be an array of numbers, got "12"/);
  });
});

describe('image: labelledBoxesPng', () => {
  const photo = new Uint8Array(20 * 10).fill(255);
  photo[4 * 20 + 3] = 0;

  it('draws the photo scaled up, boxes in photo coordinates and each label above its box', () => {
    const p = read(labelledBoxesPng(photo, [{ x: 10, y: 2, width: 5, height: 4 }], { width: 20, height: 10, scale: 2 }));
    expect([p.width, p.height]).to.deep.equal([40, 20]);
    expect(p.at(6, 8)).to.deep.equal([0, 0, 0]);
    expect(p.at(7, 9)).to.deep.equal([0, 0, 0]);
    expect(p.at(8, 8)).to.deep.equal(WHITE);
    expect(p.at(20, 4)).to.deep.equal(RED);
    expect(p.at(29, 11)).to.deep.equal(RED);
    expect(p.at(24, 7)).to.deep.equal(WHITE); // inside the box

    const q = read(labelledBoxesPng(photo, [{ x: 10, y: 2, width: 5, height: 4, label: 7, color: GREEN_ISH }], { width: 20, height: 10, scale: 2 }));
    const top = q.height - 20;
    expect(top).to.equal(measureText('7', 3).height + 4);
    expect(q.at(6, 8 + top)).to.deep.equal([0, 0, 0]);
    expect(q.at(20, 4 + top)).to.deep.equal(GREEN_ISH);
    let labelInk = 0;
    for (let y = 0; y < 4 + top; y++) for (let x = 20; x < 40; x++) if (same(q.at(x, y), GREEN_ISH)) labelInk++;
    expect(labelInk).to.be.greaterThan(30);
  });

  it('refuses a photo of the wrong size and malformed boxes', () => {
    expect(() => labelledBoxesPng(photo, [], { width: 20, height: 9 })).to.throw(RangeError, /^labelledBoxesPng: argument 'image' must hold images of width×height = 20×9 = 180 values, but image 0 has 200$/);
    expect(() => labelledBoxesPng(photo, [{ x: 0, y: 0, width: 0, height: 3 }], { width: 20 })).to.throw(RangeError, /^labelledBoxesPng: argument 'boxes' must hold \{x, y, width, height\} with finite x, y and width, height > 0, but box 0 is/);
    expect(() => labelledBoxesPng(photo, [{ x: NaN, y: 0, width: 2, height: 3 }], { width: 20 })).to.throw(RangeError, /but box 0 is/);
    expect(() => labelledBoxesPng(photo, {} as never, { width: 20 })).to.throw(TypeError, /argument 'boxes' must be an array of boxes, got an object/);
  });
});

const GREEN_ISH: Color = [20, 150, 60];
