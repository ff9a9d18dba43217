/**
 * Wall time of `PCA.fit` on the HOG features of MNIST training images (Deskew
 * + Blur + HOG as `CHOSEN_HOG`: 2,025 features), for 10,000 and 60,000 rows,
 * against scikit-learn's `PCA(svd_solver='full')` on the same features in the
 * same run (when /usr/bin/python3 has it); checks that both keep the same
 * number of components with the same variances.
 *
 *   npm run bench:pca [-- --rows 10000,60000 --components 0.95 --repeat 1 --no-sklearn]
 *
 * digitkit runs on one thread; scikit-learn's LAPACK uses every core it is given.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadMnistSync, Matrix, PCA } from '../src/index.js';
import { median } from '../src/bench/bench-report.js';
import { CHOSEN_HOG, describeFeatures, featureSteps } from '../src/transformers/feature-setting.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,60000' },
    components: { type: 'string', default: '0.95' },
    repeat: { type: 'string', default: '1' },
    'no-sklearn': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench:pca [-- --rows N,N… --components K|F --repeat N --no-sklearn]   (median of N runs, default 1)');
  process.exit(0);
}
const repeat = Number(values.repeat);
const sizes = values.rows.split(',').map(Number);
const nComponents = Number(values.components);
if (!Number.isInteger(repeat) || repeat < 1 || sizes.some((n) => !Number.isInteger(n) || n < 2)) {
  console.error('bench:pca: --repeat must be an integer >= 1 and --rows integers >= 2, comma-separated');
  process.exit(2);
}

const largest = Math.max(...sizes);
let t0 = performance.now();
let F = loadMnistSync({ split: 'train-full', limit: largest }).features as Matrix;
for (const step of featureSteps(CHOSEN_HOG)) F = step.fit(F).transform(F);
console.log(`${describeFeatures(CHOSEN_HOG)} of ${largest} MNIST training images: ${F.cols} features (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
console.log(`PCA({ nComponents: ${nComponents} }).fit, median of ${repeat} run(s), backend ${process.env.DIGITKIT_BACKEND ?? 'default'}`);

const dir = mkdtempSync(join(tmpdir(), 'digitkit-pca-'));
try {
  for (const n of sizes) {
    const X = new Matrix(n, F.cols, F.data.subarray(0, n * F.cols));
    const times: number[] = [];
    let pca = new PCA({ nComponents });
    for (let r = 0; r < repeat; r++) {
      pca = new PCA({ nComponents });
      t0 = performance.now();
      pca.fit(X);
      times.push((performance.now() - t0) / 1000);
    }
    t0 = performance.now();
    pca.transform(X);
    const transform = (performance.now() - t0) / 1000;
    const mine = median(times);
    let line = `  ${n} × ${X.cols}: digitkit ${mine.toFixed(2)} s (${pca.fittedNComponents} components; transform of the ${n} rows ${transform.toFixed(2)} s)`;
    if (!values['no-sklearn']) {
      try {
        writeFileSync(join(dir, 'features.f64'), new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
        const script = fileURLToPath(new URL('./sklearn_pca.py', import.meta.url));
        const out = JSON.parse(
          execFileSync('/usr/bin/python3', [script, dir, String(X.cols), JSON.stringify(nComponents), String(repeat)], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
            maxBuffer: 1 << 26,
          }).trim(),
        );
        const theirs = median(out.seconds);
        const ev = pca.explainedVariance;
        let worst = 0;
        for (let i = 0; i < Math.min(ev.length, out.explainedVariance.length); i++) worst = Math.max(worst, Math.abs(ev[i] - out.explainedVariance[i]) / out.explainedVariance[0]);
        line += `; scikit-learn ${out.version} ${theirs.toFixed(2)} s (${out.nComponents} components); digitkit / scikit-learn ${(mine / theirs).toFixed(2)}; ` +
          `largest difference in explained variance ${worst.toExponential(1)} of the first`;
      } catch (err) {
        const e = err as { code?: string; stderr?: string };
        line += e.code === 'ENOENT' ? ' (scikit-learn skipped: /usr/bin/python3 not found)' : ` (scikit-learn skipped: ${(e.stderr ?? String(err)).trim().split('\n').pop()})`;
      }
    }
    console.log(line);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
