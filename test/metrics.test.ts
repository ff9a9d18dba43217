import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  accuracyScore,
  classificationReport,
  confusionMatrix,
  precisionRecallFscoreSupport,
} from '../src/index.js';
import type { AverageMethod, ClassificationReportDict, ZeroDivision } from '../src/index.js';
import { formatFixed, alignRight } from '../src/metrics/python-format.js';
import { numpyMean, numpySum, numpyWeightedAverage } from '../src/metrics/numpy-sum.js';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface ReportCase {
  yTrue: number[];
  yPred: number[];
  labels?: number[];
  targetNames?: string[];
  digits: number;
  zeroDivision: ZeroDivision;
  report: string;
  dict?: ClassificationReportDict;
  confusion: number[][] | null;
  confusionNormalized?: Record<'true' | 'pred' | 'all', number[][]>;
  accuracy: number;
  accuracyCount: number;
}

interface PrfCase {
  yTrue: number[];
  yPred: number[];
  labels?: number[];
  average: AverageMethod | null;
  beta: number | null;
  posLabel?: number;
  zeroDivision: ZeroDivision;
  error?: string;
  precision?: number | number[];
  recall?: number | number[];
  fScore?: number | number[];
  support?: number[] | null;
}

const metrics = fixture('sklearn-metrics.json') as {
  reports: ReportCase[];
  prfs: PrfCase[];
  format: Array<[number, number, string]>;
  sums: Array<{ values: number[]; weights: number[]; sum: number; mean: number; weightedAverage: number }>;
};

/** The labels of the 8×8 digits (last CSV column), read without loadDigits. */
function digitsTarget(): number[] {
  const csv = gunzipSync(readFileSync(new URL('../datasets/digits.csv.gz', import.meta.url))).toString('utf8');
  return csv
    .trim()
    .split('\n')
    .map((line) => Number(line.slice(line.lastIndexOf(',') + 1)));
}

describe('metrics: scikit-learn digits example', () => {
  const ref = fixture('sklearn-digits-svc.json') as {
    predicted: number[];
    classification_report: string;
    confusion_matrix: number[][];
    accuracy: number;
  };
  const target = digitsTarget();
  const yTest = target.slice(target.length - ref.predicted.length);

  it('reproduces classification_report character for character', () => {
    expect(target).to.have.length(1797);
    expect(classificationReport(yTest, ref.predicted)).to.equal(ref.classification_report);
  });

  it('reproduces the confusion matrix and the accuracy', () => {
    expect(confusionMatrix(yTest, ref.predicted)).to.deep.equal(ref.confusion_matrix);
    expect(accuracyScore(yTest, ref.predicted)).to.equal(ref.accuracy);
  });
});

describe('metrics: classificationReport parity on random labels', () => {
  const cases = metrics.reports;

  it(`matches sklearn's text for all ${cases.length} fixtures (labels, targetNames, digits, zeroDivision)`, () => {
    let subsets = 0;
    for (const [i, c] of cases.entries()) {
      const got = classificationReport(c.yTrue, c.yPred, {
        labels: c.labels,
        targetNames: c.targetNames,
        digits: c.digits,
        zeroDivision: c.zeroDivision,
      });
      if (got !== c.report) expect.fail(`case ${i}:\n${got}\n--- expected ---\n${c.report}`);
      if (c.report.includes('micro avg')) subsets++;
    }
    expect(subsets).to.be.greaterThan(50); // the 'micro avg' form is well covered
  });

  it('matches output_dict to the last bit', () => {
    let n = 0;
    for (const [i, c] of cases.entries()) {
      if (!c.dict) continue;
      n++;
      const got = classificationReport(c.yTrue, c.yPred, {
        labels: c.labels,
        targetNames: c.targetNames,
        digits: c.digits,
        zeroDivision: c.zeroDivision,
        outputDict: true,
      });
      expect(got, `case ${i}`).to.deep.equal(c.dict);
    }
    expect(n).to.be.greaterThan(100);
  });

  it('reproduces the docstring example with a label subset (micro avg)', () => {
    expect(classificationReport([1, 1, 1], [1, 1, 0], { labels: [1, 2, 3] })).to.equal(
      [
        '              precision    recall  f1-score   support',
        '',
        '           1       1.00      0.67      0.80         3',
        '           2       0.00      0.00      0.00         0',
        '           3       0.00      0.00      0.00         0',
        '',
        '   micro avg       1.00      0.67      0.80         3',
        '   macro avg       0.33      0.22      0.27         3',
        'weighted avg       1.00      0.67      0.80         3',
        '',
      ].join('\n'),
    );
  });
});

describe('metrics: confusionMatrix and accuracyScore parity', () => {
  it('matches confusion_matrix (with and without labels) on every fixture', () => {
    for (const [i, c] of metrics.reports.entries()) {
      const call = (): number[][] => confusionMatrix(c.yTrue, c.yPred, { labels: c.labels });
      if (c.confusion === null) expect(call, `case ${i}`).to.throw(RangeError, /at least one label that occurs in 'yTrue'/);
      else expect(call(), `case ${i}`).to.deep.equal(c.confusion);
    }
  });

  it("matches normalize 'true', 'pred' and 'all'", () => {
    let n = 0;
    for (const c of metrics.reports) {
      if (!c.confusionNormalized) continue;
      for (const how of ['true', 'pred', 'all'] as const) {
        expect(confusionMatrix(c.yTrue, c.yPred, { normalize: how })).to.deep.equal(c.confusionNormalized[how]);
        n++;
      }
    }
    expect(n).to.be.greaterThan(30);
  });

  it('matches accuracy_score, normalized and as a count', () => {
    for (const c of metrics.reports) {
      expect(accuracyScore(c.yTrue, c.yPred)).to.equal(c.accuracy);
      expect(accuracyScore(c.yTrue, c.yPred, { normalize: false })).to.equal(c.accuracyCount);
    }
  });

  it('orders rows and columns by the given labels and drops other samples', () => {
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2])).to.deep.equal([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2], { labels: [2, 0] })).to.deep.equal([
      [2, 1],
      [0, 2],
    ]);
    expect(confusionMatrix(Int32Array.of(5, -1), Float64Array.of(-1, -1))).to.deep.equal([
      [1, 0],
      [1, 0],
    ]);
  });
});

describe('metrics: precisionRecallFscoreSupport parity', () => {
  it(`matches precision_recall_fscore_support on ${metrics.prfs.length} fixtures (averages, beta, binary)`, () => {
    let errors = 0;
    for (const [i, c] of metrics.prfs.entries()) {
      const options = {
        labels: c.labels,
        average: c.average,
        beta: c.beta === null ? Infinity : c.beta,
        zeroDivision: c.zeroDivision,
        posLabel: c.posLabel,
      };
      const call = () => precisionRecallFscoreSupport(c.yTrue, c.yPred, options);
      if (c.error) {
        errors++;
        expect(call, `case ${i}`).to.throw(RangeError, /posLabel|average/);
        continue;
      }
      const got = call();
      expect(got.precision, `case ${i} precision`).to.deep.equal(c.precision);
      expect(got.recall, `case ${i} recall`).to.deep.equal(c.recall);
      expect(got.fScore, `case ${i} fScore`).to.deep.equal(c.fScore);
      expect(got.support, `case ${i} support`).to.deep.equal(c.support);
    }
    expect(errors).to.be.greaterThan(0);
  });

  it('returns the labels that were scored', () => {
    const r = precisionRecallFscoreSupport([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { labels: [2, 0] });
    expect(r.labels).to.deep.equal([2, 0]);
    expect(r.support).to.deep.equal([2, 2]);
    expect(r.precision).to.deep.equal([0, 2 / 3]);
  });
});

describe('metrics: Python number formatting', () => {
  it(`formats ${metrics.format.length} values exactly as Python's '{:.Nf}'`, () => {
    for (const [x, digits, expected] of metrics.format) {
      const got = formatFixed(x, digits);
      if (got !== expected) expect.fail(`formatFixed(${x}, ${digits}) = ${got}, Python gives ${expected}`);
    }
  });

  it('rounds exact ties to even, where toFixed rounds up', () => {
    expect(formatFixed(0.125, 2)).to.equal('0.12');
    expect((0.125).toFixed(2)).to.equal('0.13');
    expect(formatFixed(0.375, 2)).to.equal('0.38');
    expect(formatFixed(0.0625, 3)).to.equal('0.062');
    expect(formatFixed(2.5, 0)).to.equal('2');
    expect(formatFixed(0.005, 2)).to.equal('0.01'); // 0.005 is slightly above the tie in binary
    expect(formatFixed(-0.001, 2)).to.equal('-0.00');
    expect(formatFixed(NaN, 2)).to.equal('nan');
    expect(formatFixed(-Infinity, 2)).to.equal('-inf');
    expect(formatFixed(1e22, 1)).to.equal('10000000000000000000000.0');
    expect(() => formatFixed(1, -1)).to.throw(RangeError, /digits/);
  });

  it('aligns by code points as Python does', () => {
    expect(alignRight('\u{1F600}1', 4)).to.equal('  \u{1F600}1');
    expect(alignRight('toolong', 3)).to.equal('toolong');
  });
});

describe("metrics: numpy's summation order", () => {
  it('matches np.sum, np.average and weighted np.average bit for bit', () => {
    for (const c of metrics.sums) {
      expect(numpySum(c.values), `n=${c.values.length}`).to.equal(c.sum);
      expect(numpyMean(c.values)).to.equal(c.mean);
      expect(numpyWeightedAverage(c.values, c.weights)).to.equal(c.weightedAverage);
    }
  });
});

describe('metrics: bad input', () => {
  const fns: Array<[string, (a: any, b: any, o?: any) => unknown]> = [
    ['accuracyScore', accuracyScore],
    ['confusionMatrix', confusionMatrix],
    ['precisionRecallFscoreSupport', precisionRecallFscoreSupport],
    ['classificationReport', classificationReport],
  ];
  for (const [name, fn] of fns) {
    it(`${name}: names the call, the argument, what was expected and what came`, () => {
      const re = (s: string): RegExp => new RegExp(`^${name}: ${s}`);
      expect(() => fn([1, 2], [1])).to.throw(RangeError, re("arguments 'yTrue' and 'yPred' must have the same length, got 2 true labels and 1 predicted"));
      expect(() => fn([], [])).to.throw(RangeError, re("arguments 'yTrue' and 'yPred' must hold at least one label, got 0"));
      expect(() => fn('abc', [1])).to.throw(TypeError, re("argument 'yTrue' must be an array of integer labels, got \"abc\""));
      expect(() => fn([1, 2], null)).to.throw(TypeError, re("argument 'yPred' must be an array of integer labels, got null"));
      expect(() => fn([1, 2.5], [1, 2])).to.throw(TypeError, re("argument 'yTrue' must hold integer labels, got 2.5 at index 1"));
      expect(() => fn([1, 2], [1, NaN])).to.throw(TypeError, re("argument 'yPred' must hold integer labels, got NaN at index 1"));
      expect(() => fn([1, 2], [1, 2], 'x')).to.throw(TypeError, re("argument 'options' must be an object, got \"x\""));
      expect(() => fn([1, 2], [1, 2], { sample_weight: [1, 1] })).to.throw(TypeError, re("unknown option 'sample_weight'"));
    });
  }

  it('refuses bad labels lists', () => {
    for (const fn of [confusionMatrix, precisionRecallFscoreSupport, classificationReport] as Array<(a: any, b: any, o?: any) => unknown>) {
      expect(() => fn([1, 2], [1, 2], { labels: [] })).to.throw(RangeError, /parameter 'labels' must be a non-empty array of distinct integer labels, got an array of length 0/);
      expect(() => fn([1, 2], [1, 2], { labels: [1, 1] })).to.throw(RangeError, /parameter 'labels' must be .*, got 1 twice/);
      expect(() => fn([1, 2], [1, 2], { labels: [1, 'a'] })).to.throw(TypeError, /parameter 'labels' must be .*, got "a" at index 1/);
      expect(() => fn([1, 2], [1, 2], { labels: 3 })).to.throw(TypeError, /parameter 'labels' must be .*, got 3$/);
    }
    expect(() => confusionMatrix([1, 2], [3, 3], { labels: [3, 4] })).to.throw(
      RangeError,
      /^confusionMatrix: parameter 'labels' must name at least one label that occurs in 'yTrue', got \[3, 4\]/,
    );
  });

  it('refuses bad options', () => {
    expect(() => accuracyScore([1], [1], { normalize: 1 as any })).to.throw(TypeError, /^accuracyScore: parameter 'normalize' must be a boolean, got 1/);
    expect(() => confusionMatrix([1], [1], { normalize: 'rows' as any })).to.throw(RangeError, /parameter 'normalize' must be one of 'true', 'pred', 'all', got "rows"/);
    expect(() => classificationReport([1], [1], { digits: -1 })).to.throw(RangeError, /^classificationReport: parameter 'digits' must be an integer >= 0, got -1/);
    expect(() => classificationReport([1], [1], { digits: 2.5 })).to.throw(RangeError, /'digits' must be an integer >= 0, got 2\.5/);
    expect(() => classificationReport([1], [1], { digits: '2' as any })).to.throw(TypeError, /'digits' must be an integer >= 0, got "2"/);
    expect(() => classificationReport([1], [1], { zeroDivision: 2 as any })).to.throw(RangeError, /parameter 'zeroDivision' must be 'warn', 0 or 1, got 2/);
    expect(() => classificationReport([1], [1], { zeroDivision: true as any })).to.throw(TypeError, /'zeroDivision' must be 'warn', 0 or 1, got true/);
    expect(() => classificationReport([1], [1], { outputDict: 'yes' as any })).to.throw(TypeError, /'outputDict' must be a boolean/);
    expect(() => classificationReport([1, 2], [1, 2], { targetNames: ['a'] })).to.throw(RangeError, /parameter 'targetNames' must be an array of 2 strings \(one per label\), got an array of length 1/);
    expect(() => classificationReport([1, 2], [1, 2], { targetNames: ['a', 2] as any })).to.throw(TypeError, /'targetNames' must be .*, got 2 at index 1/);
    expect(() => classificationReport([1, 2], [1, 2], { targetNames: 'ab' as any })).to.throw(TypeError, /'targetNames' must be .*, got "ab"/);
    expect(() => precisionRecallFscoreSupport([1], [1], { beta: -1 })).to.throw(RangeError, /parameter 'beta' must be a number >= 0 \(or Infinity\), got -1/);
    expect(() => precisionRecallFscoreSupport([1], [1], { beta: NaN })).to.throw(RangeError, /'beta'.*got NaN/);
    expect(() => precisionRecallFscoreSupport([1], [1], { average: 'samples' as any })).to.throw(RangeError, /parameter 'average' must be one of 'micro', 'macro', 'weighted', 'binary', got "samples"/);
    expect(() => precisionRecallFscoreSupport([0, 1, 2], [0, 1, 2], { average: 'binary' })).to.throw(RangeError, /'average' must be null, 'micro', 'macro' or 'weighted' for multiclass data \(3 distinct labels\), got 'binary'/);
    expect(() => precisionRecallFscoreSupport([0, 2], [0, 2], { average: 'binary' })).to.throw(RangeError, /parameter 'posLabel' must be one of the labels \[0, 2\], got 1/);
    expect(() => precisionRecallFscoreSupport([0, 2], [0, 2], { average: 'binary', posLabel: 0.5 })).to.throw(RangeError, /'posLabel' must be an integer, got 0\.5/);
  });
});
