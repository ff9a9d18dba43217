/**
 * Calibration metrics: reliability bins, expected calibration error, the
 * error–reject curve and the reliability diagram, on examples worked by hand,
 * and on the probabilities of an SVC fitted on the 8×8 digits.
 */
import { expect } from 'chai';
import { decode } from 'fast-png';
import {
  Matrix,
  SVC,
  errorRejectCurve,
  expectedCalibrationError,
  loadDigits,
  predictWithConfidence,
  rejectThreshold,
  reliabilityBins,
  reliabilityDiagramPng,
} from '../src/index.js';

describe('calibration: reliabilityBins and expectedCalibrationError', () => {
  // Ten predictions: four at 0.95 (three right), four at 0.65 (two right), two at 0.15 (none right).
  const yTrue = [1, 1, 1, 1, 2, 2, 2, 2, 3, 3];
  const yPred = [1, 1, 1, 0, 2, 2, 0, 0, 0, 0];
  const confidence = [0.95, 0.95, 0.95, 0.95, 0.65, 0.65, 0.65, 0.65, 0.15, 0.15];

  it('groups predictions into equal-width bins with their mean confidence and accuracy', () => {
    const bins = reliabilityBins(yTrue, yPred, confidence, { bins: 10 });
    expect(bins).to.have.length(10);
    expect(bins.map((b) => b.count)).to.deep.equal([0, 2, 0, 0, 0, 0, 4, 0, 0, 4]);
    expect(bins[1]).to.deep.include({ lower: 0.1, upper: 0.2, confidence: 0.15, accuracy: 0 });
    expect(bins[6].accuracy).to.equal(0.5);
    expect(bins[9].accuracy).to.equal(0.75);
    expect(Number.isNaN(bins[0].confidence) && Number.isNaN(bins[0].accuracy)).to.equal(true);
    // 1 goes in the last bin, 0 in the first.
    const edges = reliabilityBins([0, 0], [0, 0], [0, 1], { bins: 15 });
    expect(edges[0].count).to.equal(1);
    expect(edges[14].count).to.equal(1);
  });

  it('the ECE is the count-weighted mean gap between confidence and accuracy', () => {
    // 0.4 × |0.75 − 0.95| + 0.4 × |0.5 − 0.65| + 0.2 × |0 − 0.15|
    expect(expectedCalibrationError(yTrue, yPred, confidence, { bins: 10 })).to.be.closeTo(0.4 * 0.2 + 0.4 * 0.15 + 0.2 * 0.15, 1e-12);
    // One bin: the gap between mean confidence (0.67) and accuracy (0.5).
    expect(expectedCalibrationError(yTrue, yPred, confidence, { bins: 1 })).to.be.closeTo(0.17, 1e-12);
    // A model right as often as it says it is: 0.
    expect(expectedCalibrationError([1, 1, 1, 1], [1, 1, 0, 0], [0.5, 0.5, 0.5, 0.5])).to.equal(0);
  });

  it('on the 8×8 digits, the SVC\'s least probable digits hold most of its errors', () => {
    const digits = loadDigits();
    const half = 898;
    const train = new Matrix(half, 64, digits.data.data.slice(0, half * 64));
    const test = new Matrix(digits.data.rows - half, 64, digits.data.data.slice(half * 64));
    const yTest = digits.target.slice(half);
    const svc = new SVC({ gamma: 0.001, probability: true, randomState: 0 }).fit(train, digits.target.slice(0, half));
    const { labels, confidence } = predictWithConfidence(svc, test);
    const curve = errorRejectCurve(yTest, labels, confidence);
    const atHalf = curve.filter((p) => p.threshold <= 0.5).at(-1)!;
    // Setting aside the digits under 0.5 (a few percent) halves the error at least.
    expect(atHalf.rejected).to.be.below(0.1);
    expect(atHalf.error).to.be.below(curve[0].error / 2);
    // The ECE is the bins' weighted gap.
    const bins = reliabilityBins(yTest, labels, confidence);
    const gap = bins.reduce((s, b) => (b.count ? s + (b.count / yTest.length) * Math.abs(b.accuracy - b.confidence) : s), 0);
    expect(expectedCalibrationError(yTest, labels, confidence)).to.be.closeTo(gap, 1e-12);
  });
});

describe('calibration: errorRejectCurve and rejectThreshold', () => {
  const yTrue = [0, 0, 0, 0, 0];
  const yPred = [0, 1, 0, 1, 0];
  const confidence = [0.9, 0.3, 0.8, 0.6, 0.3];

  it('rejects the least confident first, all of one confidence together', () => {
    const curve = errorRejectCurve(yTrue, yPred, confidence);
    expect(curve).to.deep.equal([
      { threshold: 0, rejected: 0, error: 2 / 5 },
      { threshold: 0.6, rejected: 2 / 5, error: 1 / 3 }, // both 0.3s out: one wrong, one right
      { threshold: 0.8, rejected: 3 / 5, error: 0 },
      { threshold: 0.9, rejected: 4 / 5, error: 0 },
      { threshold: Math.min(1, 0.9 + Number.EPSILON), rejected: 1, error: 0 },
    ]);
  });

  it('rejectThreshold: the least rejection that keeps the error at or under the bound', () => {
    const curve = errorRejectCurve(yTrue, yPred, confidence);
    expect(rejectThreshold(curve, 0.4)).to.deep.equal(curve[0]);
    expect(rejectThreshold(curve, 0.34)).to.deep.equal(curve[1]);
    expect(rejectThreshold(curve, 0)).to.deep.equal(curve[2]);
    expect(rejectThreshold([{ threshold: 0, rejected: 0, error: 0.5 }], 0.1)).to.equal(null);
  });
});

describe('calibration: bad input', () => {
  it('refuses mismatched lengths, confidences outside [0, 1], NaN and bad bins, naming the function', () => {
    expect(() => expectedCalibrationError([1, 2], [1], [0.5, 0.5])).to.throw(RangeError, /^expectedCalibrationError: /);
    expect(() => reliabilityBins([1, 2], [1, 2], [0.5])).to.throw(RangeError, /^reliabilityBins: argument 'confidence' must hold one probability per prediction \(2\), got 1$/);
    expect(() => errorRejectCurve([1], [1], [1.5])).to.throw(RangeError, /^errorRejectCurve: argument 'confidence' must hold probabilities in \[0, 1\], got 1\.5 at index 0$/);
    expect(() => errorRejectCurve([1], [1], [NaN])).to.throw(RangeError, /got NaN at index 0/);
    expect(() => errorRejectCurve([1], [1], 'x' as never)).to.throw(RangeError, /^errorRejectCurve: argument 'confidence' must hold one probability per prediction/);
    expect(() => expectedCalibrationError([1], [1], [0.5], { bins: 0 })).to.throw(RangeError, /^expectedCalibrationError: parameter 'bins' must be an integer >= 1/);
    expect(() => expectedCalibrationError([1], [1], [0.5], { bins: 2.5 })).to.throw(RangeError, /parameter 'bins'/);
    expect(() => expectedCalibrationError([1], [1], [0.5], { bins: '15' as never })).to.throw(TypeError, /parameter 'bins' must be an integer >= 1, got "15"/);
    expect(() => expectedCalibrationError([1], [1], [0.5], { bin: 15 } as never)).to.throw(/expectedCalibrationError: .*'bin'/);
    expect(() => rejectThreshold([], 2)).to.throw(RangeError, /^rejectThreshold: parameter 'maxError' must be a finite number >= 0 and <= 1, got 2$/);
    expect(() => reliabilityDiagramPng([] as never)).to.throw(TypeError, /^reliabilityDiagramPng: argument 'bins' must be a non-empty array of reliabilityBins\(\) bins, got/);
  });
});

describe('calibration: reliabilityDiagramPng', () => {
  it('draws the bins as a PNG: blue bars of accuracy, red frames of the gap', () => {
    const bins = reliabilityBins([0, 0, 0, 0], [0, 1, 0, 0], [0.3, 0.5, 0.9, 0.95], { bins: 10 });
    const png = decode(reliabilityDiagramPng(bins, { title: 'a title' }));
    expect(png.channels).to.equal(3);
    expect(png.width).to.equal(70 + 360 + 20);
    let red = 0;
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 3) {
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (r > 180 && g < 80 && b < 80) red++;
      if (b > 150 && r < 80) blue++;
    }
    expect(red).to.be.above(100);
    expect(blue).to.be.above(1000);
  });
});
