/**
 * Times SVC(gamma=0.001) on scikit-learn's digits example split (898 train,
 * 899 test): the median of several fits and predictions, and scikit-learn's
 * in the same run when /usr/bin/python3 has it, with the ratios.
 *
 *   npm run bench:svc-digits [-- --repeat 15]
 *
 * The start of the full benchmark harness; a benchmark, never a test.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SVC, loadDigits, trainTestSplit } from '../src/index.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '15' } } });
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`svc-digits: option --repeat must be an integer >= 1, got ${values.repeat}`);
  process.exit(2);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runDigitkit(): { fit: number[]; predict: number[]; accuracy: number } {
  const digits = loadDigits();
  const { XTrain, XTest, yTrain, yTest } = trainTestSplit(digits.data, digits.target, { testSize: 0.5, shuffle: false });
  const fit: number[] = [];
  const predict: number[] = [];
  let accuracy = 0;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const clf = new SVC({ gamma: 0.001 }).fit(XTrain, yTrain);
    const t1 = performance.now();
    const pred = clf.predict(XTest);
    const t2 = performance.now();
    fit.push((t1 - t0) / 1000);
    predict.push((t2 - t1) / 1000);
    accuracy = pred.reduce((n, p, i) => n + (p === yTest[i] ? 1 : 0), 0) / pred.length;
  }
  return { fit, predict, accuracy };
}

function runScikitLearn(): { fit: number[]; predict: number[]; accuracy: number; version: string } | string {
  const script = fileURLToPath(new URL('./sklearn_svc_digits.py', import.meta.url));
  try {
    const out = execFileSync('/usr/bin/python3', [script, String(repeat)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop()!);
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') return 'skipped: /usr/bin/python3 not found';
    if (e.stderr?.includes('ModuleNotFoundError')) return 'skipped: /usr/bin/python3 has no scikit-learn (apt-get install python3-sklearn)';
    return `skipped: ${(e.stderr ?? String(err)).trim().split('\n').pop()}`;
  }
}

const ours = runDigitkit();
const theirs = runScikitLearn();
const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
console.log(`SVC(gamma=0.001) on the digits example split, median of ${repeat} runs (first run included)`);
console.log(`digitkit      fit ${ms(median(ours.fit))}  predict ${ms(median(ours.predict))}  accuracy ${ours.accuracy.toFixed(4)}`);
if (typeof theirs === 'string') {
  console.log(`scikit-learn  ${theirs}`);
} else {
  console.log(`scikit-learn  fit ${ms(median(theirs.fit))}  predict ${ms(median(theirs.predict))}  accuracy ${theirs.accuracy.toFixed(4)}  (${theirs.version})`);
  console.log(
    `ratio digitkit / scikit-learn: fit ${(median(ours.fit) / median(theirs.fit)).toFixed(2)}×, ` +
      `predict ${(median(ours.predict) / median(theirs.predict)).toFixed(2)}×`,
  );
}
