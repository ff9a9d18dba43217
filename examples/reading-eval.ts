/**
 * How well pictures are read, end to end (segmentation + normalisation + model),
 * on four sets, with timings:
 *
 * - (a) `emnist`: the EMNIST sample (../shared/datasets/emnist-digits-sample), every
 *   4th image, scaled 2× (nearest) to a 56×56 8-bit grey PNG, dark ink on white, read
 *   by `readDigitsBatch` with `digitkit predict`'s options (the same code path);
 * - (b) `strips`: strips of 2–8 MNIST digits as the round-trip test draws them
 *   (test/helpers/mnist-strips.ts), by default 120 strips of test digits 600 on;
 * - (c) `cases`: pictures drawn from MNIST digits with lines, rules, boxes and
 *   separators (test/helpers/reading-cases.ts);
 * - `ones`: MNIST training 1s between two other training digits: the share whose 1 is
 *   taken for a '/' (geometry only, no model);
 * - `cuts` (MNIST validation digits, for tuning): 300 single digits drawn 1.5–2.1 times
 *   too wide and 300 pairs of touching digits: how many are read right (CUT_MARGIN's table);
 *   200 digits cut by a lifted pen (3 rows erased at 25–72% of their height): how many stay
 *   one; 60 pictures of two lines 15–40% of a line's height apart: how many give two lines;
 * - (d) `marks`: non-digit marks (MDAS + × ÷ symbols, and marks drawn here): the
 *   share flagged `?` under the default minConfidence.
 *
 * EMNIST is for evaluation only: nothing here trains on it or writes it to disk.
 *
 * Run: npx tsx examples/reading-eval.ts [--model FILE] [--parts emnist,strips,cases,marks]
 *        [--split test|validation|train] [--strips N] [--every K]
 * The default model is the first of $DIGITKIT_EVAL_MODEL, models/*.dkm, out/svc-hog-proba-60k.dkm.
 */
import '../src/index.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { encode } from 'fast-png';
import { gunzip, parseIdxImages, parseIdxLabels } from '../src/datasets/idx.js';
import { loadMnistSync } from '../src/datasets/load-mnist.js';
import { loadModelFile } from '../src/persistence/model-file-io.js';
import { readDigitsBatch, type ReadDigitsResult } from '../src/reading/read.js';
import type { Classifier } from '../src/base/protocol.js';
import '../src/index.js';
import { roundTripStrips } from '../test/helpers/mnist-strips.js';
import { blankInk, digitBox, drawDigit, inkToPng, type InkCanvas } from '../test/helpers/render-digits.js';
import { DigitPicker, eraseRows, readingCases, writeLines } from '../test/helpers/reading-cases.js';
import { inkMap } from '../src/reading/ink.js';
import { findLayout, resolveSegmentOptions } from '../src/reading/segment.js';
import { SEPARATORS } from '../src/reading/separators.js';
import { nonDigitMarks } from '../test/helpers/non-digit-marks.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};

function defaultModel(): string {
  if (process.env.DIGITKIT_EVAL_MODEL) return process.env.DIGITKIT_EVAL_MODEL;
  if (existsSync('models')) {
    const shipped = readdirSync('models').filter((f) => f.endsWith('.dkm'));
    if (shipped.length > 0) return `models/${shipped[0]}`;
  }
  for (const p of ['out/svc-hog-proba-60k.dkm', '../main/out/svc-hog-proba-60k.dkm']) if (existsSync(p)) return p;
  throw new Error('reading-eval: no model found; give --model FILE');
}

const modelPath = opt('model', '');
const parts = opt('parts', 'emnist,strips,cases,ones,marks').split(',');
const split = opt('split', 'test') as 'test' | 'validation' | 'train';
const nStrips = Number(opt('strips', '120'));
const every = Number(opt('every', '4'));
const EMNIST = opt('emnist', '../shared/datasets/emnist-digits-sample');

const path = modelPath || defaultModel();
let t0 = performance.now();
const model = loadModelFile(path) as Classifier;
console.log(`model ${path}: loaded in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(2)}%)`;
const timed = <T>(f: () => T): [T, number] => {
  const s = performance.now();
  const r = f();
  return [r, (performance.now() - s) / 1000];
};

/** A 28×28 digit (0..255, ink high) scaled by `k` (nearest) into a dark-on-white 8-bit grey PNG. */
function nearestPng(pixels: ArrayLike<number>, k: number): Uint8Array {
  const w = 28 * k;
  const data = new Uint8Array(w * w);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) data[y * w + x] = 255 - pixels[((y / k) | 0) * 28 + ((x / k) | 0)];
  return encode({ width: w, height: w, channels: 1, depth: 8, data });
}

if (parts.includes('emnist')) {
  const images = parseIdxImages(gunzip(readFileSync(`${EMNIST}/emnist-digits-sample-images-idx3-ubyte.gz`)));
  const labels = parseIdxLabels(gunzip(readFileSync(`${EMNIST}/emnist-digits-sample-labels-idx1-ubyte.gz`)));
  const ids: number[] = [];
  for (let i = 0; i < images.count; i += every) ids.push(i);
  const pngs = ids.map((i) => nearestPng(images.image(i), 2));
  const [results, s] = timed(() => readDigitsBatch(pngs, model, JSON.parse(process.env.RD_OPTS ?? "{}")));
  let right = 0;
  let rightDigit = 0;
  let one = 0;
  let oneRight = 0;
  const counts = new Map<number, number>();
  const wrongText: string[] = [];
  results.forEach((r, k) => {
    const label = String(labels[ids[k]]);
    const n = r.digits.length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
    if (r.text === label) right++;
    else if (wrongText.length < 40) wrongText.push(`${ids[k]}:${label}→${r.text}`);
    if (n === 1) {
      one++;
      if (String(r.digits[0].digit) === label) oneRight++;
    }
    if (r.digits.map((d) => d.digit).join('') === label) rightDigit++;
  });
  console.log(`(a) EMNIST every ${every}th, 56×56 PNG, ${ids.length} pictures, read in ${s.toFixed(1)} s`);
  console.log(`    text right (the default minConfidence, '?' counts wrong): ${pct(right, ids.length)}`);
  console.log(`    digits right (ignoring '?'):                             ${pct(rightDigit, ids.length)}`);
  console.log(`    one digit found: ${pct(one, ids.length)}; of those right: ${pct(oneRight, one)}`);
  console.log(`    characters found: ${[...counts].sort((a, b) => a[0] - b[0]).map(([n, c]) => `${n}: ${c}`).join(', ')}`);
  if (args.includes('--verbose')) console.log(`    wrong: ${wrongText.join(' ')}`);
}

if (parts.includes('strips')) {
  const mnist = loadMnistSync({ split });
  const pixels = (id: number) => mnist.images.image(id);
  const first = split === 'test' ? 600 : 0;
  const strips = roundTripStrips(pixels, first, nStrips);
  const [results, s] = timed(() => readDigitsBatch(strips.map((x) => x.png), model, { minConfidence: 0 }));
  let right = 0;
  let countRight = 0;
  let tooMany = 0;
  let tooFew = 0;
  let digits = 0;
  let digitsRight = 0;
  const wrong: string[] = [];
  results.forEach((r, k) => {
    const truth = strips[k].ids.map((id) => mnist.labels[id]).join('');
    digits += truth.length;
    if (r.text === truth) right++;
    else if (wrong.length < 30) wrong.push(`${truth}→${r.text}`);
    if (r.digits.length === truth.length) {
      countRight++;
      r.digits.forEach((d, j) => (digitsRight += String(d.digit) === truth[j] ? 1 : 0));
    } else if (r.digits.length > truth.length) tooMany++;
    else tooFew++;
  });
  console.log(`(b) ${nStrips} strips of MNIST ${split} digits (from image ${first}), read in ${s.toFixed(1)} s (minConfidence 0)`);
  console.log(`    strips right: ${pct(right, nStrips)}; right number of digits: ${pct(countRight, nStrips)} (too many ${tooMany}, too few ${tooFew})`);
  console.log(`    digits right in the strips segmented right: ${digitsRight}/${digits}`);
  if (args.includes('--verbose')) console.log(`    wrong: ${wrong.join(' ')}`);
}

if (parts.includes('cases')) {
  const mnist = loadMnistSync({ split });
  const cases = readingCases((id) => mnist.images.image(id), mnist.labels, split === 'test' ? 2000 : 0);
  const [results, s] = timed(() => readDigitsBatch(cases.map((c) => c.png), model, {}));
  const [results0] = timed(() => readDigitsBatch(cases.map((c) => c.png), model, { minConfidence: 0 }));
  let right = 0;
  let right0 = 0;
  results.forEach((r: ReadDigitsResult, k) => {
    const c = cases[k];
    const ok0 = results0[k].text === c.text;
    if (r.text === c.text) right++;
    if (ok0) right0++;
    console.log(`    ${c.name.padEnd(22)} expected ${JSON.stringify(c.text).padEnd(16)} got ${JSON.stringify(r.text).padEnd(16)} (minConfidence 0: ${JSON.stringify(results0[k].text)})`);
  });
  console.log(`(c) ${cases.length} pictures with lines, rules, boxes and separators, read in ${s.toFixed(2)} s`);
  console.log(`    right: ${pct(right, cases.length)} (minConfidence 0: ${pct(right0, cases.length)})`);
}

if (parts.includes('marks')) {
  t0 = performance.now();
  const marks = nonDigitMarks();
  const [results, s] = timed(() => readDigitsBatch(marks.map((m) => m.png), model, {}));
  const byKind = new Map<string, { n: number; flagged: number; separator: number }>();
  let flagged = 0;
  let n = 0;
  results.forEach((r, k) => {
    const kind = marks[k].kind;
    const e = byKind.get(kind) ?? { n: 0, flagged: 0, separator: 0 };
    e.n++;
    n++;
    // A mark is handled when nothing in it is read as a confident digit.
    const confidentDigit = r.digits.some((d) => !d.uncertain);
    if (!confidentDigit) {
      e.flagged++;
      flagged++;
    }
    if (r.characters.some((c) => c.kind === 'separator')) e.separator++;
    byKind.set(kind, e);
  });
  console.log(`(d) ${n} non-digit marks, read in ${s.toFixed(1)} s: no confident digit in ${pct(flagged, n)}`);
  for (const [kind, e] of byKind) console.log(`    ${kind.padEnd(12)} ${pct(e.flagged, e.n)} (read as a separator: ${e.separator})`);
}

if (parts.includes('ones')) {
  const mnist = loadMnistSync({ split: 'train' });
  const pick = new DigitPicker((id) => mnist.images.image(id), mnist.labels, 0);
  const n = Number(opt('ones', '2000'));
  const others = [0, 2, 3, 4, 5, 6, 7, 8, 9];
  let slash = 0;
  const s0 = performance.now();
  const seg = resolveSegmentOptions({}, 'reading-eval');
  for (let k = 0; k < n; k++) {
    const c = writeLines(pick, [`${others[k % 9]}1${others[(k * 4 + 3) % 9]}`]);
    const img = { width: c.width, height: c.height, data: Float64Array.from(c.ink, (v) => 1 - v) };
    const layout = findLayout(inkMap(img, 'reading-eval'), seg, false, { separators: new Set(SEPARATORS), rules: true }, 'reading-eval');
    if (layout.chars.some((ch) => ch.separator === '/')) slash++;
  }
  console.log(`(ones) ${n} MNIST training 1s between two other training digits: read as '/' ${pct(slash, n)} (${((performance.now() - s0) / 1000).toFixed(1)} s)`);
}

/** Draws a 28×28 digit scaled sx × sy (bilinear) with pixel (0, 0)'s corner at (left, top); ink adds up, clipped at 1. */
function drawStretched(c: InkCanvas, px: ArrayLike<number>, left: number, top: number, sx: number, sy: number): void {
  const at = (x: number, y: number) => (x < 0 || y < 0 || x > 27 || y > 27 ? 0 : px[y * 28 + x] / 255);
  for (let v = 0; v < c.height; v++) {
    for (let u = 0; u < c.width; u++) {
      const X = (u + 0.5 - left) / sx - 0.5;
      const Y = (v + 0.5 - top) / sy - 0.5;
      const fx = Math.floor(X);
      const fy = Math.floor(Y);
      const tx = X - fx;
      const ty = Y - fy;
      const p = (1 - ty) * ((1 - tx) * at(fx, fy) + tx * at(fx + 1, fy)) + ty * ((1 - tx) * at(fx, fy + 1) + tx * at(fx + 1, fy + 1));
      c.ink[v * c.width + u] = Math.min(1, c.ink[v * c.width + u] + p);
    }
  }
}

if (parts.includes('cuts')) {
  const m = loadMnistSync({ split: 'validation' });
  const pngs: Uint8Array[] = [];
  const truth: string[] = [];
  for (let k = 0; k < 300; k++) {
    const px = m.images.image(k);
    const b = digitBox(px);
    const sx = 2 * (1.5 + (k % 4) * 0.2);
    const c = blankInk(Math.ceil(b.width * sx + 30), 80);
    drawStretched(c, px, 15 - b.x * sx, 15 - b.y * 2, sx, 2);
    pngs.push(inkToPng(c, 'grey8'));
    truth.push(String(m.labels[k]));
  }
  for (let k = 0; k < 300; k++) {
    const [a, b] = [1000 + 2 * k, 1001 + 2 * k];
    const [pa, pb] = [m.images.image(a), m.images.image(b)];
    const [ba, bb] = [digitBox(pa), digitBox(pb)];
    const c = blankInk(Math.ceil((ba.width + bb.width) * 2 + 40), 80);
    drawStretched(c, pa, 15 - ba.x * 2, 15 - ba.y * 2, 2, 2);
    drawStretched(c, pb, 15 + ba.width * 2 - 2 - (k % 5) - bb.x * 2, 15 - bb.y * 2, 2, 2); // overlapping by 2-6 pixels
    pngs.push(inkToPng(c, 'grey8'));
    truth.push(`${m.labels[a]}${m.labels[b]}`);
  }
  const [r, s] = timed(() => readDigitsBatch(pngs, model, { minConfidence: 0 }));
  let wide = 0;
  let pair = 0;
  r.forEach((x, i) => {
    const ok = x.digits.map((d) => d.digit).join('') === truth[i];
    if (ok && i < 300) wide++;
    if (ok && i >= 300) pair++;
  });
  console.log(`(cuts) MNIST validation digits, read in ${s.toFixed(1)} s: 300 wide singles right ${wide}, 300 touching pairs right ${pair}`);
}

if (parts.includes('cuts')) {
  const m = loadMnistSync({ split: 'validation' });
  const pixels = (i: number) => m.images.image(i);
  const seg = resolveSegmentOptions({}, 'reading-eval');
  const layout = (c: InkCanvas) =>
    findLayout(inkMap({ width: c.width, height: c.height, data: Float64Array.from(c.ink, (v) => 1 - v) }, 'reading-eval'), seg, false, { separators: new Set(SEPARATORS), rules: true }, 'reading-eval');
  let one = 0;
  let n = 0;
  for (let label = 0; label < 10; label++) {
    const pick = new DigitPicker(pixels, m.labels, 0);
    for (let k = 0; k < 20; k++) {
      const px = pixels(pick.next(label));
      const b = digitBox(px);
      const c = blankInk(80, 80);
      drawDigit(c, px, 20 - b.x * 2, 16 - b.y * 2, 2);
      const y = 16 + b.height * 2 * (0.25 + 0.025 * k);
      eraseRows(c, y, y + 3);
      n++;
      if (layout(c).chars.length === 1) one++;
    }
  }
  let two = 0;
  const pick = new DigitPicker(pixels, m.labels, 5000);
  for (let k = 0; k < 60; k++) {
    const gap = Math.round(40 * (0.15 + (k % 6) * 0.05));
    const c = writeLines(pick, [String(10 + k), String(40 + k)], 2, gap);
    if (new Set(layout(c).chars.map((ch) => ch.line)).size === 2) two++;
  }
  let twoSingle = 0;
  for (let k = 0; k < 60; k++) {
    const gap = Math.round(40 * (0.15 + (k % 6) * 0.05));
    const c = writeLines(pick, [String(k % 10), String((k * 7 + 3) % 10)], 2, gap);
    if (new Set(layout(c).chars.map((ch) => ch.line)).size === 2) twoSingle++;
  }
  console.log(`(cuts) ${n} validation digits cut by a lifted pen: one digit ${pct(one, n)}`);
  console.log(`       60 pictures of two lines of two digits 15-40% of a line apart: two lines ${pct(two, 60)}; of one digit each: ${pct(twoSingle, 60)}`);
}
