import { expect } from 'chai';
import { segmentDigits } from '../src/index.js';
import { otsuThreshold } from '../src/reading/threshold.js';
import { paper, rect, recolour, ring } from './helpers/draw-grey.js';

describe('segmentDigits: the digits of a picture, left to right', () => {
  it('finds separate pieces and orders them left to right whatever the drawing order', () => {
    const img = paper(200, 60);
    ring(img, 150, 30, 14, 20, 4); // drawn first, but rightmost
    rect(img, 20, 10, 6, 40);
    ring(img, 80, 30, 14, 20, 4);
    const boxes = segmentDigits(img);
    expect(boxes.map((b) => b.x)).to.deep.equal([20, 66, 136]);
    expect(boxes[0]).to.deep.equal({ x: 20, y: 10, width: 6, height: 40 });
  });

  it('merges the broken strokes of one digit: a 5\'s cap, a 7\'s bar, a stroke cut in two', () => {
    const five = paper(80, 80);
    rect(five, 20, 10, 35, 5); // the cap, not touching the body
    rect(five, 20, 20, 5, 20);
    ring(five, 38, 52, 18, 16, 5);
    expect(segmentDigits(five)).to.have.length(1);
    const seven = paper(80, 80);
    rect(seven, 15, 10, 40, 5);
    rect(seven, 45, 18, 6, 55); // the stem starts below the bar
    expect(segmentDigits(seven)).to.deep.equal([{ x: 15, y: 10, width: 40, height: 63 }]);
    const cut = paper(60, 80);
    rect(cut, 25, 10, 6, 28);
    rect(cut, 25, 41, 6, 29);
    expect(segmentDigits(cut)).to.deep.equal([{ x: 25, y: 10, width: 6, height: 60 }]);
  });

  it("merges a short piece into the nearest piece within 0.15 × the line's height: a 5 whose cap barely overlaps its body", () => {
    const img = paper(200, 70);
    rect(img, 10, 10, 6, 40); // a 1: the line is 40 tall
    ring(img, 45, 40, 10, 9, 3); // the 5's loop, 18 tall: short
    rect(img, 50, 24, 30, 5); // its cap, as large as the loop, overlapping it by 5 of 20 columns, 2 rows above it
    rect(img, 100, 10, 6, 40);
    expect(segmentDigits(img)).to.deep.equal([
      { x: 10, y: 10, width: 6, height: 40 },
      { x: 35, y: 24, width: 45, height: 25 },
      { x: 100, y: 10, width: 6, height: 40 },
    ]);
    // A short piece between two digits joins the nearer one; one farther than 6 pixels (0.15 × 40) from any is a digit.
    const between = paper(200, 70);
    ring(between, 44, 30, 14, 20, 4); // 30..58
    rect(between, 60, 30, 4, 10); // 2 pixels from the left ring, 6 from the right one
    ring(between, 84, 30, 14, 20, 4); // 70..98
    rect(between, 140, 40, 20, 8);
    expect(segmentDigits(between).map((b) => [b.x, b.x + b.width])).to.deep.equal([[30, 64], [70, 98], [140, 160]]);
  });

  it('ignores specks: pieces under minArea of the largest one', () => {
    const img = paper(120, 60);
    rect(img, 20, 10, 6, 40);
    rect(img, 60, 10, 20, 40);
    rect(img, 100, 50, 3, 3); // 9 pixels: a speck next to pieces of 240 and 800
    rect(img, 5, 5, 1, 1);
    expect(segmentDigits(img).map((b) => b.x)).to.deep.equal([20, 60]);
    expect(segmentDigits(img, { minArea: 0.5 }).map((b) => b.x)).to.deep.equal([60]);
  });

  it('splits touching digits at the valley of the column profile, but not one wide digit', () => {
    const pair = paper(120, 70);
    ring(pair, 40, 35, 18, 25, 5);
    ring(pair, 74, 35, 18, 25, 5); // the rings overlap by 2 pixels
    const boxes = segmentDigits(pair);
    expect(boxes).to.have.length(2);
    expect(boxes[0].x).to.equal(22);
    expect(boxes[1].x + boxes[1].width).to.equal(92);
    expect(Math.abs(boxes[0].x + boxes[0].width - 57)).to.be.at.most(2);
    const three = paper(160, 70);
    for (const cx of [30, 64, 98]) ring(three, cx, 35, 18, 25, 5);
    expect(segmentDigits(three)).to.have.length(3);
    const wideZero = ring(paper(100, 70), 50, 35, 30, 25, 5); // 60 wide, 50 tall
    expect(segmentDigits(wideZero)).to.have.length(1);
    expect(segmentDigits(pair, { splitRatio: 3 })).to.have.length(1);
  });

  it('works on light ink on dark paper, and refuses bad options', () => {
    const img = recolour(rect(rect(paper(100, 50), 10, 5, 6, 40), 50, 5, 6, 40), 0.1, 0.8);
    expect(segmentDigits(img).map((b) => b.x)).to.deep.equal([10, 50]);
    expect(() => segmentDigits(img, { splitRatio: 0 })).to.throw(RangeError, /^segmentDigits: parameter 'splitRatio' must be a finite number > 0, got 0$/);
    expect(() => segmentDigits(img, { threshold: 1.5 })).to.throw(RangeError, /^segmentDigits: parameter 'threshold' must be a finite number > 0 and <= 1, got 1\.5$/);
    expect(() => segmentDigits(paper(5, 5))).to.throw(RangeError, /^segmentDigits: argument 'image' must show some ink/);
  });

  it('thresholds with Otsu\'s method between the two modes', () => {
    const values = [...new Array(80).fill(0.05), ...new Array(20).fill(0.9)];
    const t = otsuThreshold(values);
    expect(t).to.be.above(0.05).and.at.most(0.9);
    expect(otsuThreshold(new Array(10).fill(0.3))).to.equal(0.5);
  });
});
