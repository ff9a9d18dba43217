/**
 * The one program of every kept worker thread (see worker-pool.ts). A call
 * sends `{ module, data, next, total, rangeSize }`: the thread imports the job
 * module (once per thread: later calls find it loaded and its code already
 * optimized), calls its `startJob(data)`, then takes ranges from the call's
 * shared counter `next` until none is left, posting `{ start, end, message }`
 * for each. `{ done: true }` ends the call. An exception leaves the thread
 * uncaught, so that the caller sees it fail.
 */
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
