/**
 * The options of C/gamma tuning on the command line, shared by
 * `examples/tune-c-gamma.ts` and (later) a `digitkit tune` command:
 * `parseTuneArgs(argv)` turns arguments into {@link TuneOptions} for `runTune`.
 */
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, JOBS_HELP, OptionReader } from './options.js';

/** Values to try for one parameter, with the labels they are shown with. */
export interface GridAxis {
  values: number[];
  /** As the values were written (`0.001`, `2^-5`). */
  labels: string[];
}

/** What `runTune` needs. */
export interface TuneOptions {
  C: GridAxis;
  gamma: GridAxis;
  /** Stratified folds of the cross-validation (>= 2). */
  folds: number;
  /** Worker threads; 1 runs on the calling thread. */
  jobs: number;
  /** Folder for the heatmap and the results. */
  out: string;
}

/** The grid of scikit-learn's digits example tuning: C ∈ {0.1, 1, 10, 100}, gamma ∈ {1e-4, 3e-4, 1e-3, 3e-3, 1e-2}. */
export const DEFAULT_C = '0.1,1,10,100';
/** See {@link DEFAULT_C}. */
export const DEFAULT_GAMMA = '0.0001,0.0003,0.001,0.003,0.01';
/** libsvm's classic grid (its guide and grid.py): log2 C from −5 to 15 and log2 gamma from 3 to −15, in steps of 2. */
export const LIBSVM_GRID = { C: '2^-5..2^15:2', gamma: '2^3..2^-15:-2' } as const;

/** The help text of the tuning options. */
export const TUNE_USAGE = `options:
  --C LIST                 C values: a comma list (0.1,1,10,100) or a power range B^a..B^b[:step]
                           (2^-5..2^15:2 is 2^-5, 2^-3, …, 2^15); default ${DEFAULT_C}
  --gamma LIST             gamma values, written the same way; default ${DEFAULT_GAMMA}
  --grid libsvm            libsvm's classic grid: --C ${LIBSVM_GRID.C} --gamma ${LIBSVM_GRID.gamma}
  --folds N                stratified folds of the cross-validation (default 5)
  ${JOBS_HELP}
  --out DIR                where the heatmap and the results go (default out/tune-c-gamma)
  -h, --help               this help`;

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const POWER = new RegExp(String.raw`^(${NUMBER})\^([-+]?\d+)$`, 'i');
const RANGE = new RegExp(String.raw`^(${NUMBER})\^([-+]?\d+)\.\.(${NUMBER})\^([-+]?\d+)(?::([-+]?\d+))?$`, 'i');

/**
 * Parses a grid axis: a comma list of numbers or powers (`0.1,1,2^4`), or a
 * power range `B^a..B^b[:step]` (integer exponents from a to b; the step
 * defaults to 1 or −1 toward b). Every value must be a finite number > 0.
 * @throws RangeError naming the option for anything else.
 */
export function parseGridAxis(text: string, option: string): GridAxis {
  const fail = (why: string): never => {
    throw new RangeError(`tune: option --${option} must be a comma list of numbers > 0 (0.1,1,10) or a power range (2^-5..2^15:2), got ${JSON.stringify(text)}${why}`);
  };
  const range = RANGE.exec(text.trim());
  const axis: GridAxis = { values: [], labels: [] };
  if (range) {
    const [, base, a, base2, b, stepText] = range;
    if (Number(base) !== Number(base2)) fail(': both ends need the same base');
    const [from, to] = [Number(a), Number(b)];
    const step = stepText === undefined ? (to >= from ? 1 : -1) : Number(stepText);
    if (step === 0 || Math.sign(to - from) * Math.sign(step) < 0) fail(`: step ${step} does not lead from ${from} to ${to}`);
    for (let e = from; step > 0 ? e <= to : e >= to; e += step) {
      axis.values.push(Number(base) ** e);
      axis.labels.push(`${base}^${e}`);
    }
  } else {
    for (const raw of text.split(',')) {
      const item = raw.trim();
      const power = POWER.exec(item);
      const value = power ? Number(power[1]) ** Number(power[2]) : new RegExp(`^${NUMBER}$`, 'i').test(item) ? Number(item) : NaN;
      if (Number.isNaN(value)) fail(item === '' ? ': an empty item' : `: ${JSON.stringify(item)} is not a number`);
      axis.values.push(value);
      axis.labels.push(item);
    }
  }
  const bad = axis.values.findIndex((v) => !(Number.isFinite(v) && v > 0));
  if (bad >= 0) fail(`: ${axis.labels[bad]} is not a finite number > 0`);
  return axis;
}

/**
 * Parses tuning arguments (`process.argv.slice(2)`).
 * @returns the options, or `{ help }` when `--help` was asked for.
 * @throws TypeError / RangeError naming the option for an unknown option or a bad value.
 */
export function parseTuneArgs(argv: string[], defaultOut = 'out/tune-c-gamma'): TuneOptions | { help: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      C: { type: 'string' },
      gamma: { type: 'string' },
      grid: { type: 'string' },
      folds: { type: 'string', default: '5' },
      jobs: COMMON_OPTIONS.jobs,
      out: { type: 'string', default: defaultOut },
      help: COMMON_OPTIONS.help,
    },
    strict: true,
  });
  if (values.help) return { help: TUNE_USAGE };
  const read = new OptionReader('tune');
  if (values.grid !== undefined) read.oneOf('grid', values.grid, ['libsvm']);
  const preset = values.grid === 'libsvm' ? LIBSVM_GRID : { C: DEFAULT_C, gamma: DEFAULT_GAMMA };
  return {
    C: parseGridAxis(values.C ?? preset.C, 'C'),
    gamma: parseGridAxis(values.gamma ?? preset.gamma, 'gamma'),
    folds: read.integer('folds', values.folds!, 2)!,
    jobs: read.jobs(values.jobs),
    out: values.out!,
  };
}
