/**
 * Wall time of the digits C/gamma grid search (4 C × 5 gamma, 5-fold
 * stratified CV, on the first 898 digits, refit included): digitkit's
 * `GridSearchCV.fit` on the calling thread and `gridSearchParallel` on worker
 * threads, against scikit-learn's `GridSearchCV` (n_jobs 1 and the same
 * number of processes) in the same run when /usr/bin/python3 has it. Checks
 * that both give the same mean CV accuracies.
 *
 *   npm run bench:grid [-- --repeat N --jobs N --dist]
 *
 * `--dist` times the compiled package (`dist/`, run `npm run build` first)
 * instead of the TypeScript sources: worker threads then start without tsx.
 *
 * The threads are kept from one call to the next (as scikit-learn's n_jobs
 * processes are): the first parallel run starts them, and is listed first.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from '../src/bench/bench-report.js';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '3' },
    jobs: { type: 'string', default: String(availableParallelism()) },
    dist: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench:grid [-- --repeat N --jobs N --dist]   (medians of N runs, default 3; N threads, default every core)');
  process.exit(0);
}
const repeat = Number(values.repeat);
const jobs = Number(values.jobs);
if (!Number.isInteger(repeat) || repeat < 1 || !Number.isInteger(jobs) || jobs < 1) {
  console.error(`bench:grid: options --repeat and --jobs must be integers >= 1, got ${values.repeat} and ${values.jobs}`);
  process.exit(2);
}
const lib = (values.dist ? await import('../dist/index.js') : await import('../src/index.js')) as typeof import('../src/index.js');
const { GridSearchCV, SVC, gridSearchParallel, loadDigits } = lib;

const GRID = { C: [0.1, 1, 10, 100], gamma: [0.0001, 0.0003, 0.001, 0.003, 0.01] };
const FOLDS = 5;
const digits = loadDigits();
const rows = Array.from({ length: 898 }, (_, i) => i);
const X = digits.data.selectRows(rows);
const y = digits.target.slice(0, 898);

async function time(run: () => Promise<InstanceType<typeof GridSearchCV>>): Promise<{ seconds: number[]; means: number[] }> {
  const seconds: number[] = [];
  let means: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const search = await run();
    seconds.push((performance.now() - t0) / 1000);
    means = Array.from(search.cvResults.meanTestScore);
  }
  return { seconds, means };
}

const show = (s: number[]) => `${median(s).toFixed(2)} s (runs: ${s.map((t) => t.toFixed(2)).join(', ')})`;
console.log(`digits grid: ${GRID.C.length} C × ${GRID.gamma.length} gamma, ${FOLDS}-fold CV, 898 samples, refit included; ` +
  `medians of ${repeat} runs; digitkit from ${values.dist ? 'dist/ (compiled)' : 'src/ (tsx)'}`);
const seq = await time(async () => new GridSearchCV(new SVC(), GRID, { cv: FOLDS }).fit(X, y));
console.log(`  digitkit GridSearchCV.fit (calling thread):        ${show(seq.seconds)}`);
const par = await time(() => gridSearchParallel(new GridSearchCV(new SVC(), GRID, { cv: FOLDS }), X, y, { nJobs: jobs }));
console.log(`  digitkit gridSearchParallel (${jobs} threads):        ${show(par.seconds)}; the first run starts the threads`);

for (const nJobs of [1, jobs]) {
  try {
    const script = fileURLToPath(new URL('./sklearn_grid.py', import.meta.url));
    const out = JSON.parse(execFileSync('/usr/bin/python3', [script, JSON.stringify(GRID), String(FOLDS), String(nJobs), String(repeat)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim());
    const same = out.mean_test_score.every((m: number, i: number) => Math.abs(m - seq.means[i]) <= 1e-12);
    const label = `scikit-learn ${out.version} GridSearchCV (n_jobs=${nJobs}):`.padEnd(50);
    console.log(`  ${label}${show(out.seconds)}; digitkit sequential / it ${(median(seq.seconds) / median(out.seconds)).toFixed(2)}, ` +
      `parallel / it ${(median(par.seconds) / median(out.seconds)).toFixed(2)}; same mean CV accuracies: ${same ? 'yes' : 'NO'}`);
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    console.log(e.code === 'ENOENT' ? '  scikit-learn skipped: /usr/bin/python3 not found'
      : `  scikit-learn skipped: ${(e.stderr ?? String(err)).trim().split('\n').pop()}`);
  }
}
