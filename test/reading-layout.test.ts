/**
 * Reading real pictures: lines, rules and boxes, separators, broken strokes, wide
 * pieces; the new functions on their own, with their refusals. The MNIST pictures
 * are made here from MNIST *test* digits (nothing MNIST-derived is written).
 */
import { expect } from 'chai';
import { DatasetError, loadMnistSync, readDigits, segmentDigits, type MnistDataset, type Pipeline } from '../src/index.js';
import { groupLines } from '../src/reading/lines.js';
import { removeRules } from '../src/reading/rules.js';
import { findSeparators, resolveSeparators, SEPARATORS } from '../src/reading/separators.js';
import { pieceShape } from '../src/reading/shape.js';
import { keepWhole } from '../src/reading/cut-choice.js';
import { DigitPicker, eraseRows, hRule, inkToJpeg, readingCases, stroke, writeLines } from './helpers/reading-cases.js';
import { blankInk, digitBox, drawDigit, inkToPng } from './helpers/render-digits.js';
import { readerModel } from './helpers/reader-model.js';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('reading layout: the pieces on their own', () => {
  it('groupLines: lines top to bottom; dots, caps and offsets stay in their line', () => {
    // Line 1: digits at y 10..50 with offsets, a dot at its baseline; line 2: y 80..120, a 5's cap over a digit.
    const boxes = [box(10, 12, 20, 40), box(40, 10, 22, 38), box(66, 44, 6, 6), box(80, 14, 20, 40), box(10, 80, 22, 40), box(40, 72, 20, 6), box(40, 82, 20, 38)];
    expect(groupLines(boxes)).to.deep.equal([[1, 0, 3, 2], [4, 6, 5]]);
    expect(groupLines([])).to.deep.equal([]);
  });

  it("groupLines: a band much shorter than the tallest is no line (a 5's floating cap)", () => {
    expect(groupLines([box(10, 20, 30, 40), box(20, 2, 25, 17)]).map((l) => l.sort())).to.deep.equal([[0, 1]]);
    // Far enough above (8 pixels: more than a quarter of the 40-pixel line), still no line of its own.
    expect(groupLines([box(10, 30, 30, 40), box(20, 5, 25, 17)]).map((l) => l.sort())).to.deep.equal([[0, 1]]);
  });

  it('pieceShape: slant of a vertical, a / and a \\ stroke; axes of a disk', () => {
    const w = 40;
    const line = (f: (t: number) => [number, number]) => Array.from({ length: 30 }, (_, t) => f(t)).map(([x, y]) => y * w + x);
    expect(pieceShape(line((t) => [20, 5 + t]), w).slant).to.be.closeTo(0, 1e-9);
    expect(pieceShape(line((t) => [5 + t, 35 - t]), w).slant).to.be.closeTo(45, 1e-9);
    expect(pieceShape(line((t) => [5 + t, 5 + t]), w).slant).to.be.closeTo(-45, 1e-9);
    const s = pieceShape(line((t) => [5 + t, 20]), w);
    expect(Math.abs(s.slant)).to.be.closeTo(90, 1e-9);
    expect(s.minor / s.major).to.be.below(0.05);
  });

  it('removeRules: takes out long thin rules, keeps strokes that cross them and short flat strokes', () => {
    const W = 120;
    const H = 60;
    const mask = new Uint8Array(W * H);
    const set = (x: number, y: number) => (mask[y * W + x] = 1);
    for (let x = 0; x < W; x++) for (let y = 40; y < 42; y++) set(x, y); // a ruled line, 2 thick
    for (let y = 10; y < 55; y++) for (let x = 30; x < 34; x++) set(x, y); // a stroke crossing it
    for (let x = 60; x < 90; x++) for (let y = 10; y < 14; y++) set(x, y); // a 7's bar: 30 long, short of 60% of the width
    const r = removeRules(mask, W, H);
    expect([r.horizontal, r.vertical]).to.deep.equal([1, 0]);
    expect(r.mask[40 * W + 5]).to.equal(0); // the rule is gone
    expect(r.mask[40 * W + 31]).to.equal(1); // the crossing stroke keeps its pixels on the rule
    expect(r.mask[12 * W + 70]).to.equal(1); // the bar stays
  });

  it("removeRules: a box's sides go with its top and bottom; a tall thick stroke stays", () => {
    const W = 100;
    const H = 60;
    const mask = new Uint8Array(W * H);
    for (let x = 5; x < 95; x++) mask[5 * W + x] = mask[54 * W + x] = 1;
    for (let y = 5; y < 55; y++) mask[y * W + 5] = mask[y * W + 94] = 1;
    for (let y = 15; y < 45; y++) for (let x = 40; x < 46; x++) mask[y * W + x] = 1; // a 1
    const r = removeRules(mask, W, H);
    expect([r.horizontal, r.vertical]).to.deep.equal([2, 2]);
    expect(r.mask.reduce((a, b) => a + b, 0)).to.equal(30 * 6);
  });

  it('resolveSeparators: all by default, none with false or [], refuses what is not a separator', () => {
    expect([...resolveSeparators(undefined, 'f')]).to.deep.equal([...SEPARATORS]);
    expect(resolveSeparators(false, 'f').size).to.equal(0);
    expect(resolveSeparators([], 'f').size).to.equal(0);
    expect([...resolveSeparators(['.', '/'], 'f')]).to.deep.equal(['.', '/']);
    expect(() => resolveSeparators('.', 'readDigits')).to.throw(TypeError, "readDigits: option 'separators' must be an array of some of '.', ',', '/', '-', ':' (or true / false), got");
    expect(() => resolveSeparators(['.', 'x'], 'readDigits')).to.throw(RangeError, "readDigits: option 'separators[1]' must be one of '.', ',', '/', '-', ':', got ");
  });

  it('findSeparators: a point, a comma, a minus, a slash and a colon by their place in the line', () => {
    const frame = { top: 10, bottom: 50, height: 40 };
    const w = 400;
    const piece = (b: { x: number; y: number; width: number; height: number }, pixels: number[]) => ({ box: b, shape: pieceShape(pixels, w) });
    const fill = (b: { x: number; y: number; width: number; height: number }) => {
      const p: number[] = [];
      for (let y = b.y; y < b.y + b.height; y++) for (let x = b.x; x < b.x + b.width; x++) p.push(y * w + x);
      return p;
    };
    const slash: number[] = [];
    for (let t = 0; t < 50; t++) for (let d = 0; d < 3; d++) slash.push((55 - t) * w + 200 + Math.round(t * 0.6) + d);
    const pieces = [
      piece(box(20, 42, 8, 8), fill(box(20, 42, 8, 8))), // .
      piece(box(60, 40, 6, 14), fill(box(60, 40, 6, 14))), // ,
      piece(box(100, 28, 20, 4), fill(box(100, 28, 20, 4))), // -
      piece(box(200, 6, 33, 50), slash), // /
      piece(box(300, 20, 8, 8), fill(box(300, 20, 8, 8))), // : (upper)
      piece(box(300, 42, 8, 8), fill(box(300, 42, 8, 8))), // : (lower)
      piece(box(150, 10, 6, 40), fill(box(150, 10, 6, 40))), // an upright 1: a digit
    ];
    const found = findSeparators(pieces, frame, new Set(SEPARATORS), () => 0);
    expect(Object.fromEntries(found)).to.deep.equal({ 0: '.', 1: ',', 2: '-', 3: '/', 4: ':', 5: ':' });
    // Reading points only, the colon's lower point is a point (its upper one sits too high).
    expect(Object.fromEntries(findSeparators(pieces, frame, new Set(['.']), () => 0))).to.deep.equal({ 0: '.', 5: '.' });
    // A piece lying over a digit (a 5's cap) is no separator.
    expect(findSeparators(pieces, frame, new Set(SEPARATORS), (i) => (i === 2 ? 0.8 : 0)).has(2)).to.equal(false);
  });

  it('segmentDigits: a 6 whose loop does not touch its stem stays one digit, alone or between 1s', () => {
    const toImage = (c: ReturnType<typeof blankInk>) => ({ width: c.width, height: c.height, data: Float64Array.from(c.ink, (v) => 1 - v) });
    for (const gap of [2, 5, 8]) {
      const c = blankInk(200, 100);
      stroke(c, 110, 15, 95, 30, 4);
      stroke(c, 95, 30, 86, 55, 4);
      stroke(c, 86, 55, 85, 62 - gap, 4); // the stem ends `gap` pixels above the loop's reach
      for (let t = 0; t < 64; t++) {
        const [a, b] = [(2 * Math.PI * t) / 64, (2 * Math.PI * (t + 1)) / 64];
        stroke(c, 100 + 13 * Math.cos(a), 72 + 12 * Math.sin(a), 100 + 13 * Math.cos(b), 72 + 12 * Math.sin(b), 4);
      }
      expect(segmentDigits(toImage(c)), `gap ${gap}`).to.have.length(1);
      stroke(c, 40, 14, 38, 84, 4); // a 1 on each side
      stroke(c, 160, 14, 158, 84, 4);
      expect(segmentDigits(toImage(c)), `gap ${gap}, between 1s`).to.have.length(3);
    }
  });

  it('keepWhole: whole when the whole reads at least as surely as the least sure part; NaN keeps the cut', () => {
    expect(keepWhole(0.99, [0.7, 0.95])).to.equal(true);
    expect(keepWhole(0.4, [0.9, 0.97])).to.equal(false);
    expect(keepWhole(NaN, [0.9, 0.97])).to.equal(false);
    expect(keepWhole(0.5, [])).to.equal(true);
  });

  it("readDigits refuses bad 'separators' and 'rules' options, naming them", () => {
    const model = { fit() {}, predict() {}, classes: new Int32Array(10), nFeaturesIn: 784 } as never;
    const png = inkToPng(blankInk(10, 10), 'grey8');
    expect(() => readDigits(png, model, { separators: 'yes' as never })).to.throw(TypeError, "readDigits: option 'separators' must be an array");
    expect(() => readDigits(png, model, { separators: ['#'] as never })).to.throw(RangeError, "readDigits: option 'separators[0]' must be one of");
    expect(() => readDigits(png, model, { rules: 1 as never })).to.throw(TypeError, /readDigits: .*'rules' must be/);
  });
});

describe('reading layout: MNIST test digits in lines, on rules, in boxes, with separators', function () {
  this.timeout(300000);
  let test: MnistDataset;
  let model: Pipeline;
  before(function () {
    try {
      test = loadMnistSync({ split: 'test', limit: 4000 });
    } catch (e) {
      if (e instanceof DatasetError) this.skip(); // no MNIST here: these pictures are made from its test digits
      throw e;
    }
    const m = readerModel();
    if (m === null) this.skip(); // no MNIST training images to fit the model
    model = m!;
  });
  const pixels = (id: number) => test.images.image(id);
  const shape = (text: string) => text.replace(/[0-9?]/g, 'd');

  it('reads two and three lines, ruled paper, a boxed field, an underline, "4.5", "12/03/2026", "10:45" and a JPEG', () => {
    const cases = readingCases(pixels, test.labels, 2000);
    const names = cases.map((c) => c.name);
    for (const n of ['separators 4.5', 'separators 12/03/2026', 'separators 10:45', 'two lines', 'three lines', 'ruled paper 1', 'boxed field', 'small box', 'JPEG 4.5 on two lines']) {
      expect(names).to.include(n);
    }
    let digits = 0;
    let right = 0;
    for (const c of cases) {
      const r = readDigits(c.png, model, { minConfidence: 0 });
      // Every line, separator and digit is found where it is (the digits themselves are the model's business).
      expect(shape(r.text), c.name).to.equal(shape(c.text));
      expect(r.lines.map((l) => l.text).join('\n')).to.equal(r.text);
      for (let k = 0; k < c.text.length; k++) {
        if (c.text[k] >= '0' && c.text[k] <= '9') {
          digits++;
          if (r.text[k] === c.text[k]) right++;
        }
      }
    }
    // The quick 6,000-image model reads about 98% of MNIST test digits right.
    expect(right / digits).to.be.at.least(0.95);
  });

  it('gives each character its kind, and lines with their boxes; separators: [] reads them as nothing', () => {
    const pick = new DigitPicker(pixels, test.labels, 2500);
    const png = inkToPng(writeLines(pick, ['4.5', '12']), 'grey8');
    const r = readDigits(png, model, { minConfidence: 0 });
    expect(r.lines).to.have.length(2);
    expect(r.lines[0].characters.map((c) => c.kind)).to.deep.equal(['digit', 'separator', 'digit']);
    expect(r.lines[0].characters[1]).to.include({ kind: 'separator', char: '.' });
    expect(r.lines[0].box.y + r.lines[0].box.height).to.be.below(r.lines[1].box.y);
    expect(r.digits).to.have.length(4);
    expect(r.characters).to.have.length(5);
    expect(r.digits.every((d) => d.kind === 'digit' && d.char === String(d.digit))).to.equal(true);
    const none = readDigits(png, model, { minConfidence: 0, separators: [] });
    expect(none.characters.every((c) => c.kind === 'digit')).to.equal(true);
  });

  it('keeps broken strokes one digit: cut 0s, 5s, 6s, 7s and 4s stay one digit, and a cut stroke of a 1', () => {
    let pieces = 0;
    let one = 0;
    let right = 0;
    for (const label of [0, 4, 5, 6, 7, 1]) {
      const pick = new DigitPicker(pixels, test.labels, 3000);
      for (let k = 0; k < 8; k++) {
        const id = pick.next(label);
        const px = pixels(id);
        const b = digitBox(px);
        const c = blankInk(80, 80);
        drawDigit(c, px, 20 - b.x * 2, 16 - b.y * 2, 2);
        // A pen lifted: three rows erased, across the digit at 30% to 60% of its height.
        const y = 16 + b.height * 2 * (0.3 + 0.04 * k);
        eraseRows(c, y, y + 3);
        const r = readDigits(inkToPng(c, 'grey8'), model, { minConfidence: 0 });
        pieces++;
        if (r.digits.length === 1) one++;
        if (r.text === String(label)) right++;
      }
    }
    // Measured: 43 of these 48 cut digits stay one (two 5s whose caps, a 4 whose arm, a 7 and a slanted 1 whose halves lie apart do not).
    expect(one / pieces).to.be.at.least(0.9);
    expect(right / pieces).to.be.at.least(0.85);
  });

  it("takes ruled lines out, and keeps them with rules: false", () => {
    const pick = new DigitPicker(pixels, test.labels, 2700);
    const c = writeLines(pick, ['58']);
    hRule(c, 20 + 40 + 1, 2);
    hRule(c, 20 + 20, 1); // through the digits' middle
    const png = inkToPng(c, 'grey8');
    expect(shape(readDigits(png, model, { minConfidence: 0 }).text)).to.equal('dd');
    // Kept, the rules join the digits into one wide piece: no longer two digits.
    expect(readDigits(png, model, { minConfidence: 0, rules: false }).digits.length).to.not.equal(2);
  });

  it('reads a JPEG made here as its PNG', () => {
    const pick = new DigitPicker(pixels, test.labels, 2600);
    const c = writeLines(pick, ['10:45']);
    stroke(c, 2, 2, 3, 3, 1); // a speck in a corner
    const fromJpeg = readDigits(inkToJpeg(c), model, { minConfidence: 0 });
    const fromPng = readDigits(inkToPng(c, 'grey8'), model, { minConfidence: 0 });
    expect(fromJpeg.text).to.equal(fromPng.text);
    expect(shape(fromJpeg.text)).to.equal('dd:dd');
  });
});
