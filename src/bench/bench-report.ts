/**
 * The harness's report: a table on the terminal, the same as Markdown, all
 * figures as JSON, and two PNG bar charts (accuracy, prediction time).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { barChartPng } from '../index.js';
import { ESTIMATORS, PEERS, type DatasetName, type TaskResult } from './spec.js';

export interface Run {
  dataset: DatasetName;
  trainSizes: number[];
  testSize: number;
  repeat: number;
  jobs: number | undefined;
  skipped: { peer: string; reason: string }[];
  failures: string[];
  results: TaskResult[];
  /** When the run started (ISO 8601, UTC). */
  date: string;
  /** The command that repeats the run. */
  command: string;
  /** Cores, CPU, Node version, memory, and the commit when run from a checkout. */
  machine: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A table row: one task's medians, and for a peer the ratios to digitkit at the same sizes. */
interface Row {
  estimator: string;
  impl: string;
  sizes: string;
  accuracy: number;
  fit: number;
  predict: number;
  perSecond: number;
  memoryMB: number;
  modelKB: number | null;
  fitRatio: number | null;
  predictRatio: number | null;
  samePredictions: number | null;
}

function rows(run: Run): Row[] {
  const ours = (r: TaskResult) =>
    run.results.find((x) => x.impl === 'digitkit' && x.estimator === r.estimator && x.trainSize === r.trainSize && x.testSize === r.testSize);
  return run.results.map((r) => {
    const mine = r.impl === 'digitkit' ? null : ours(r);
    const fit = median(r.fitSeconds);
    const predict = median(r.predictSeconds);
    let same: number | null = null;
    if (mine?.predictions && r.predictions) {
      same = r.predictions.filter((p, i) => p === mine.predictions![i]).length / r.predictions.length;
    }
    return {
      estimator: ESTIMATORS[r.estimator]?.label ?? r.estimator,
      impl: r.version ? `${r.impl} ${r.version}${r.blasThreads ? ` (${r.blasThreads} BLAS threads)` : ''}` : r.impl,
      sizes: `${r.trainSize}/${r.testSize}`,
      accuracy: r.accuracy,
      fit,
      predict,
      perSecond: r.testSize / predict,
      memoryMB: r.peakMemoryMB,
      modelKB: r.modelBytes === null ? null : r.modelBytes < 0 ? -1 : r.modelBytes / 1024,
      fitRatio: mine ? median(mine.fitSeconds) / fit : null,
      predictRatio: mine ? median(mine.predictSeconds) / predict : null,
      samePredictions: same,
    };
  });
}

const HEADER = ['estimator', 'implementation', 'train/test', 'accuracy', 'fit s', 'predict s', 'predictions/s', 'peak MB', 'model KB', 'fit: ours/theirs', 'predict: ours/theirs', 'same predictions'];

function cells(r: Row): string[] {
  const ratio = (v: number | null) => (v === null ? '' : `${v.toFixed(2)}×`);
  const secs = (v: number) => (v < 0.1 ? v.toFixed(4) : v < 10 ? v.toFixed(3) : v.toFixed(1));
  return [
    r.estimator,
    r.impl,
    r.sizes,
    `${(100 * r.accuracy).toFixed(2)}%`,
    secs(r.fit),
    secs(r.predict),
    r.perSecond >= 100 ? Math.round(r.perSecond).toLocaleString('en-US') : r.perSecond.toFixed(1),
    r.memoryMB.toFixed(0),
    r.modelKB === null ? '' : r.modelKB < 0 ? 'too large' : r.modelKB.toFixed(0),
    ratio(r.fitRatio),
    ratio(r.predictRatio),
    r.samePredictions === null ? '' : `${(100 * r.samePredictions).toFixed(2)}%`,
  ];
}

function terminalTable(all: Row[]): string {
  const table = [HEADER, ...all.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return table.map((row) => row.map((v, c) => (c < 3 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ')).join('\n');
}

function markdown(run: Run, all: Row[]): string {
  const lines = [
    `# digitkit benchmark: ${run.dataset}`,
    '',
    `Run ${run.date} on ${run.machine}:`,
    '',
    '```sh',
    run.command,
    '```',
    '',
    `${run.trainSizes.join(', ')} training / ${run.testSize} test samples; median of ${run.repeat} run(s) per task; ` +
      `each task in its own process (peak MB is that process's peak resident memory, data included). ` +
      `Ratios are digitkit's time divided by the peer's at the same sizes (below 1: digitkit is faster).`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, c) => (c < 3 ? '---' : '---:')).join('|')}|`,
    ...all.map((r) => `| ${cells(r).join(' | ')} |`),
    '',
  ];
  for (const [peer, p] of Object.entries(PEERS)) lines.push(`- ${peer}: ${p.note}`);
  for (const s of run.skipped) lines.push(`- skipped ${s.peer}: ${s.reason}`);
  for (const f of run.failures) lines.push(`- failed: ${f}`);
  return `${lines.join('\n')}\n`;
}

/** Prints the table and writes `<dataset>.json`, `<dataset>.md` and two charts into `outDir`; returns the paths. */
export function writeReport(run: Run, outDir: string): string[] {
  const all = rows(run);
  console.log(`\n${terminalTable(all)}\n`);
  for (const s of run.skipped) console.log(`skipped ${s.peer}: ${s.reason}`);
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, run.dataset);
  const json = { ...run, results: run.results.map(({ predictions, ...r }) => r), table: all };
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(run, all));
  const labels = all.map((r) => `${r.estimator} · ${r.impl} (${r.sizes})`);
  writeFileSync(`${base}-accuracy.png`, barChartPng(all.map((r) => 100 * r.accuracy), { labels, valueTitle: 'test accuracy (%)' }));
  writeFileSync(`${base}-predict-time.png`, barChartPng(all.map((r) => r.predict), { labels, valueTitle: 'prediction time (s)' }));
  return [`${base}.json`, `${base}.md`, `${base}-accuracy.png`, `${base}-predict-time.png`];
}
