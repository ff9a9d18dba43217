/**
 * Wall time of the digits C/gamma grid search (4 C × 5 gamma, 5-fold
 * stratified CV, on the first 898 digits, refit included): digitkit's
 * `GridSearchCV.fit` on the calling thread and `gridSearchParallel` on worker
 * threads, against scikit-learn's `GridSearchCV` (n_jobs 1 and the same
 * number of processes) in the same run when /usr/bin/python3 has it. The four
 * are run in rounds (one of each per round, scikit-learn from one Python
 * process), so that load from other processes weighs on each about alike.
 * Checks that both give the same mean CV accuracies.
 *
 *   npm run bench:grid [-- --repeat N --jobs N --dist]
 *
 * `--dist` times the compiled package (`dist/`, run `npm run build` first)
 * instead of the TypeScript sources: worker threads then start without tsx.
 *
 * The threads are kept from one call to the next (as scikit-learn's n_jobs
 * processes are): the first parallel run starts them, and is listed first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
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

/** scikit-learn's runs, one per request, from one Python process; `{ skipped }` says why where it cannot run. */
function sklearnServer(): { ask: (nJobs: number) => Promise<{ version: string; seconds: number[]; mean_test_score: number[] }>; close: () => void } | { skipped: string } {
  if (!existsSync('/usr/bin/python3')) return { skipped: '/usr/bin/python3 not found' };
  const script = fileURLToPath(new URL('./sklearn_grid.py', import.meta.url));
  const child = spawn('/usr/bin/python3', [script, JSON.stringify(GRID), String(FOLDS), 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  // A failure to start ends stdout too: `ask` then reports it.
  child.on('error', (err) => (stderr += `\n${err.message}`));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    ask: async (nJobs) => {
      child.stdin.write(`${nJobs}\n`);
      const { value, done } = await lines.next();
      if (done) throw new Error(stderr.trim().split('\n').pop() || 'scikit-learn stopped');
      return JSON.parse(value);
    },
    close: () => child.stdin.end(),
  };
}

const show = (s: number[]) => `${median(s).toFixed(2)} s (runs: ${s.map((t) => t.toFixed(2)).join(', ')})`;
console.log(`digits grid: ${GRID.C.length} C × ${GRID.gamma.length} gamma, ${FOLDS}-fold CV, 898 samples, refit included; ` +
  `medians of ${repeat} runs; digitkit from ${values.dist ? 'dist/ (compiled)' : 'src/ (tsx)'}`);

// Rounds of the four runs, so that each round sees about the same load from other processes on the machine.
const sklearn = sklearnServer();
let skipped = 'skipped' in sklearn ? sklearn.skipped : null;
const seconds = { seq: [] as number[], par: [] as number[], sk1: [] as number[], skN: [] as number[] };
let seqMeans: number[] = [];
let skMeans: number[] = [];
let version = '';
const timed = async (run: () => Promise<InstanceType<typeof GridSearchCV>> | InstanceType<typeof GridSearchCV>, into: number[]) => {
  const t0 = performance.now();
  const search = await run();
  into.push((performance.now() - t0) / 1000);
  return Array.from(search.cvResults.meanTestScore);
};
for (let r = 0; r < repeat; r++) {
  seqMeans = await timed(() => new GridSearchCV(new SVC(), GRID, { cv: FOLDS }).fit(X, y), seconds.seq);
  await timed(() => gridSearchParallel(new GridSearchCV(new SVC(), GRID, { cv: FOLDS }), X, y, { nJobs: jobs }), seconds.par);
  if (skipped !== null || 'skipped' in sklearn) continue;
  try {
    for (const [nJobs, into] of [[1, seconds.sk1], [jobs, seconds.skN]] as const) {
      const out = await sklearn.ask(nJobs);
      into.push(out.seconds[0]);
      skMeans = out.mean_test_score;
      version = out.version;
    }
  } catch (err) {
    skipped = (err as Error).message;
  }
}
if (!('skipped' in sklearn)) sklearn.close();

console.log(`  digitkit GridSearchCV.fit (calling thread):        ${show(seconds.seq)}`);
console.log(`  digitkit gridSearchParallel (${jobs} threads):        ${show(seconds.par)}; the first run starts the threads; ` +
  `/ sequential ${(median(seconds.par) / median(seconds.seq)).toFixed(2)}`);
if (skipped !== null) {
  console.log(`  scikit-learn skipped: ${skipped}`);
} else {
  const same = skMeans.every((m, i) => Math.abs(m - seqMeans[i]) <= 1e-12);
  for (const [nJobs, s] of [[1, seconds.sk1], [jobs, seconds.skN]] as const) {
    const label = `scikit-learn ${version} GridSearchCV (n_jobs=${nJobs}):`.padEnd(50);
    console.log(`  ${label}${show(s)}; digitkit sequential / it ${(median(seconds.seq) / median(s)).toFixed(2)}, ` +
      `parallel / it ${(median(seconds.par) / median(s)).toFixed(2)}`);
  }
  console.log(`  same mean CV accuracies as scikit-learn: ${same ? 'yes' : 'NO'}`);
}
