/**
 * Issue 18's table in one run: the digits example's SVC (fit, first fit of a
 * process, predict), the digits C×gamma grid (sequential and on threads), and
 * k-NN's peak memory on MNIST, each beside scikit-learn, by the project's own
 * benchmarks run one after the other; `--mnist 10000[,60000]` adds the MNIST SVC
 * rows (the 60,000 run takes scikit-learn about 15 minutes).
 *
 *   npm run build && npm run bench:small [-- --mnist 10000 --repeat 11 --grid-repeat 3 --jobs 2]
 *
 * The commands run are printed with the table; their own output goes to
 * standard error as it comes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from '../src/bench/bench-report.js';

const { values } = parseArgs({
  options: {
    mnist: { type: 'string', default: '' },
    repeat: { type: 'string', default: '11' },
    'grid-repeat': { type: 'string', default: '3' },
    jobs: { type: 'string', default: '2' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench:small [-- --mnist 10000[,60000] --repeat N --grid-repeat N --jobs N]   (run npm run build first)');
  process.exit(0);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const positive = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench:small: option --${name} must be an integer >= 1, got '${v}'`);
    process.exit(2);
  }
  return n;
};
const repeat = positive('repeat', values.repeat);
const gridRepeat = positive('grid-repeat', values['grid-repeat']);
const jobs = positive('jobs', values.jobs);
const mnistSizes = values.mnist === '' ? [] : values.mnist.split(',').map((s) => positive('mnist', s));
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench:small: dist/cli.js is missing; run npm run build first');
  process.exit(2);
}

const commands: string[] = [];
/** Runs a command from the repository root, its output echoed to standard error; returns its standard output. */
function run(argv: string[]): string {
  commands.push(argv.join(' '));
  console.error(`$ ${argv.join(' ')}`);
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  process.stderr.write(r.stdout ?? '');
  if (r.status !== 0) throw new Error(`bench:small: '${argv.join(' ')}' exited with ${r.status}`);
  return r.stdout;
}

interface TaskResult { impl: string; fitSeconds: number[]; predictSeconds: number[]; peakMemoryMB: number }
const out = mkdtempSync(join(tmpdir(), 'digitkit-bench-small-'));
const rows: string[][] = [];
const ms = (s: number) => `${(1000 * s).toFixed(1)} ms`;
const sec = (s: number) => `${s.toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

try {
  // 1. The digits example's SVC: each implementation's task in a fresh process, `repeat` fits and predictions.
  run([process.execPath, 'dist/cli.js', 'bench', '--dataset', 'digits', '--estimators', 'svc', '--peers', 'scikit-learn', '--repeat', String(repeat), '--out', join(out, 'digits'), '--no-progress']);
  const digits = JSON.parse(readFileSync(join(out, 'digits', 'digits.json'), 'utf8')).results as TaskResult[];
  const ours = digits.find((r) => r.impl === 'digitkit')!;
  const theirs = digits.find((r) => r.impl === 'scikit-learn');
  const both = (label: string, a: number, b: number | undefined, show: (s: number) => string) =>
    rows.push([label, show(a), b === undefined ? '—' : show(b), b === undefined ? '—' : ratio(a, b)]);
  both(`digits example, SVC fit, median of ${repeat} in one process`, median(ours.fitSeconds), theirs && median(theirs.fitSeconds), ms);
  both('the same, the first fit of a fresh process', ours.fitSeconds[0], theirs?.fitSeconds[0], ms);
  both(`digits example, SVC predict, median of ${repeat}`, median(ours.predictSeconds), theirs && median(theirs.predictSeconds), ms);

  // 2. The digits grid: 4 C × 5 gamma, 5-fold, refit; sequential and on `jobs` threads, scikit-learn n_jobs 1 and `jobs`.
  const grid = run([process.execPath, '--import', 'tsx', 'benchmarks/grid-speed.ts', '--dist', '--jobs', String(jobs), '--repeat', String(gridRepeat)]);
  const seconds = (re: RegExp) => {
    const m = re.exec(grid);
    return m ? Number(m[1]) : undefined;
  };
  const seq = seconds(/GridSearchCV\.fit \(calling thread\):\s+([\d.]+) s/);
  const par = seconds(/gridSearchParallel \(\d+ threads\):\s+([\d.]+) s/);
  const sk1 = seconds(/\(n_jobs=1\):\s+([\d.]+) s/);
  const skN = seconds(new RegExp(`\\(n_jobs=${jobs}\\):\\s+([\\d.]+) s`));
  if (seq !== undefined) both('digits C×gamma grid (4×5, 5-fold, refit), sequential vs n_jobs=1', seq, sk1, sec);
  if (par !== undefined) both(`the same grid on ${jobs} threads vs n_jobs=${jobs}`, par, skN, sec);
  if (seq !== undefined && par !== undefined) rows.push([`the grid: our ${jobs} threads / our sequential`, '', '', ratio(par, seq)]);

  // 3. k-NN's peak memory on MNIST (60,000 → 10,000, k=3), each task in a process of its own.
  // The task drops its float training rows after the fit (the model keeps bytes); with --keep-train it holds
  // them to the end, as scikit-learn's model does (it keeps a reference to them).
  for (const keep of [false, true]) {
    const knn = run([process.execPath, '--import', 'tsx', 'benchmarks/knn-memory.ts', '--features', keep ? 'pixels' : 'pixels,hog-pipeline', '--jobs', String(jobs), ...(keep ? ['--keep-train'] : [])]);
    for (const line of knn.split('\n').filter((l) => /^\| (pixels|hog-pipeline) \| digitkit/.test(l))) {
      const cells = line.split('|').map((c) => c.trim());
      const sklearn = knn.split('\n').find((l) => l.startsWith(`| ${cells[1]} | scikit-learn`))?.split('|').map((c) => c.trim());
      const what = `k-NN k=3 on MNIST ${cells[1]} (60,000 → 10,000): peak memory${keep ? ', the float training rows kept to the end' : ''}`;
      rows.push([what, `${cells[3]} MB`, sklearn ? `${sklearn[3]} MB` : '—', sklearn ? ratio(Number(cells[3]), Number(sklearn[3])) : '—']);
    }
  }

  // 4. MNIST scale: the SVC (C=5, gamma=0.05) on the first N training images, the 10,000 test images.
  if (mnistSizes.length) {
    run([process.execPath, 'dist/cli.js', 'bench', '--dataset', 'mnist', '--train-size', mnistSizes.join(','), '--estimators', 'svc', '--peers', 'scikit-learn', '--out', join(out, 'mnist'), '--no-progress']);
    const mnist = JSON.parse(readFileSync(join(out, 'mnist', 'mnist.json'), 'utf8')).results as (TaskResult & { trainSize: number })[];
    for (const n of mnistSizes) {
      const a = mnist.find((r) => r.impl === 'digitkit' && r.trainSize === n);
      const b = mnist.find((r) => r.impl === 'scikit-learn' && r.trainSize === n);
      if (!a) continue;
      both(`MNIST ${n.toLocaleString('en-US')} → 10,000, SVC fit`, median(a.fitSeconds), b && median(b.fitSeconds), sec);
      both(`MNIST ${n.toLocaleString('en-US')} → 10,000, SVC predict`, median(a.predictSeconds), b && median(b.predictSeconds), sec);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

console.log(`\nRun ${new Date().toISOString()} on this machine; commands, in order:\n`);
for (const c of commands) console.log(`    ${c}`);
console.log('\n| what | digitkit | scikit-learn | ratio |\n|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
