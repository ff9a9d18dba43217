/** The messages between the page and its worker (one worker reads, another tunes). */
import type { ApiReadResult } from '../api-json.js';

/** A picture for the worker: a canvas's grey pixels, or a file's bytes. */
export type ReadRequest =
  | { type: 'read'; id: number; minConfidence: number; image: { width: number; height: number; data: Float64Array } }
  | { type: 'readBytes'; id: number; minConfidence: number; bytes: Uint8Array };

/** Page → worker. */
export type ToWorker =
  | { type: 'init'; modelUrl: string; digitsUrl: string }
  | ReadRequest
  | { type: 'fit'; C: number; gamma: number }
  | { type: 'grid'; Cs: number[]; gammas: number[]; folds: number };

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; ms: number }
  | { type: 'result'; id: number; ms: number; result: ApiReadResult; inputs: (Uint8Array | null)[]; preview?: { width: number; height: number; grey: Uint8Array } }
  | { type: 'fitted'; C: number; gamma: number; accuracy: number; confusion: number[][]; nTrain: number; nTest: number; ms: number }
  | { type: 'gridCell'; i: number; j: number; score: number; done: number; total: number }
  | { type: 'gridDone'; ms: number; best: { C: number; gamma: number; score: number } }
  | { type: 'error'; id?: number; message: string };
