/**
 * A job module for the worker-pool tests: answers a range with the squares of
 * its items, or fails as its data's `fail` says ('throw' on the range that
 * holds item 5, 'exit' there, or 'bad-result' for a result the caller rejects);
 * each result names the thread that made it.
 */
import { threadId } from 'node:worker_threads';
import type { RangeHandler } from '../../src/parallel/worker-pool.js';

export function startJob({ fail }: { fail?: 'throw' | 'exit' | 'bad-result' }): RangeHandler {
  return (start, end) => {
    const hits5 = start <= 5 && 5 < end;
    if (hits5 && fail === 'throw') throw new RangeError('item 5 is cursed');
    if (hits5 && fail === 'exit') process.exit(3);
    const squares = Array.from({ length: end - start }, (_, i) => (start + i) ** 2);
    return { message: { start, thread: threadId, squares: hits5 && fail === 'bad-result' ? null : squares } };
  };
}
