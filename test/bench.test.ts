import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decode } from 'fast-png';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

describe('benchmarks/bench.ts (npm run bench), on the digits', () => {
  let out = '';
  before(() => (out = mkdtempSync(join(tmpdir(), 'digitkit-bench-'))));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('runs digitkit and the JS peers in one run, prints the table with ratios, writes JSON, Markdown and charts', async function () {
    this.timeout(120000);
    const { stdout } = await run(process.execPath, [
      '--import', 'tsx', 'benchmarks/bench.ts', '--estimators', 'svc,knn-raw', '--peers', 'libsvm-js,ml-knn', '--repeat', '1', '--no-progress', '--out', out,
    ], { cwd: root });
    expect(stdout).to.include('digitkit benchmark: digits, 898 training / 899 test samples, median of 1 run per task');
    // libsvm-js is libsvm: the same model as ours, the same predictions.
    expect(stdout).to.match(/^SVC \(RBF\) +libsvm-js +898\/899 +96\.89% .* \d+\.\d\d× +\d+\.\d\d× +100\.00%$/m);
    const json = JSON.parse(readFileSync(join(out, 'digits.json'), 'utf8'));
    const impls = json.results.map((r: { impl: string; estimator: string }) => `${r.impl}:${r.estimator}`);
    expect(impls).to.include.members(['digitkit:svc', 'digitkit:knn-raw', 'libsvm-js:svc', 'ml-knn:knn-raw']);
    const svc = json.results.find((r: { impl: string; estimator: string; trainSize: number }) => r.impl === 'digitkit' && r.estimator === 'svc');
    expect(svc.accuracy).to.equal(0.9688542825361512);
    expect(svc.peakMemoryMB).to.be.above(10);
    expect(svc.modelBytes).to.be.above(1000);
    expect(readFileSync(join(out, 'digits.md'), 'utf8')).to.match(/^\| SVC \(RBF\) \| digitkit \| 898\/899 \| 96\.89% \|/m);
    for (const chart of ['digits-accuracy.png', 'digits-predict-time.png']) {
      expect(existsSync(join(out, chart)), chart).to.equal(true);
      expect(decode(readFileSync(join(out, chart))).width).to.be.above(300);
    }
  });

  it('refuses an unknown estimator with a one-line reason and exit code 2', async () => {
    try {
      await run(process.execPath, ['--import', 'tsx', 'benchmarks/bench.ts', '--estimators', 'svm'], { cwd: root });
      expect.fail('expected exit code 2');
    } catch (e) {
      const err = e as { code: number; stderr: string };
      expect(err.code).to.equal(2);
      expect(err.stderr.trim()).to.equal("bench: option --estimators: unknown 'svm', expected some of svc, knn-raw, knn-hog, template-mean, template-all, template-shift");
    }
  });
});
