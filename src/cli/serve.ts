/**
 * `digitkit serve`: the page and the HTTP API on this machine (see docs/web.md).
 */
import cluster, { type Worker } from 'node:cluster';
import { openSync, readSync, closeSync } from 'node:fs';
import { loadModelFile } from '../persistence/model-file-io.js';
import { isClassifier, type Classifier } from '../base/protocol.js';
import { DEFAULT_MAX_BODY_BYTES, startDigitServer } from '../web/server.js';
import { CliError, UsageError, parseCommandArgs, type Command } from './command.js';

const help = `usage: digitkit serve [--port 8080] [--host 127.0.0.1] [--model FILE] [--max-bytes N] [--workers N]

Serves the digitkit page (draw, drop or choose a picture; it reads in your
browser) and an HTTP API that reads PNG and JPEG pictures:

  POST /api/read   body: the bytes of a PNG or JPEG (Content-Type image/png or image/jpeg)
                   query: minConfidence=P (0..1), threshold=T (0..1), single=true|false
                   → 200 JSON { text, characters: [{ value, digit, probability, alternatives,
                     confidence, uncertain, box }], format, width, height }
                   400 not a picture, corrupt, no ink, or a bad query; 413 a body over
                   --max-bytes; 415 another Content-Type; 405 another method
  GET  /healthz    → 200 { "status": "ok" }

Stops cleanly on Ctrl-C (SIGINT) or SIGTERM: the requests in flight finish first.

  --port N        the port (default 8080; 0 picks a free one)
  --host ADDR     the address to listen on (default 127.0.0.1: this machine only;
                  0.0.0.0 for every network interface)
  -m, --model FILE  a binary model file from 'digitkit train' or saveModelFile (default: the
                  shipped model); the API and the page both read with it
  --max-bytes N   the largest picture taken, in bytes (default ${DEFAULT_MAX_BODY_BYTES})
  --workers N     processes that answer, on the one port (default 1). Reading a picture
                  takes one core for a few milliseconds: on a machine with several cores,
                  N up to their number answers more requests at once
  -h, --help      this help

examples:
  digitkit serve
  curl -s --data-binary @zip-code.png -H 'content-type: image/png' http://127.0.0.1:8080/api/read`;

function integer(name: string, value: string | undefined, lo: number, hi: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= lo && n <= hi)) throw new UsageError(`serve: ${name} must be an integer in ${lo}..${hi}, got '${value}'`);
  return n;
}

/** True when the file starts with '{': a model's JSON, which the page's worker cannot load (it reads binary model files). */
export function isModelJson(path: string): boolean {
  const first = Buffer.alloc(1);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, first, 0, 1, 0);
  } finally {
    closeSync(fd);
  }
  return first[0] === 0x7b;
}

/** The model of --model: a binary model file only, since the page's worker loads the same file. */
function readModel(path: string): Classifier {
  let model: unknown;
  try {
    model = loadModelFile(path);
  } catch (err) {
    throw new CliError(`serve: ${(err as Error).message.replace(/^loadModelFile: /, '')}`);
  }
  if (isModelJson(path)) throw new CliError(`serve: --model must be a binary model file (from 'digitkit train -o FILE.dkm' or saveModelFile), since the page loads it too; got a model's JSON in ${path}`);
  if (!isClassifier(model)) throw new CliError(`serve: the model in ${path} is a transformer, not a classifier; it cannot read digits`);
  return model;
}

/** Resolves with the signal's name on the first SIGINT or SIGTERM. */
function nextSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

interface ServeOptions {
  port: number;
  host: string;
  maxBytes: number;
  model: string | undefined;
}

/** One server in this process; with `quiet` (a worker of several) the primary process does the talking. */
async function serveHere(o: ServeOptions, quiet: boolean): Promise<number> {
  const model = o.model === undefined ? undefined : readModel(o.model);
  let server;
  try {
    server = await startDigitServer({ port: o.port, host: o.host, model, modelFile: o.model, maxBytes: o.maxBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new CliError(`serve: port ${o.port} on ${o.host} is in use; choose another with --port`);
    if (e.code === 'EACCES') throw new CliError(`serve: no permission to listen on port ${o.port}; choose one above 1023 with --port`);
    throw new CliError(`serve: ${e.message.replace(/^startDigitServer: /, '')}`);
  }
  if (quiet) process.send!({ type: 'listening', url: server.url });
  else console.log(`digitkit serve: the page is at ${server.url}/ and the API at ${server.url}/api/read (Ctrl-C stops)`);
  const signal = await nextSignal();
  if (!quiet) console.log(`digitkit serve: ${signal}: finishing the requests in flight, then stopping`);
  await server.close();
  if (!quiet) console.log('digitkit serve: stopped');
  return 0;
}

/**
 * The primary process of `--workers N`: starts N copies of this command, each a
 * server on the same port (Node's cluster shares it), restarts one that dies,
 * and on SIGINT/SIGTERM stops them all, each finishing its requests in flight.
 */
async function servePrimary(o: ServeOptions, workers: number): Promise<number> {
  // The model is checked once here, so that a bad --model is one error, not N.
  if (o.model !== undefined) readModel(o.model);
  let stopping = false;
  let listening = 0;
  const start = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (m: { type?: string; url?: string }) => {
      if (m?.type !== 'listening') return;
      listening++;
      if (listening === workers) console.log(`digitkit serve: the page is at ${m.url}/ and the API at ${m.url}/api/read, ${workers} worker processes (Ctrl-C stops)`);
    });
    return worker;
  };
  const all = new Set<Worker>();
  for (let k = 0; k < workers; k++) all.add(start());
  let failed = false;
  return new Promise<number>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      all.delete(worker);
      if (!stopping && listening < workers) {
        // A worker that could not start (the port in use…) said why on standard error: stop the others.
        stopping = true;
        failed = true;
        for (const w of all) w.process.kill('SIGTERM');
      } else if (!stopping) {
        console.error(`digitkit serve: worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`);
        all.add(start());
        return;
      }
      if (all.size === 0) {
        if (!failed) console.log('digitkit serve: stopped');
        resolve(failed ? 1 : 0);
      }
    });
    void nextSignal().then((signal) => {
      if (stopping) return;
      stopping = true;
      console.log(`digitkit serve: ${signal}: finishing the requests in flight, then stopping`);
      for (const w of all) w.process.kill('SIGTERM');
    });
  });
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    model: { type: 'string', short: 'm' },
    'max-bytes': { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const o: ServeOptions = {
    port: integer('--port', values.port, 0, 65535, 8080),
    maxBytes: integer('--max-bytes', values['max-bytes'], 1, 2 ** 31 - 1, DEFAULT_MAX_BODY_BYTES),
    host: values.host ?? '127.0.0.1',
    model: values.model,
  };
  const workers = integer('--workers', values.workers, 1, 64, 1);
  if (workers === 1) return serveHere(o, false);
  if (cluster.isPrimary) return servePrimary(o, workers);
  try {
    return await serveHere(o, true);
  } finally {
    // The channel to the primary would keep a worker alive after a failure to start.
    if (process.connected) process.disconnect();
  }
}

/** `digitkit serve`. */
export const serve: Command = {
  name: 'serve',
  summary: 'serve the page (draw or drop digits, read in the browser) and the HTTP API POST /api/read',
  help,
  run,
};
