/**
 * The HTTP server of `digitkit serve`: the page at `/`, `POST /api/read`
 * (a PNG or JPEG in, the digits read as JSON out) and `GET /healthz`, on
 * Node's own `http` module. Stateless: every request stands alone, so any
 * number of copies can sit behind a load balancer.
 *
 * Every bad request gets a JSON error `{ error, status }` with a 4xx status:
 * 400 not a picture or a corrupt one, 404 no such path, 405 a wrong method,
 * 413 a body over `maxBytes`, 415 a content type that is not a picture.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
// Every estimator registers itself for loading when its module loads: the shipped model (a Pipeline of
// transformers and an SVC) cannot be read by a program whose first import is this module without them.
import '../browser.js';
import type { Classifier } from '../base/protocol.js';
import { describe } from '../core/errors.js';
import { pretrainedModelUrl, PRETRAINED_MODEL_FILE } from '../pretrained/pretrained-model.js';
import { pretrainedModel } from '../pretrained/load-pretrained-node.js';
import { readDigits, type ReadDigitsOptions } from '../reading/read.js';
import { toApiJson } from './api-json.js';

/** The largest request body `POST /api/read` takes by default: 8 MB, a 12-megapixel phone JPEG fits. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Options of {@link startDigitServer}. */
export interface DigitServerOptions {
  /** The port (default 8080; 0 picks a free one). */
  port?: number;
  /** The address to listen on (default `'127.0.0.1'`, this machine only). */
  host?: string;
  /** The model that reads (default: the shipped one). The page gets it too, when it is a binary model file. */
  model?: Classifier;
  /** The binary model file the page's worker loads (default: the shipped model's file). */
  modelFile?: string;
  /** The largest request body in bytes (default {@link DEFAULT_MAX_BODY_BYTES}). */
  maxBytes?: number;
  /** The folder holding the built page (default: the package's `dist/web-page`). */
  pageDir?: string;
}

/** A running server: where it listens, and how to stop it. */
export interface DigitServer {
  /** The Node server. */
  server: Server;
  /** Its address, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Stops taking connections, lets the requests in flight finish, and resolves when all are closed. */
  close(): Promise<void>;
}

/** The package's root: two folders above this module (`src/web/` or `dist/web/`). */
const packageRoot = (): string => fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build` writes the page. */
export const defaultPageDir = (): string => join(packageRoot(), 'dist', 'web-page');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.dkm': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.map': 'application/json',
};

/** A request's failure, with the status it answers. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The query parameters `POST /api/read` takes, and how each is checked. */
const READ_QUERY: Record<string, (v: string) => Partial<ReadDigitsOptions>> = {
  minConfidence: (v) => ({ minConfidence: queryNumber('minConfidence', v, 0, 1) }),
  threshold: (v) => ({ threshold: queryNumber('threshold', v, 0, 1) }),
  single: (v) => {
    if (v !== 'true' && v !== 'false') throw new HttpError(400, `POST /api/read: query parameter 'single' must be true or false, got ${describe(v)}`);
    return { single: v === 'true' };
  },
};

function queryNumber(name: string, v: string, lo: number, hi: number): number {
  const x = v.trim() === '' ? NaN : Number(v);
  if (!(x >= lo && x <= hi)) throw new HttpError(400, `POST /api/read: query parameter '${name}' must be a number in ${lo}..${hi}, got ${describe(v)}`);
  return x;
}

/** The reading options from the query string; an unknown parameter is a 400 (a typo would otherwise pass unseen). */
export function readOptionsFromQuery(params: URLSearchParams): ReadDigitsOptions {
  const options: ReadDigitsOptions = {};
  for (const [key, value] of params) {
    const parse = READ_QUERY[key];
    if (!parse) throw new HttpError(400, `POST /api/read: unknown query parameter '${key}', expected one of ${Object.keys(READ_QUERY).join(', ')}`);
    Object.assign(options, parse(value));
  }
  return options;
}

/** The content types taken; a missing one or octet-stream is told by the bytes. */
const PICTURE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'application/octet-stream']);

function checkContentType(req: IncomingMessage): void {
  const raw = req.headers['content-type'];
  if (raw === undefined) return;
  const type = raw.split(';')[0].trim().toLowerCase();
  if (!PICTURE_TYPES.has(type)) {
    throw new HttpError(415, `POST /api/read: the body must be a PNG or JPEG picture (Content-Type image/png or image/jpeg), got Content-Type ${describe(raw)}`);
  }
}

/**
 * The request's body, up to `maxBytes`: a declared length over it is refused
 * before reading (413); a chunked body is counted as it comes and refused when
 * it passes the limit.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new HttpError(413, `POST /api/read: the body must be at most ${maxBytes} bytes, got a Content-Length of ${declared}`, { connection: 'close' }));
  }
  return new Promise((resolveBody, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        // Stop reading: the rest of the body is not wanted; the connection is closed after the answer.
        req.pause();
        reject(new HttpError(413, `POST /api/read: the body must be at most ${maxBytes} bytes, got more`, { connection: 'close' }));
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolveBody(new Uint8Array(Buffer.concat(parts, size)));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(new HttpError(400, `POST /api/read: the request body could not be read: ${err.message}`));
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, err.status, { error: err.message, status: err.status }, err.headers);
}

/** The file a page path names, inside `root` only (no `..` out of it), or undefined. */
function fileUnder(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  return path;
}

/**
 * Starts the server of `digitkit serve` and resolves once it listens.
 *
 * ```ts
 * const { url, close } = await startDigitServer({ port: 0 });
 * const res = await fetch(`${url}/api/read`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
 * (await res.json()).text;   // e.g. '42'
 * await close();
 * ```
 * @throws RangeError for a bad port, a bad `maxBytes`, or a page folder without `index.html`;
 *   the listen error (EADDRINUSE, EACCES) when the port cannot be had.
 */
export async function startDigitServer(options: DigitServerOptions = {}): Promise<DigitServer> {
  const where = 'startDigitServer';
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`${where}: option 'port' must be an integer in 0..65535, got ${describe(port)}`);
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError(`${where}: option 'maxBytes' must be an integer >= 1, got ${describe(maxBytes)}`);
  const pageDir = resolve(options.pageDir ?? defaultPageDir());
  if (!existsSync(join(pageDir, 'index.html'))) {
    throw new RangeError(`${where}: option 'pageDir' must be a folder holding the built page (index.html), got ${pageDir}; from a checkout, run 'npm run build' first`);
  }
  const model = options.model ?? pretrainedModel();
  const extra = Object.fromEntries(Object.entries(pageDataFiles(options.modelFile)).map(([k, v]) => [`/${k}`, v]));

  const handleRead = async (req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> => {
    checkContentType(req);
    const readOptions = readOptionsFromQuery(query);
    const body = await readBody(req, maxBytes);
    if (body.length === 0) throw new HttpError(400, `POST /api/read: the body is empty; expected the bytes of a PNG or JPEG file`);
    let result;
    try {
      result = readDigits(body, model, readOptions);
    } catch (err) {
      // readDigits names the picture's fault (not a PNG or JPEG, truncated, corrupt, no ink, too large).
      if (err instanceof RangeError || err instanceof TypeError) throw new HttpError(400, `POST /api/read: ${(err as Error).message.replace(/^readDigits: /, '').replace(/argument 'png'/g, 'the body')}`);
      throw err;
    }
    sendJson(res, 200, toApiJson(result));
  };

  const handleStatic = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const file = extra[path] ?? fileUnder(pageDir, path === '/' ? '/index.html' : path);
    if (!file || !existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, `${req.method} ${path}: no such page or file`);
    const size = statSync(file).size;
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/api/read') {
      if (method !== 'POST') throw new HttpError(405, `${method} /api/read: the method must be POST, with the bytes of a PNG or JPEG picture as the body`, { allow: 'POST' });
      return handleRead(req, res, url.searchParams);
    }
    if (path === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} /healthz: the method must be GET`, { allow: 'GET, HEAD' });
      return sendJson(res, 200, { status: 'ok' });
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} ${path}: the method must be GET or HEAD for the page's files`, { allow: 'GET, HEAD' });
    handleStatic(req, res, path);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err);
      // Not expected: answered, logged, and the server keeps serving.
      console.error(`digitkit serve: ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
      sendError(res, new HttpError(500, `${req.method} ${req.url}: internal error: ${(err as Error)?.message ?? String(err)}`));
    });
  });
  // A malformed request line or header: Node answers 400 itself, without a crash.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const body = JSON.stringify({ error: `bad HTTP request: ${err.code ?? err.message}`, status: 400 });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  // Slow clients cannot hold a connection forever (Node 20's defaults: 300 s per request).
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close() {
      closing ??= new Promise<void>((ok) => {
        server.close(() => ok());
        // Keep-alive connections with no request in flight would hold close() open.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * The files the page needs beside its own, by the path the page asks for: the
 * model its worker loads and the 8×8 digits of the tuning view. `digitkit web`
 * copies them; the server serves them from where they are.
 */
export function pageDataFiles(modelFile?: string): Record<string, string> {
  const root = packageRoot();
  return {
    [`models/${PRETRAINED_MODEL_FILE}`]: resolve(modelFile ?? fileURLToPath(pretrainedModelUrl())),
    'datasets/digits.csv.gz': join(root, 'datasets', 'digits.csv.gz'),
  };
}
