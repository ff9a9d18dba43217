/**
 * Work split into ranges of items and handed out to worker threads, a range
 * at a time to whichever worker is free. Each worker module answers a
 * `{ start, end }` message with one result message. Workers are always
 * ended when the work is done or fails, so none outlives the call.
 */
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { ProgressCallback } from '../core/progress.js';
import { startWorker } from './start-worker.js';

/** What {@link runRanges} needs. */
export interface RangeJob<R> {
  /** The worker module, relative to `importerUrl` and without extension (see `startWorker`). */
  worker: string;
  importerUrl: string;
  /** Given to every worker once; typed arrays on shared memory are shared, not copied. */
  workerData: unknown;
  /** Limits of each worker's JavaScript heap (default: Node's). */
  resourceLimits?: ResourceLimits;
  /** Items `0 .. total` are split into ranges of `rangeSize`. */
  total: number;
  rangeSize: number;
  nJobs: number;
  /** The public call, for error messages. */
  where: string;
  /** Called on the calling thread with each range's result message. */
  onResult: (result: R) => void;
  /** Called after each range's result with (items done, total). */
  onProgress?: ProgressCallback;
}

/**
 * Runs every range on at most `nJobs` workers.
 * @throws Error `"<where>: a worker thread failed: …"` when a worker throws or exits early.
 */
export async function runRanges<R>(job: RangeJob<R>): Promise<void> {
  const { total, rangeSize, where } = job;
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  // The range each worker is on.
  const current = new Map<Worker, number>();
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      const handOut = (w: Worker): void => {
        if (next >= total) {
          if (--running === 0) resolve();
          return;
        }
        const start = next;
        next = Math.min(total, next + rangeSize);
        current.set(w, next - start);
        w.postMessage({ start, end: next });
      };
      const fail = (err: unknown): void => {
        next = total; // hand out nothing more
        reject(new Error(`${where}: a worker thread failed: ${err instanceof Error ? err.message : String(err)}`));
      };
      const count = Math.min(job.nJobs, Math.ceil(total / rangeSize));
      for (let i = 0; i < count; i++) {
        const w = startWorker(job.importerUrl, job.worker, job.workerData, job.resourceLimits);
        workers.push(w);
        running++;
        w.on('message', (m: R) => {
          try {
            job.onResult(m);
            done += current.get(w)!;
            job.onProgress?.(done, total);
          } catch (err) {
            fail(err);
            return;
          }
          handOut(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => fail(new Error(`it exited with code ${code} before its work was done`)));
        handOut(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.removeAllListeners('exit').terminate()));
  }
}
