/**
 * Work split into ranges of items and run on worker threads, each thread
 * taking the next range from a counter the call's threads share as soon as it
 * is free. The threads are kept between calls (one pool per heap limit), each
 * running pool-worker.ts: a call sends its job module and data to each thread
 * it takes; the module's handler answers each range with one result message.
 *
 * Why kept: on the digits grid (100 cells of ~35 ms, 2 threads), a call that
 * starts its threads waits 0.45–0.5 s from the compiled package (0.85–1.5 s
 * from the sources, tsx compiling every module in each thread) before the
 * first cell, and each thread's first cell takes 0.3–0.75 s instead of
 * 0.03–0.1 s while V8 compiles the solver: about 1.0 s of CPU more per call
 * from `dist/` (1.7 s from the sources), on 3.1–3.4 s of cells. A kept
 * thread pays both once.
 *
 * Idle threads do not keep the process alive (they are unref'd) and end after
 * {@link IDLE_MS} without work; {@link closeWorkerPool} ends them at once. The
 * threads a failing call used are ended, not kept: one may still be busy.
 */
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { ProgressCallback } from '../core/progress.js';
import type { PoolCall } from './pool-worker.js';
import { moduleUrl, startWorker } from './start-worker.js';

/** Answers one range: the message to post back, and the buffers to transfer with it. */
export type RangeHandler = (start: number, end: number) => { message: unknown; transfer?: ArrayBuffer[] };

/** What a job module (the `worker` of a {@link RangeJob}) exports. */
export interface JobModule {
  /** Called once per call on each thread with the call's `workerData`. */
  startJob(data: unknown): RangeHandler;
}

/** What {@link runRanges} needs. */
export interface RangeJob<R> {
  /** The job module, relative to `importerUrl` and without extension (see `moduleUrl`); it exports `startJob`. */
  worker: string;
  importerUrl: string;
  /** Given to every worker once per call; typed arrays on shared memory are shared, not copied. */
  workerData: unknown;
  /** Limits of each worker's JavaScript heap (default: Node's); threads are kept per limits. */
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
 * How long an idle thread is kept: long enough for a loop of searches or
 * predictions, short enough that a thread is not held for nothing. An idle
 * thread holds about 35 MB resident from the compiled package (60 MB from the
 * sources under tsx): two idle threads after a digits grid, 298 → 228 MB
 * (365 → 242 MB) when `closeWorkerPool` ends them.
 */
export const IDLE_MS = 30_000;

interface Kept {
  worker: Worker;
  key: string;
  idleTimer: ReturnType<typeof setTimeout> | null;
  /** Set by closeWorkerPool on a busy thread: end it when its call is done. */
  closing: boolean;
}

/** Idle threads per heap-limits key, most recently used last. */
const idle = new Map<string, Kept[]>();
/** Every thread started, idle or busy. */
const live = new Set<Kept>();

function newThread(key: string, limits: ResourceLimits | undefined): Kept {
  const kept: Kept = { worker: startWorker(import.meta.url, './pool-worker', null, limits), key, idleTimer: null, closing: false };
  live.add(kept);
  // An idle thread's failure (none is expected) must not surface as the process's uncaught error.
  kept.worker.on('error', () => {});
  kept.worker.on('exit', () => forget(kept));
  return kept;
}

function forget(kept: Kept): void {
  live.delete(kept);
  if (kept.idleTimer) clearTimeout(kept.idleTimer);
  kept.idleTimer = null;
  const list = idle.get(kept.key);
  const i = list ? list.indexOf(kept) : -1;
  if (i >= 0) list!.splice(i, 1);
}

/** A thread for a call, kept or new, that keeps the process alive while it works. */
function takeThread(key: string, limits: ResourceLimits | undefined): Kept {
  const kept = idle.get(key)?.pop() ?? newThread(key, limits);
  if (kept.idleTimer) clearTimeout(kept.idleTimer);
  kept.idleTimer = null;
  kept.worker.ref();
  return kept;
}

/** Back to the idle list, with a timer that ends the thread if no call takes it. */
function keepThread(kept: Kept): void {
  if (!live.has(kept)) return;
  if (kept.closing) {
    forget(kept);
    void kept.worker.terminate();
    return;
  }
  kept.worker.postMessage({ done: true });
  kept.worker.unref();
  kept.idleTimer = setTimeout(() => {
    forget(kept);
    void kept.worker.terminate();
  }, IDLE_MS);
  kept.idleTimer.unref();
  const list = idle.get(kept.key) ?? [];
  idle.set(kept.key, list);
  list.push(kept);
}

/**
 * Ends digitkit's idle worker threads now, rather than after 30 seconds idle
 * (they never keep the process alive). Threads busy with a call end when the
 * call finishes; the next parallel call starts new ones.
 *
 * @returns a promise resolved once the idle threads have stopped.
 */
export async function closeWorkerPool(): Promise<void> {
  const ending = [...idle.values()].flat();
  idle.clear();
  for (const kept of live) kept.closing = true;
  for (const kept of ending) forget(kept);
  await Promise.all(ending.map((k) => k.worker.terminate()));
}

/** Threads alive (idle or busy): for the tests. */
export function poolSize(): number {
  return live.size;
}

/**
 * Runs every range on at most `nJobs` threads.
 * @throws Error `"<where>: a worker thread failed: …"` when a worker throws or exits early.
 */
export async function runRanges<R>(job: RangeJob<R>): Promise<void> {
  const { total, rangeSize, where } = job;
  const key = JSON.stringify(job.resourceLimits ?? {});
  const call: PoolCall = {
    module: moduleUrl(job.importerUrl, job.worker).href,
    data: job.workerData,
    next: new Int32Array(new SharedArrayBuffer(4)),
    total,
    rangeSize,
  };
  let done = 0;
  let failed = false;
  const taken: Kept[] = [];
  const listeners = new Map<Worker, { message: (m: unknown) => void; error: (e: unknown) => void; exit: (code: number) => void }>();
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown): void => {
        if (failed) return;
        failed = true;
        Atomics.store(call.next, 0, total); // hand out nothing more
        reject(new Error(`${where}: a worker thread failed: ${err instanceof Error ? err.message : String(err)}`));
      };
      const count = Math.min(job.nJobs, Math.ceil(total / rangeSize));
      for (let i = 0; i < count; i++) {
        const kept = takeThread(key, job.resourceLimits);
        const w = kept.worker;
        taken.push(kept);
        const on = {
          message: (m: unknown) => {
            if (failed) return;
            const { start, end, message } = m as { start: number; end: number; message: R };
            try {
              job.onResult(message);
              done += end - start;
              job.onProgress?.(done, total);
            } catch (err) {
              fail(err);
              return;
            }
            if (done === total) resolve();
          },
          error: fail,
          exit: (code: number) => fail(new Error(`it exited with code ${code} before its work was done`)),
        };
        listeners.set(w, on);
        w.on('message', on.message).on('error', on.error).on('exit', on.exit);
        w.postMessage(call);
      }
    });
  } finally {
    for (const kept of taken) {
      const on = listeners.get(kept.worker);
      if (on) kept.worker.off('message', on.message).off('error', on.error).off('exit', on.exit);
    }
    // After a failure a thread may still be on a range, or broken: end them all.
    if (failed) await Promise.all(taken.map((k) => (forget(k), k.worker.terminate())));
    else taken.forEach(keepThread);
  }
}
