/**
 * `digitkit serve`: the page and the HTTP API on this machine (see docs/web.md).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { loadModelFile } from '../persistence/model-file-io.js';
import { isClassifier, type Classifier } from '../base/protocol.js';
import { DEFAULT_MAX_BODY_BYTES, startDigitServer } from '../web/server.js';
import { CliError, UsageError, parseCommandArgs, type Command } from './command.js';

const help = `usage: digitkit serve [--port 8080] [--host 127.0.0.1] [--model FILE] [--max-bytes N]

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

async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('serve', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    model: { type: 'string', short: 'm' },
    'max-bytes': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const port = integer('--port', values.port, 0, 65535, 8080);
  const maxBytes = integer('--max-bytes', values['max-bytes'], 1, 2 ** 31 - 1, DEFAULT_MAX_BODY_BYTES);
  const host = values.host ?? '127.0.0.1';
  const model = values.model === undefined ? undefined : readModel(values.model);
  let server;
  try {
    server = await startDigitServer({ port, host, model, modelFile: values.model, maxBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new CliError(`serve: port ${port} on ${host} is in use; choose another with --port`);
    if (e.code === 'EACCES') throw new CliError(`serve: no permission to listen on port ${port}; choose one above 1023 with --port`);
    throw new CliError(`serve: ${e.message.replace(/^startDigitServer: /, '')}`);
  }
  console.log(`digitkit serve: the page is at ${server.url}/ and the API at ${server.url}/api/read (Ctrl-C stops)`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      console.log(`digitkit serve: ${signal}: finishing the requests in flight, then stopping`);
      void server.close().then(resolve);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  console.log('digitkit serve: stopped');
  return 0;
}

/** `digitkit serve`. */
export const serve: Command = {
  name: 'serve',
  summary: 'serve the page (draw or drop digits, read in the browser) and the HTTP API POST /api/read',
  help,
  run,
};
