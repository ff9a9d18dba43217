/**
 * The one program of every kept worker thread (see worker-pool.ts). A call
 * sends `{ module, data, next, total, rangeSize }`: the thread imports the job
 * module (once per thread: later calls find it loaded and its code already
 * optimized), calls its `startJob(data)`, then takes ranges from the call's
 * shared counter `next` until none is left, posting `{ start, end, message }`
 * for each. `{ done: true }` ends the call. An exception leaves the thread
 * uncaught, so that the caller sees it fail.
 */
import { measureMemory } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import type { JobModule, RangeHandler } from './worker-pool.js';

/** What a call sends each of its threads. */
export interface PoolCall {
  module: string;
  data: unknown;
  /** `next[0]`: the first item no thread has taken yet, shared by the call's threads. */
  next: Int32Array;
  total: number;
  rangeSize: number;
}

let handler: RangeHandler | null = null;

/**
 * Frees what the last call's data held. Dropping the handler is not enough: a
 * shared buffer's memory is freed only once every thread that saw it has
 * collected its copy of the object, and an idle thread allocates nothing, so
 * it would not collect for as long as it is kept (MNIST 5,000, three
 * fitParallel calls: each call's 100 MB kernel matrix stayed, 372–433 MB →
 * 510–620 MB resident). `vm.measureMemory` with `execution: 'eager'` is the
 * one API that runs a full collection on this thread without `--expose-gc`
 * (a 400 MB shared buffer: 433 → 52 MB resident). Its "experimental" warning
 * is dropped in this thread only, which runs nothing but digitkit's jobs.
 */
function collect(): void {
  void measureMemory({ mode: 'summary', execution: 'eager' }).catch(() => {});
}
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
  if (String(warning).includes('vm.measureMemory')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;

/**
 * Takes ranges until the counter passes the end. Taking them from the shared
 * counter, not from the calling thread, keeps a thread from waiting for the
 * calling thread to be scheduled between cells: on the digits grid with the
 * 2 cores loaded by other processes, that wait was 5–13 ms per cell, about a
 * tenth of the work.
 */
function runCall(call: PoolCall, run: RangeHandler): void {
  for (let start = Atomics.add(call.next, 0, call.rangeSize); start < call.total; start = Atomics.add(call.next, 0, call.rangeSize)) {
    const end = Math.min(call.total, start + call.rangeSize);
    const { message, transfer } = run(start, end);
    parentPort!.postMessage({ start, end, message }, transfer);
  }
}

parentPort!.on('message', (m: PoolCall | { done: true }) => {
  if ('done' in m) {
    // The call is over: let go of its data (a fit's kernel matrix can be hundreds of MB).
    handler = null;
    collect();
    return;
  }
  import(m.module).then((mod: JobModule) => {
    handler = mod.startJob(m.data);
    runCall(m, handler);
  }).catch((err) => {
    // Thrown outside the promise: the thread fails as on any other uncaught exception.
    setImmediate(() => { throw err; });
  });
});
