/**
 * What every threaded job shares: the `nJobs` option, when threads pay off,
 * and how work is cut into ranges.
 */
import { availableParallelism } from 'node:os';
import { readProgress, type ProgressCallback, type ProgressOptions } from '../core/progress.js';
import { checkNumber } from '../core/validation.js';

/** Options of the threaded calls ({@link predictParallel}, {@link fitParallel}, {@link kneighborsParallel}, …). */
export interface ParallelOptions extends ProgressOptions {
  /** Worker threads: an integer >= 1. Default: every core (`os.availableParallelism()`). */
  nJobs?: number;
}

/**
 * Below this many multiply-adds (of a brute-force search: queries × rows ×
 * features × shifts; of an SVC's kernel: samples² × features), about a second
 * of work, starting threads (a few tenths of a second) costs more than it
 * saves: the work runs on the calling thread.
 */
export const MIN_PARALLEL_WORK = 1e9;

/** Ranges handed out per worker: several, so that a slow range does not leave the other workers idle. */
const RANGES_PER_WORKER = 4;

/** The range size that gives each of `nJobs` workers a few ranges. */
export function rangeSize(total: number, nJobs: number): number {
  return Math.max(8, Math.ceil(total / (nJobs * RANGES_PER_WORKER)));
}

/** The `nJobs` option (default: every core) and `onProgress`, after checking that `options` names only those and `extra`. */
export function readJobs(options: ParallelOptions, where: string, extra: string[] = []): { nJobs: number; onProgress?: ProgressCallback } {
  const onProgress = readProgress(options, where, ['nJobs', ...extra]);
  const nJobs = options.nJobs === undefined ? availableParallelism() : checkNumber(options.nJobs, where, 'nJobs', { integer: true, ge: 1 });
  return { nJobs, onProgress };
}
