/**
 * The one program of every kept worker thread (see worker-pool.ts). A call
 * first sends `{ module, data }`: the thread imports the job module (once per
 * thread: later calls find it loaded and its code already optimized), calls
 * its `startJob(data)` and answers `{ ready: true }`. Then each
 * `{ start, end }` is answered with the handler's one result message, and
 * `{ done: true }` ends the call. An
 * exception leaves the thread uncaught, so that the caller sees it fail.
 */
import { parentPort } from 'node:worker_threads';
import type { JobModule, RangeHandler } from './worker-pool.js';

let handler: RangeHandler | null = null;

parentPort!.on('message', (m: { module: string; data: unknown } | { start: number; end: number } | { done: true }) => {
  if ('done' in m) {
    // The call is over: let go of its data (a fit's kernel matrix can be hundreds of MB).
    handler = null;
    return;
  }
  if ('module' in m) {
    handler = null;
    import(m.module).then((mod: JobModule) => {
      handler = mod.startJob(m.data);
      parentPort!.postMessage({ ready: true });
    }).catch((err) => {
      // Thrown outside the promise: the thread fails as any other uncaught exception.
      setImmediate(() => { throw err; });
    });
    return;
  }
  const { message, transfer } = handler!(m.start, m.end);
  parentPort!.postMessage(message, transfer);
});
