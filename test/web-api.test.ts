/**
 * `digitkit serve`'s HTTP API on a real server on loopback: reading PNG and
 * JPEG pictures with the shipped model, every bad request's status and JSON
 * error, the page's files, and a clean stop with a request in flight.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { pretrainedModel } from '../src/index.js';
import { startDigitServer, type DigitServer } from '../src/web/server.js';
import { toApiJson } from '../src/web/api-json.js';
import { servedAddress } from '../src/cli/served-address.js';
import { buildPage } from '../scripts/build-web.js';
import { root } from './helpers/cli.js';
import { mnistTestPngs } from './helpers/mnist-test-pngs.js';
import { blankInk, inkToPng } from './helpers/render-digits.js';

/** A picture of a '1': a vertical bar of ink, as a PNG. */
function onePng(): Uint8Array {
  const c = blankInk(40, 60);
  for (let y = 10; y < 50; y++) for (let x = 18; x < 23; x++) c.ink[y * 40 + x] = 1;
  return inkToPng(c, 'grey8');
}

async function post(url: string, body: Uint8Array | string, type: string | undefined = 'image/png'): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body, headers: type === undefined ? {} : { 'content-type': type } });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text), headers: res.headers };
}

describe('digitkit serve: the HTTP API', function () {
  this.timeout(60_000);
  let server: DigitServer;
  let pageDir: string;
  let api: string;

  before(async () => {
    // A page of its own: the suite runs its files in parallel (.mocharc.suite.cjs), and buildPage empties its folder first.
    pageDir = mkdtempSync(join(tmpdir(), 'digitkit-page-'));
    await buildPage(pageDir);
    server = await startDigitServer({ port: 0, pageDir, maxBytes: 200_000 });
    api = `${server.url}/api/read`;
  });
  after(async () => {
    await server?.close();
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  });

  it('GET /healthz answers 200 { status: ok }', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(await res.json()).to.deep.equal({ status: 'ok' });
  });

  it('POST /api/read reads a PNG: text, and per character value, probability, top-3 alternatives, box, uncertain', async () => {
    const { status, json } = await post(api, onePng());
    expect(status).to.equal(200);
    expect(json.text).to.equal('1');
    expect(json).to.include({ format: 'mnist', width: 40, height: 60 });
    expect(json.characters).to.have.length(1);
    const c = json.characters[0];
    expect(c).to.have.keys('kind', 'value', 'digit', 'probability', 'alternatives', 'confidence', 'uncertain', 'box');
    expect(c.kind).to.equal('digit');
    expect(c.value).to.equal('1');
    expect(c.digit).to.equal(1);
    expect(c.probability).to.be.within(0, 1);
    expect(c.alternatives).to.have.length(3);
    for (const a of c.alternatives) expect(a.probability).to.be.at.most(c.probability);
    expect(c.box).to.deep.equal({ x: 18, y: 10, width: 5, height: 40 });
    expect(c.uncertain).to.equal(false);
  });

  it('the JSON is the reader\'s own result, mapped by toApiJson', async () => {
    const png = onePng();
    const { json } = await post(api, png);
    const { readDigits } = await import('../src/index.js');
    expect(json).to.deep.equal(JSON.parse(JSON.stringify(toApiJson(readDigits(png, pretrainedModel())))));
  });

  it('maps separators and lines: a separator has its own value and no digit, probability or alternatives', () => {
    const box = { x: 0, y: 0, width: 2, height: 2 };
    const digit = { kind: 'digit' as const, char: '?', digit: 4, probability: 0.6, alternatives: [{ digit: 9, probability: 0.3 }], confidence: 0.6, uncertain: true, box };
    const point = { kind: 'separator' as const, char: '.' as const, box: { ...box, x: 3 } };
    const json = toApiJson({ text: '?.', digits: [digit], characters: [digit, point], lines: [{ text: '?.', box, characters: [digit, point] }], format: 'mnist', width: 9, height: 9 });
    expect(json.characters.map((c) => [c.kind, c.value, c.digit, c.uncertain])).to.deep.equal([['digit', '4', 4, true], ['separator', '.', null, false]]);
    expect(json.characters[1]).to.include({ probability: null, confidence: null });
    expect(json.lines).to.deep.equal([{ text: '?.', box, characters: json.characters }]);
  });

  it('takes minConfidence as a query parameter: 1 flags every digit', async () => {
    const { status, json } = await post(`${api}?minConfidence=1`, onePng());
    expect(status).to.equal(200);
    expect(json.text).to.equal('?');
    expect(json.characters[0]).to.include({ value: '1', uncertain: true });
  });

  it('reads a JPEG, and a body sent without a Content-Type or as octet-stream', async () => {
    const c = blankInk(40, 60);
    for (let y = 10; y < 50; y++) for (let x = 18; x < 23; x++) c.ink[y * 40 + x] = 1;
    const rgba = new Uint8Array(40 * 60 * 4);
    c.ink.forEach((v, i) => rgba.set([255 * (1 - v), 255 * (1 - v), 255 * (1 - v), 255], i * 4));
    const jpeg = new Uint8Array(encodeJpeg({ width: 40, height: 60, data: rgba }, 95).data);
    expect((await post(api, jpeg, 'image/jpeg')).json.text).to.equal('1');
    expect((await post(api, onePng(), undefined)).json.text).to.equal('1');
    expect((await post(api, onePng(), 'application/octet-stream')).json.text).to.equal('1');
  });

  it('reads MNIST test digits, 5 to a picture', async function () {
    const pictures = mnistTestPngs(10, 5);
    if (typeof pictures === 'string') return this.skip();
    let right = 0;
    for (const p of pictures) {
      const { json } = await post(`${api}?minConfidence=0`, p.png);
      for (let k = 0; k < 5; k++) if (json.text[k] === p.text[k]) right++;
    }
    // 50 digits: the shipped model reads 99% of MNIST's test digits; allow two misses in segmentation or reading.
    expect(right).to.be.at.least(48);
  });

  const bad: [string, () => Promise<{ status: number; json: any; headers?: Headers }>, number, RegExp][] = [
    ['text that is not a picture', () => post(api, 'hello, world'), 400, /the body must be the bytes of a PNG file .* or a JPEG file/],
    ['a GIF', () => post(api, 'GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'image/png'), 400, /GIF/],
    ['a truncated PNG', () => post(api, onePng().subarray(0, 60)), 400, /truncated|ends|corrupt|short/i],
    ['an empty body', () => post(api, new Uint8Array(0)), 400, /empty/],
    ['a picture without ink', () => post(api, inkToPng(blankInk(30, 30), 'grey8')), 400, /ink/],
    ['an unknown query parameter', () => post(`${api}?minConfidense=0.5`, onePng()), 400, /unknown query parameter 'minConfidense'/],
    ['a bad minConfidence', () => post(`${api}?minConfidence=2`, onePng()), 400, /'minConfidence' must be a number in 0..1, got "2"/],
    ['a body over the limit', () => post(api, new Uint8Array(200_001)), 413, /at most 200000 bytes/],
    ['a Content-Type that is not a picture', () => post(api, '{"a":1}', 'application/json'), 415, /Content-Type "application\/json"/],
    ['GET /api/read', async () => { const r = await fetch(api); return { status: r.status, json: await r.json(), headers: r.headers }; }, 405, /must be POST/],
    ['PUT /healthz', async () => { const r = await fetch(`${server.url}/healthz`, { method: 'PUT' }); return { status: r.status, json: await r.json() }; }, 405, /must be GET/],
    ['DELETE /', async () => { const r = await fetch(`${server.url}/`, { method: 'DELETE' }); return { status: r.status, json: await r.json() }; }, 405, /GET or HEAD/],
    ['a path outside the page', async () => { const r = await fetch(`${server.url}/%2e%2e/package.json`); return { status: r.status, json: await r.json() }; }, 404, /no such/],
  ];
  for (const [what, send, status, message] of bad) {
    it(`answers ${what} with ${status} and a JSON error`, async () => {
      const res = await send();
      expect(res.status).to.equal(status);
      expect(res.json.status).to.equal(status);
      expect(res.json.error).to.match(message);
    });
  }

  it('answers 405 with an Allow header', async () => {
    const r = await fetch(api);
    expect(r.headers.get('allow')).to.equal('POST');
  });

  it('refuses a chunked body over the limit with 413 and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(api, { method: 'POST', headers: { 'content-type': 'image/png', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let i = 0; i < 30; i++) req.write(new Uint8Array(10_000));
      req.end();
    });
    expect(status).to.equal(413);
    expect((await post(api, onePng())).status).to.equal(200);
  });

  it('answers a malformed HTTP request with 400 and keeps serving', async () => {
    const answer = await new Promise<string>((resolve) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('close', () => resolve(text));
    });
    expect(answer).to.match(/^HTTP\/1\.1 400/);
    expect((await fetch(`${server.url}/healthz`)).status).to.equal(200);
  });

  it('serves the page, its worker, the model and the 8×8 digits', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(await page.text()).to.match(/aria-live/);
    for (const [path, type] of [['/main.js', /javascript/], ['/worker.js', /javascript/], ['/style.css', /css/], ['/models/mnist-hog-pca-svc.dkm', /octet-stream/], ['/datasets/digits.csv.gz', /gzip/]] as const) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).to.equal(200);
      expect(res.headers.get('content-type'), path).to.match(type);
      await res.arrayBuffer();
    }
  });
});

describe('digitkit serve: stopping', function () {
  this.timeout(60_000);

  it('close() lets a request in flight finish, then stops', async () => {
    await buildPage();
    const server = await startDigitServer({ port: 0 });
    const png = onePng();
    let closed = false;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/read`, { method: 'POST', headers: { 'content-type': 'image/png', 'content-length': String(png.length) } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      // Half the picture now; close() is called; the rest comes 200 ms later.
      req.write(png.subarray(0, 100));
      setTimeout(() => req.end(png.subarray(100)), 200);
    });
    await new Promise((r) => setTimeout(r, 50));
    const closing = server.close().then(() => (closed = true));
    const { status, body } = await answer;
    expect(status).to.equal(200);
    expect(JSON.parse(body).text).to.equal('1');
    await closing;
    expect(closed).to.equal(true);
    // No longer listening.
    let refused = false;
    await fetch(`${server.url}/healthz`).catch(() => (refused = true));
    expect(refused).to.equal(true);
  });
});

describe('digitkit serve: the command', function () {
  this.timeout(60_000);

  /** Starts `digitkit serve ARGS`; resolves with the child, its URL and what it printed so far. */
  async function startServe(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const printed = { out: '' };
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        printed.out += d;
        const m = /page is at (http:\/\/[^/]+)\//.exec(printed.out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${printed.out}`)));
    });
    const stop = (signal: NodeJS.Signals) =>
      new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill(signal);
      });
    return { child, url, printed, stop };
  }

  it('--workers 2: two processes on one port; a busy port is exit code 1; SIGTERM stops all with 0', async () => {
    const { url, printed, stop, child } = await startServe(['--port', '0', '--workers', '2']);
    expect(printed.out).to.match(/2 worker processes/);
    const pids = new Set<number>();
    for (let k = 0; k < 20; k++) expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    const png = onePng();
    const read = await fetch(`${url}/api/read`, { method: 'POST', body: png, headers: { 'content-type': 'image/png' } });
    expect(((await read.json()) as { text: string }).text).to.equal('1');
    const { cli } = await import('./helpers/cli.js');
    const busy = await cli(['serve', '--port', new URL(url).port, '--workers', '2']);
    expect(busy.code).to.equal(1);
    expect(busy.stderr).to.match(/port \d+ on 127\.0\.0\.1 is in use/);
    const { readFileSync } = await import('node:fs');
    for (const p of readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)) pids.add(Number(p));
    expect(pids.size).to.equal(2);
    expect(await stop('SIGTERM')).to.equal(0);
    expect(printed.out).to.match(/stopped/);
    // No worker is left.
    for (const p of pids) expect(() => process.kill(p, 0)).to.throw();
  });

  it('serves on the port asked, and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const url = await servedAddress(child);
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill(signal);
      });
      expect(code, signal).to.equal(0);
      expect(out).to.match(new RegExp(`${signal}: finishing the requests in flight`));
      expect(out).to.match(/stopped/);
    }
  });

  it('refuses a bad port and a JSON model with exit code 2 and 1', async () => {
    const { cli } = await import('./helpers/cli.js');
    const bad = await cli(['serve', '--port', '70000']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/--port must be an integer in 0..65535, got '70000'/);
    const missing = await cli(['serve', '--model', 'no-such-model.dkm']);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/no-such-model\.dkm/);
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { SVC } = await import('../src/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'digitkit-serve-'));
    try {
      const json = join(dir, 'm.json');
      writeFileSync(json, JSON.stringify(new SVC().fit([[0], [1]], [0, 1]).toJSON()));
      const refused = await cli(['serve', '--model', json]);
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.match(/--model must be a binary model file .*got a model's JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('digitkit web', function () {
  this.timeout(60_000);

  it('writes the page, the model and the 8×8 digits as static files', async () => {
    const { cli } = await import('./helpers/cli.js');
    const { mkdtempSync, readFileSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    await buildPage();
    const dir = mkdtempSync(join(tmpdir(), 'digitkit-web-'));
    try {
      const out = join(dir, 'site');
      const run = await cli(['web', '--out', out]);
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.match(/wrote the page into .*site \(\d+ KB\)/);
      expect(readdirSync(out).sort()).to.deep.equal(['datasets', 'index.html', 'main.js', 'models', 'style.css', 'worker.js']);
      expect(readFileSync(join(out, 'models', 'mnist-hog-pca-svc.dkm')).equals(readFileSync(join(root, 'models', 'mnist-hog-pca-svc.dkm')))).to.equal(true);
      expect(readFileSync(join(out, 'datasets', 'digits.csv.gz')).length).to.be.greaterThan(0);
      // Not over a folder with files in it; --out is required.
      const again = await cli(['web', '--out', out]);
      expect(again.code).to.equal(1);
      expect(again.stderr).to.match(/--out .* must be a new or empty folder, got a folder with files in it/);
      const missing = await cli(['web']);
      expect(missing.code).to.equal(2);
      expect(missing.stderr).to.match(/missing --out DIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
