/**
 * The fuzz suite: mutation fuzzing of PNG, IDX and model files, and
 * property-based cases for every estimator and transformer, all from fixed
 * seeds; prints a table of outcomes (or JSON with --json) and exits 1 when any
 * case crashed, hung, answered wrongly or grew memory by over 300 MB.
 *
 *   npm run fuzz                       # the short run (about 15 s), as npm test runs it
 *   npm run fuzz -- --runs 10000       # a long run: 10,000 PNG and model-file mutants, 5,000 IDX mutants and property cases per estimator
 *   npm run fuzz -- --png 10000 --idx 5000 --model 5000 --props 5000 --seed 7
 *
 * Run with node --expose-gc (the npm script does) so that memory is measured after collection.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { idxTarget, jpegTarget, modelFileTarget, modelJsonTarget, pngTarget, type FileTarget } from './files.js';
import { caseArb, estimatorCase, fuzzedModels } from './estimators.js';
import { Rng } from './mutate.js';
import { OUTCOMES, Tally, type CaseResult } from './outcome.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    png: { type: 'string' },
    jpeg: { type: 'string' },
    idx: { type: 'string' },
    model: { type: 'string' },
    props: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const count = (v: string | undefined, short: number, long: (runs: number) => number) =>
  v !== undefined ? Number(v) : values.runs !== undefined ? long(Number(values.runs)) : short;
const seed = Number(values.seed);
const plan = {
  png: count(values.png, 3000, (r) => r),
  jpeg: count(values.jpeg, 1000, (r) => Math.ceil(r / 2)),
  idx: count(values.idx, 2000, (r) => Math.ceil(r / 2)),
  model: count(values.model, 3000, (r) => r),
  props: count(values.props, 500, (r) => Math.ceil(r / 2)),
};

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseline = process.memoryUsage().rss;
const MEMORY_LIMIT = 300 * 2 ** 20;
let sinceGc = 0;

/** The case's result, or 'memory' when the process has grown by more than 300 MB since the start (after collection). */
function withMemory(r: CaseResult): CaseResult {
  if (++sinceGc >= 100) {
    sinceGc = 0;
    gc?.();
    const growth = process.memoryUsage().rss - baseline;
    if (growth > MEMORY_LIMIT) return { outcome: 'memory', detail: `${Math.round(growth / 2 ** 20)} MB above the start` };
  }
  return r;
}

const tallies: Tally[] = [];
const started = performance.now();

/** With DIGITKIT_FUZZ_TRACE=1: each target's start and any case over a second, on standard error (to find a slow case). */
const trace = process.env.DIGITKIT_FUZZ_TRACE === '1';
function timed<T>(label: () => string, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  if (trace && performance.now() - t0 > 1000) process.stderr.write(`slow (${Math.round(performance.now() - t0)} ms): ${label()}\n`);
  return r;
}

function fuzzFiles(target: FileTarget, n: number, s: number): void {
  if (trace) process.stderr.write(`${target.name}\n`);
  const tally = new Tally(`${target.name} mutants`);
  const rng = new Rng(s);
  for (let i = 0; i < n; i++) {
    const { result, what } = timed(() => `${target.name} case ${i}`, () => target.run(rng));
    tally.add(withMemory(result), () => `case ${i} (${what})`);
  }
  tallies.push(tally);
}

fuzzFiles(pngTarget, plan.png, seed);
fuzzFiles(jpegTarget, plan.jpeg, seed + 4);
fuzzFiles(idxTarget, plan.idx, seed + 1);
fuzzFiles(modelJsonTarget, Math.ceil(plan.model / 2), seed + 2);
fuzzFiles(modelFileTarget, Math.floor(plan.model / 2), seed + 3);

fuzzedModels().forEach((model, k) => {
  const tally = new Tally(`${model.name}: property cases`);
  if (trace) process.stderr.write(`${model.name}\n`);
  const inputs = fc.sample(caseArb, { numRuns: plan.props, seed: seed * 1000 + k });
  inputs.forEach((input, i) => tally.add(withMemory(timed(() => `${model.name} case ${i}`, () => estimatorCase(model, input))), () => `case ${i}: ${JSON.stringify(input, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)).slice(0, 300)}`));
  tallies.push(tally);
});

const seconds = (performance.now() - started) / 1000;
const bad = tallies.reduce((n, t) => n + t.failures, 0);
if (values.json) {
  console.log(JSON.stringify({ seed, seconds, plan, tallies: tallies.map((t) => ({ name: t.name, tried: t.tried, ...Object.fromEntries(t.counts), bad: t.bad })) }));
} else {
  const header = ['target', 'tried', 'clean error', 'right answer', 'raw crash', 'hang', 'wrong answer', 'memory'];
  console.log(`| ${header.join(' | ')} |\n|${header.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
  for (const t of tallies) {
    const c = (o: (typeof OUTCOMES)[number]) => t.counts.get(o)!.toLocaleString('en-US');
    console.log(`| ${t.name} | ${t.tried.toLocaleString('en-US')} | ${c('clean')} | ${c('right')} | ${c('crash')} | ${c('hang')} | ${c('wrong')} | ${c('memory')} |`);
  }
  console.log(`\nseed ${seed}, ${seconds.toFixed(0)} s${gc ? '' : ' (memory not checked: run with node --expose-gc)'}`);
  for (const t of tallies) for (const b of t.bad) console.log(`${t.name}: ${b}`);
}
process.exitCode = bad ? 1 : 0;
