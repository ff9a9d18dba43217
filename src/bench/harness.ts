/**
 * The benchmark harness: every digitkit estimator and its peers on one
 * dataset, each task in a process of its own, in one run. Prints a table
 * with the ratios of digitkit's times to the peers', and writes JSON,
 * Markdown and two PNG charts to the results folder.
 *
 * Run by `digitkit bench` and `npm run bench` (which builds the package and
 * runs that, so the figures are the compiled package's), or from the
 * TypeScript sources by benchmarks/bench.ts (through tsx, in every task and
 * thread: slower to start and about 90 MB more per task). A benchmark, never a
 * test: `npm test` runs it only on the digits, to check that it works.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { OptionReader, COMMON_OPTIONS } from '../cli/options.js';
import { findUp } from '../core/node-files.js';
import { DATASET_SIZES, loadTaskData } from './task-data.js';
import { writeReport, type Run } from './bench-report.js';
import { writeSklearnData } from './sklearn-data.js';
import { ESTIMATORS, PEERS, type DatasetName, type Implementation, type TaskResult, type TaskSpec } from './spec.js';

type Peer = Exclude<Implementation, 'digitkit'>;

/** The harness's options, as {@link parseBenchArgs} reads them. */
export interface BenchOptions {
  dataset: DatasetName;
  trainSizes: number[];
  testSize: number;
  repeat: number;
  /** digitkit's worker threads; undefined: every core. */
  jobs: number | undefined;
  estimators: string[];
  peers: Peer[];
  /** The results folder (absolute). */
  out: string;
  progress: boolean;
}

/** The help text of the harness's options. */
export const BENCH_OPTIONS = `  --dataset digits|mnist   the 8×8 digits example split (default) or MNIST (train: the first N of the 60,000; test: the first N of the 10,000)
  --train-size N[,N…]      training samples; several sizes run in one go (default: digits 898, mnist 10000)
  --test-size N            test samples (default: digits 899, mnist 10000)
  --repeat N               fits and predictions per task; the medians are reported (default: digits 5, mnist 1)
  --estimators LIST        comma-separated, of: ${Object.keys(ESTIMATORS).join(', ')} (default: all)
  --peers LIST             comma-separated, of: ${Object.keys(PEERS).join(', ')}, or none (default: all available)
  --jobs N                 digitkit's worker threads for k-NN and TemplateMatcher predictions (default: every core)
  --out DIR                where the results go (default: results)
  --no-progress            no progress bar
  -h, --help               this help`;

/**
 * Parses the harness's arguments.
 * @returns the options, or `{ help: true }` when `--help` was asked for.
 * @throws TypeError (from `util.parseArgs`) for an unknown option or a missing value;
 *   RangeError `bench: option --name …` for a bad value.
 */
export function parseBenchArgs(argv: string[]): BenchOptions | { help: true } {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string', default: 'digits' },
      'train-size': { type: 'string' },
      'test-size': { type: 'string' },
      repeat: { type: 'string' },
      estimators: { type: 'string' },
      peers: { type: 'string' },
      out: { type: 'string', default: 'results' },
      ...COMMON_OPTIONS,
    },
    strict: true,
  });
  if (values.help) return { help: true };
  const read = new OptionReader('bench');
  const dataset = read.oneOf('dataset', values.dataset, ['digits', 'mnist'] as const);
  const sizes = DATASET_SIZES[dataset];
  const defaultTrain = dataset === 'digits' ? sizes.train : 10000;
  const trainSizes = values['train-size'] === undefined
    ? [defaultTrain]
    : [...new Set(values['train-size'].split(',').map((v) => read.integer('train-size', v.trim(), 1, sizes.train)!))];
  return {
    dataset,
    trainSizes,
    testSize: read.integer('test-size', values['test-size'], 1, sizes.test) ?? sizes.test,
    repeat: read.integer('repeat', values.repeat, 1, 1000) ?? (dataset === 'digits' ? 5 : 1),
    jobs: read.integer('jobs', values.jobs, 1, 1024),
    estimators: read.list('estimators', values.estimators, Object.keys(ESTIMATORS)),
    peers: read.list('peers', values.peers, Object.keys(PEERS) as Peer[]),
    out: resolve(values.out!),
    progress: !values['no-progress'],
  };
}

/** When, with what command and on what machine a run was made, for its report. */
function runContext(o: BenchOptions, started: Date): Pick<Run, 'date' | 'command' | 'machine'> {
  const command = [
    'digitkit bench',
    `--dataset ${o.dataset}`,
    `--train-size ${o.trainSizes.join(',')}`,
    `--test-size ${o.testSize}`,
    `--repeat ${o.repeat}`,
    `--estimators ${o.estimators.join(',') || 'none'}`,
    `--peers ${o.peers.join(',') || 'none'}`,
    ...(o.jobs === undefined ? [] : [`--jobs ${o.jobs}`]),
  ].join(' ');
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dirname(fileURLToPath(import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a checkout (an installed package): no commit to name
  }
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const machine = `${availableParallelism()} cores (${cpu}), Node ${process.version}, ${Math.round(totalmem() / 2 ** 30)} GB${commit ? `, digitkit at ${commit}` : ''}`;
  return { date: started.toISOString().replace(/\.\d+Z$/, 'Z'), command, machine };
}

/** Why a peer cannot run here, or null when it can. */
function unavailable(peer: Peer): string | null {
  if (peer === 'scikit-learn') {
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import sklearn, threadpoolctl'], { stdio: 'ignore' });
    } catch (err) {
      return (err as { code?: string }).code === 'ENOENT'
        ? '/usr/bin/python3 not found'
        : '/usr/bin/python3 has no scikit-learn (apt-get install python3-sklearn)';
    }
    return sklearnScript() === undefined ? 'benchmarks/sklearn_bench.py is not in the package' : null;
  }
  try {
    createRequire(import.meta.url).resolve(peer);
    return null;
  } catch {
    return `the npm package ${peer} is not installed (npm install ${peer})`;
  }
}

/** `benchmarks/sklearn_bench.py` of the package (a source checkout or the installed package, which ships it). */
function sklearnScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findUp(here, join('benchmarks', 'sklearn_bench.py'));
  return root === undefined ? undefined : join(root, 'benchmarks', 'sklearn_bench.py');
}

/** The tasks of a run: every estimator at each size, each peer at its own limit and digitkit again at that limit where it differs. */
function planTasks(o: BenchOptions, peers: Peer[]): TaskSpec[] {
  const base = { dataset: o.dataset, repeat: o.repeat, jobs: o.jobs };
  const tasks: TaskSpec[] = [];
  for (const trainSize of o.trainSizes) {
    for (const estimator of o.estimators) tasks.push({ ...base, impl: 'digitkit', estimator, trainSize, testSize: o.testSize });
    for (const peer of peers) {
      // So that every ratio compares equal sizes.
      for (const estimator of PEERS[peer].estimators.filter((e) => o.estimators.includes(e))) {
        const t = { ...base, estimator, trainSize: Math.min(trainSize, PEERS[peer].maxTrain ?? Infinity), testSize: Math.min(o.testSize, PEERS[peer].maxTest ?? Infinity) };
        const has = (impl: Implementation) => tasks.some((x) => x.impl === impl && x.estimator === estimator && x.trainSize === t.trainSize && x.testSize === t.testSize);
        // A peer capped below several sizes runs once; digitkit runs again at the peer's size where it differs.
        if (!has(peer)) tasks.push({ ...t, impl: peer });
        if (!has('digitkit')) tasks.push({ ...t, impl: 'digitkit' });
      }
    }
  }
  return tasks;
}

/**
 * The command of one task's process: scikit-learn's script, or task.js of
 * the built package, or task.ts through tsx when the harness runs from the sources.
 */
function taskCommand(spec: TaskSpec): [string, string[]] {
  if (spec.impl === 'scikit-learn') return ['/usr/bin/python3', [sklearnScript()!, JSON.stringify(spec)]];
  const fromSource = import.meta.url.endsWith('.ts');
  const task = fileURLToPath(new URL(fromSource ? './task.ts' : './task.js', import.meta.url));
  // --expose-gc: the task collects the loading's garbage before it starts (see task.ts).
  return [process.execPath, ['--expose-gc', ...(fromSource ? ['--import', 'tsx'] : []), task, JSON.stringify(spec)]];
}

/** Runs one task in a child process and reads its JSON line; `onStep` gets its progress lines. */
function runTask(spec: TaskSpec, onStep: (step: string) => void): Promise<TaskResult> {
  const [cmd, args] = taskCommand(spec);
  return new Promise((resolveTask, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    let partial = '';
    child.stderr.on('data', (d) => {
      // Progress lines update the bar; anything else is kept for the error message.
      const lines = (partial + d).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('progress ')) {
          err += `${line}\n`;
          continue;
        }
        const p = JSON.parse(line.slice(9)) as { stage: string; done: number; total: number };
        onStep(`${p.stage} ${p.done}/${p.total}`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) resolveTask(JSON.parse(line) as TaskResult);
      else reject(new Error(`${spec.impl} ${spec.estimator} failed (exit code ${code}): ${(err + partial).trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** What a run did. */
export interface BenchRun {
  results: TaskResult[];
  /** One line per failed task. */
  failures: string[];
  /** The files written. */
  files: string[];
}

/**
 * Runs the benchmark: prints the plan, a progress bar (on a terminal, unless
 * `progress` is false), the table, and writes the report files.
 * A task that fails is reported in `failures`; the others still run.
 */
export async function runBench(o: BenchOptions): Promise<BenchRun> {
  const reasons = new Map(o.peers.map((peer) => [peer, unavailable(peer)]));
  const skipped = [...reasons].filter(([, reason]) => reason !== null).map(([peer, reason]) => ({ peer, reason: reason! }));
  const tasks = planTasks(o, o.peers.filter((p) => !reasons.get(p)));
  const { dataset, trainSizes, testSize, repeat, jobs } = o;
  const started = new Date();
  console.log(`digitkit benchmark: ${dataset}, ${trainSizes.join(', ')} training / ${testSize} test samples, ` +
    `median of ${repeat} run${repeat > 1 ? 's' : ''} per task, ${tasks.length} tasks`);
  for (const s of skipped) console.log(`  skipped ${s.peer}: ${s.reason}`);

  // scikit-learn reads the data from files: written once at the largest size, each task reading its first rows.
  let dataDir: string | undefined;
  if (tasks.some((t) => t.impl === 'scikit-learn')) {
    dataDir = mkdtempSync(join(tmpdir(), 'digitkit-bench-'));
    const d = loadTaskData(dataset, Math.max(...trainSizes), testSize);
    writeSklearnData(dataDir, d.XTrain, d.XTest, d.yTrain, d.yTest);
  }

  const bar = !o.progress || !process.stdout.isTTY
    ? null
    : new cliProgress.SingleBar({ format: '  {bar} {value}/{total} tasks | {duration_formatted} | {task} {step}', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar?.start(tasks.length, 0, { task: '', step: '' });
  const results: TaskResult[] = [];
  const failures: string[] = [];
  try {
    for (const spec of tasks) {
      const name = `${spec.impl} ${spec.estimator} (${spec.trainSize}/${spec.testSize})`;
      bar?.update({ task: name, step: '' });
      if (!bar) console.log(`  running ${name}`);
      try {
        results.push(await runTask({ ...spec, dataDir: spec.impl === 'scikit-learn' ? dataDir : undefined }, (step) => bar?.update({ step })));
      } catch (err) {
        failures.push((err as Error).message);
      }
      bar?.increment();
    }
  } finally {
    bar?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  for (const f of failures) console.log(`  failed: ${f}`);
  const files = writeReport({ dataset, trainSizes, testSize, repeat, jobs, skipped, failures, results, ...runContext(o, started) }, o.out);
  for (const path of files) console.log(`wrote ${path}`);
  return { results, failures, files };
}
