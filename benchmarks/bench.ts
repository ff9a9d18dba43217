/**
 * The benchmark harness (src/bench/harness.ts) from the TypeScript sources,
 * through tsx: `npx tsx benchmarks/bench.ts [options]`. `npm run bench` and
 * `digitkit bench` run the same harness from the built package (the figures
 * to quote: tsx adds start-up time and memory to every task).
 *
 *   npx tsx benchmarks/bench.ts [--dataset digits|mnist --train-size N[,N…] --test-size N --repeat N
 *                     --estimators svc,knn-raw,… --peers scikit-learn,libsvm-js,ml-svm,ml-knn --jobs N --out DIR]
 *
 * A benchmark, never a test: `npm test` runs it only on the digits, to check that it works.
 */
import { BENCH_OPTIONS, parseBenchArgs, runBench, type BenchOptions } from '../src/bench/harness.js';

let options: BenchOptions | { help: true };
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message.startsWith('bench: ') ? (err as Error).message : `bench: ${(err as Error).message}`);
  process.exit(2);
}
if ('help' in options) {
  console.log(`usage: npx tsx benchmarks/bench.ts [options]\n${BENCH_OPTIONS}`);
  process.exit(0);
}
const { failures } = await runBench(options);
if (failures.length) process.exitCode = 1;
