/**
 * The page: draw, drop, paste or choose a picture, read it in a Web Worker
 * with the shipped model, and show what was read; and the tuning view.
 */
import { greyFromImageData } from '../../reading/image-data.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../reading/min-confidence.js';
import type { ApiCharacter, ApiReadResult } from '../api-json.js';
import type { FromWorker, ToWorker } from './protocol.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Timings the browser tests read (page ready, stroke end → text shown). */
interface PageTimings {
  readyMs?: number;
  strokeToText: number[];
}
const timings: PageTimings = { strokeToText: [] };
(window as unknown as { digitkit: PageTimings }).digitkit = timings;

const MODEL_URL = new URL('models/mnist-hog-pca-svc.dkm', document.baseURI).href;
const DIGITS_URL = new URL('datasets/digits.csv.gz', document.baseURI).href;

// ---------------------------------------------------------------- reading
const reader = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
const send = (w: Worker, m: ToWorker, transfer: Transferable[] = []): void => w.postMessage(m, transfer);
send(reader, { type: 'init', modelUrl: MODEL_URL, digitsUrl: DIGITS_URL });

const canvas = $<HTMLCanvasElement>('draw');
const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
const status = $('status');
const textOut = $('text');
const announce = $('announce');
const undoButton = $<HTMLButtonElement>('undo');
const clearButton = $<HTMLButtonElement>('clear');
const minConfidenceInput = $<HTMLInputElement>('min-confidence');
minConfidenceInput.value = String(DEFAULT_MIN_CONFIDENCE);

type Point = [number, number];
const strokes: Point[][] = [];
let current: Point[] | null = null;
let ready = false;
let nextId = 1;
/** The newest request: an older answer arriving late is dropped. */
let latest = 0;
/** When the newest request's stroke ended (for the stroke → text timing), or 0 for a file. */
let latestStrokeEnd = 0;
/** The picture the newest result is about, for drawing the boxes on. */
let shownSource: HTMLCanvasElement | ImageBitmap | null = null;

// The strokes are about 1/14 of the pad's height: a digit drawn across most of it gets
// strokes as thick, relative to its size, as MNIST's (about 2.5 of 20 pixels).
const LINE_WIDTH = 18;

function paint(): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';
  ctx.lineWidth = LINE_WIDTH;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const s of current ? [...strokes, current] : strokes) {
    if (s.length === 1) {
      ctx.beginPath();
      ctx.arc(s[0][0], s[0][1], LINE_WIDTH / 2, 0, 2 * Math.PI);
      ctx.fill();
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(s[0][0], s[0][1]);
    for (const [x, y] of s.slice(1)) ctx.lineTo(x, y);
    ctx.stroke();
  }
}

function toCanvas(e: PointerEvent): Point {
  const r = canvas.getBoundingClientRect();
  return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
}

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 && e.pointerType === 'mouse') return;
  e.preventDefault();
  canvas.setPointerCapture(e.pointerId);
  current = [toCanvas(e)];
  paint();
});
canvas.addEventListener('pointermove', (e) => {
  if (!current) return;
  // Coalesced events keep a fast stroke smooth (a pen gives up to 240 a second).
  const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
  for (const c of events.length ? events : [e]) current.push(toCanvas(c));
  paint();
});
const endStroke = (e: PointerEvent): void => {
  if (!current) return;
  strokes.push(current);
  current = null;
  paint();
  updateButtons();
  readCanvas(e.timeStamp || performance.now());
};
canvas.addEventListener('pointerup', endStroke);
canvas.addEventListener('pointercancel', endStroke);

undoButton.addEventListener('click', () => {
  strokes.pop();
  paint();
  updateButtons();
  if (strokes.length) readCanvas(performance.now());
  else showNothing();
});
clearButton.addEventListener('click', () => {
  strokes.length = 0;
  paint();
  updateButtons();
  showNothing();
});
minConfidenceInput.addEventListener('change', () => {
  if (strokes.length) readCanvas(performance.now());
});

function updateButtons(): void {
  undoButton.disabled = strokes.length === 0;
  clearButton.disabled = strokes.length === 0;
}

function minConfidence(): number {
  const v = Number(minConfidenceInput.value);
  return v >= 0 && v <= 1 ? v : DEFAULT_MIN_CONFIDENCE;
}

function showNothing(): void {
  latest = nextId++;
  document.body.dataset.reading = 'false';
  textOut.textContent = '';
  $('characters').replaceChildren();
  $('shown-figure').hidden = true;
  setStatus(ready ? 'Draw a digit, or drop, paste or choose a picture.' : 'Loading the model…');
}

function setStatus(text: string): void {
  status.textContent = text;
}

function readCanvas(strokeEnd: number): void {
  if (!strokes.length) return;
  const image = greyFromImageData(ctx.getImageData(0, 0, canvas.width, canvas.height));
  const id = (latest = nextId++);
  latestStrokeEnd = strokeEnd;
  shownSource = canvas;
  document.body.dataset.reading = 'true';
  send(reader, { type: 'read', id, minConfidence: minConfidence(), image }, [image.data.buffer]);
}

async function readFile(file: Blob): Promise<void> {
  if (!/^image\/(png|jpeg)$/.test(file.type) && file.type !== '') {
    setStatus(`Not a PNG or JPEG picture: ${file.type}. Choose a PNG or JPEG file.`);
    announce.textContent = status.textContent;
    document.body.dataset.reading = 'false';
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  strokes.length = 0;
  paint();
  updateButtons();
  const id = (latest = nextId++);
  latestStrokeEnd = 0;
  shownSource = null;
  setStatus('Reading the picture…');
  document.body.dataset.reading = 'true';
  send(reader, { type: 'readBytes', id, minConfidence: minConfidence(), bytes }, [bytes.buffer]);
}

$<HTMLInputElement>('file').addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  if (file) void readFile(file);
  input.value = '';
});
const pad = $('pad');
pad.addEventListener('dragover', (e) => {
  e.preventDefault();
  pad.classList.add('dragging');
  $('drop-hint').hidden = false;
});
pad.addEventListener('dragleave', () => {
  pad.classList.remove('dragging');
  $('drop-hint').hidden = true;
});
pad.addEventListener('drop', (e) => {
  e.preventDefault();
  pad.classList.remove('dragging');
  $('drop-hint').hidden = true;
  const file = e.dataTransfer?.files?.[0];
  if (file) void readFile(file);
});
document.addEventListener('paste', (e) => {
  const item = [...(e.clipboardData?.items ?? [])].find((i) => i.kind === 'file' && /^image\//.test(i.type));
  const file = item?.getAsFile();
  if (file) {
    e.preventDefault();
    void readFile(file);
  }
});

const pct = (p: number | null): string => (p === null ? 'n/a' : `${(p * 100).toFixed(1)}%`);

function describeCharacter(c: ApiCharacter): string {
  const alts = c.alternatives.map((a) => `${a.digit} ${pct(a.probability)}`).join(', ');
  return `${c.value} ${pct(c.probability)}${c.uncertain ? ' (not sure)' : ''}${alts ? `; else ${alts}` : ''}`;
}

function showResult(result: ApiReadResult, inputs: (Uint8Array | null)[], source: HTMLCanvasElement | ImageBitmap | null): void {
  textOut.textContent = result.text;
  const unsure = result.characters.filter((c) => c.uncertain).length;
  announce.textContent = result.characters.length
    ? `Read ${result.text.split('').join(' ')}${unsure ? `; ${unsure} not sure` : ''}`
    : 'No digit found';
  const n = result.characters.length;
  setStatus(n ? `${n} character${n > 1 ? 's' : ''} read.` : 'No digit found.');
  const list = $('characters');
  list.replaceChildren(
    ...result.characters.map((c, k) => {
      const li = document.createElement('li');
      if (c.uncertain) li.className = 'uncertain';
      const seen = document.createElement('canvas');
      seen.width = 28;
      seen.height = 28;
      const input = inputs[k];
      if (input) {
        seen.setAttribute('aria-label', `The 28×28 image the model saw for character ${k + 1}`);
        const img = seen.getContext('2d')!.createImageData(28, 28);
        input.forEach((v, i) => img.data.set([v, v, v, 255], i * 4));
        seen.getContext('2d')!.putImageData(img, 0, 0);
      } else {
        seen.setAttribute('aria-label', `Character ${k + 1} is a separator: the model does not read it`);
      }
      const text = document.createElement('div');
      const digit = document.createElement('span');
      digit.className = 'digit';
      digit.textContent = c.uncertain ? `${c.value}?` : c.value;
      const p = document.createElement('small');
      p.textContent = `probability ${pct(c.probability)}${c.uncertain ? ', not sure' : ''}`;
      const alt = document.createElement('small');
      alt.textContent = c.alternatives.length ? `else ${c.alternatives.map((a) => `${a.digit} ${pct(a.probability)}`).join(', ')}` : '';
      text.append(digit, p, alt);
      li.title = describeCharacter(c);
      li.append(seen, text);
      return li;
    }),
  );
  if (source) drawBoxes(result, source);
}

/** The picture, each character boxed and the digit read written over it. */
function drawBoxes(result: ApiReadResult, source: HTMLCanvasElement | ImageBitmap): void {
  const shown = $<HTMLCanvasElement>('shown');
  // Small pictures are enlarged (up to 4×) so that the labels stay readable; a photo is shown at most 600 pixels tall.
  const scale = Math.min(4, Math.min(600, Math.max(240, result.height)) / result.height);
  shown.width = Math.round(result.width * scale);
  shown.height = Math.round(result.height * scale);
  const g = shown.getContext('2d')!;
  g.imageSmoothingEnabled = scale < 2;
  g.drawImage(source, 0, 0, shown.width, shown.height);
  const font = Math.max(14, Math.round(shown.height / 8));
  g.font = `bold ${font}px system-ui, sans-serif`;
  g.lineWidth = 2;
  for (const c of result.characters) {
    const colour = c.uncertain ? '#b91c1c' : '#1d4ed8';
    g.strokeStyle = colour;
    g.fillStyle = colour;
    const x = c.box.x * scale;
    const y = c.box.y * scale;
    g.strokeRect(x, y, c.box.width * scale, c.box.height * scale);
    g.fillText(c.uncertain ? `${c.value}?` : c.value, x + 2, Math.max(font, y - 4));
  }
  $('shown-figure').hidden = false;
}

function greyBitmapCanvas(p: { width: number; height: number; grey: Uint8Array }): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = p.width;
  c.height = p.height;
  const img = new ImageData(p.width, p.height);
  for (let i = 0; i < p.grey.length; i++) img.data.set([p.grey[i], p.grey[i], p.grey[i], 255], i * 4);
  c.getContext('2d')!.putImageData(img, 0, 0);
  return c;
}

reader.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === 'ready') {
    ready = true;
    timings.readyMs = performance.now();
    document.body.dataset.ready = 'true';
    setStatus('Draw a digit, or drop, paste or choose a picture.');
    // A stroke drawn while the model loaded is read now.
    if (strokes.length) readCanvas(performance.now());
  } else if (m.type === 'result') {
    if (m.id !== latest) return;
    const source = m.preview ? greyBitmapCanvas(m.preview) : shownSource;
    showResult(m.result, m.inputs, source);
    if (latestStrokeEnd) timings.strokeToText.push(performance.now() - latestStrokeEnd);
    document.body.dataset.reading = 'false';
  } else if (m.type === 'error') {
    if (m.id !== undefined && m.id !== latest) return;
    textOut.textContent = '';
    $('characters').replaceChildren();
    $('shown-figure').hidden = true;
    setStatus(m.message);
    announce.textContent = m.message;
    document.body.dataset.reading = 'false';
  }
};
reader.onerror = (e) => setStatus(`The reader stopped: ${e.message}`);

paint();

// ---------------------------------------------------------------- tabs
const tabs = [$<HTMLButtonElement>('tab-read'), $<HTMLButtonElement>('tab-tune')];
function select(tab: HTMLButtonElement): void {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')!).hidden = !on;
  }
  if (tab.id === 'tab-tune') startTuner();
}
for (const t of tabs) {
  t.addEventListener('click', () => select(t));
  t.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.indexOf(t) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    select(next);
  });
}

// ---------------------------------------------------------------- tuning
let tuner: Worker | undefined;
const GRID_C = [0.1, 1, 10, 100];
const GRID_GAMMA = [0.0001, 0.0003, 0.001, 0.003, 0.01];

function startTuner(): Worker {
  if (tuner) return tuner;
  tuner = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
  send(tuner, { type: 'init', modelUrl: '', digitsUrl: DIGITS_URL });
  tuner.onmessage = (e: MessageEvent<FromWorker>) => onTuner(e.data);
  // A worker that fails to load or dies says so, rather than leaving '…' for ever.
  tuner.onerror = (e) => onTuner({ type: 'error', message: `The tuning worker stopped: ${e.message}` });
  return tuner;
}

function readPositive(id: string): number | undefined {
  const v = Number($<HTMLInputElement>(id).value);
  return v > 0 && Number.isFinite(v) ? v : undefined;
}

$('fit').addEventListener('click', () => {
  const C = readPositive('C');
  const gamma = readPositive('gamma');
  if (C === undefined || gamma === undefined) {
    $('fit-detail').textContent = 'C and gamma must be numbers > 0.';
    return;
  }
  $<HTMLButtonElement>('fit').disabled = true;
  $('accuracy').textContent = '…';
  $('fit-detail').textContent = 'training…';
  send(startTuner(), { type: 'fit', C, gamma });
});

$('grid').addEventListener('click', () => {
  $<HTMLButtonElement>('grid').disabled = true;
  const table = $('heatmap');
  const head = `<tr><th>C \\ gamma</th>${GRID_GAMMA.map((g) => `<th scope="col">${g}</th>`).join('')}</tr>`;
  const rows = GRID_C.map((c, i) => `<tr><th scope="row">${c}</th>${GRID_GAMMA.map((_, j) => `<td id="cell-${i}-${j}">…</td>`).join('')}</tr>`).join('');
  table.innerHTML = head + rows;
  ($('grid-progress') as HTMLProgressElement).value = 0;
  $('grid-status').textContent = `0 of ${GRID_C.length * GRID_GAMMA.length}`;
  send(startTuner(), { type: 'grid', Cs: GRID_C, gammas: GRID_GAMMA, folds: 5 });
});

/** A colour from pale (low accuracy) to deep blue (high): 0.8 and under is the palest. */
function heat(score: number): string {
  const t = Math.max(0, Math.min(1, (score - 0.8) / 0.2));
  return `hsl(220 80% ${Math.round(95 - 55 * t)}%)`;
}

function onTuner(m: FromWorker): void {
  if (m.type === 'fitted') {
    $<HTMLButtonElement>('fit').disabled = false;
    $('accuracy').textContent = m.accuracy.toFixed(4);
    $('fit-detail').textContent = `(C=${m.C}, gamma=${m.gamma}: ${Math.round(m.accuracy * m.nTest)} of ${m.nTest} test digits right; trained on ${m.nTrain} in ${Math.round(m.ms)} ms)`;
    announce.textContent = `Test accuracy ${m.accuracy.toFixed(4)}`;
    const head = `<tr><th>true \\ predicted</th>${m.confusion.map((_, j) => `<th scope="col">${j}</th>`).join('')}</tr>`;
    const rows = m.confusion.map((row, i) => `<tr><th scope="row">${i}</th>${row.map((v, j) => `<td${i === j ? ' class="diag"' : ''} style="background:${i === j ? '#dbeafe' : v ? '#fee2e2' : 'transparent'}">${v}</td>`).join('')}</tr>`).join('');
    $('confusion').innerHTML = head + rows;
  } else if (m.type === 'gridCell') {
    const cell = $(`cell-${m.i}-${m.j}`);
    cell.textContent = m.score.toFixed(3);
    cell.style.background = heat(m.score);
    cell.style.color = m.score > 0.93 ? '#fff' : '#111';
    ($('grid-progress') as HTMLProgressElement).value = m.done / m.total;
    $('grid-status').textContent = `${m.done} of ${m.total}`;
  } else if (m.type === 'gridDone') {
    $<HTMLButtonElement>('grid').disabled = false;
    const text = `Best: C=${m.best.C}, gamma=${m.best.gamma}, ${m.best.score.toFixed(4)} (${(m.ms / 1000).toFixed(1)} s)`;
    $('grid-status').textContent = text;
    announce.textContent = text;
  } else if (m.type === 'error') {
    $<HTMLButtonElement>('fit').disabled = false;
    $<HTMLButtonElement>('grid').disabled = false;
    $('fit-detail').textContent = m.message;
    announce.textContent = m.message;
  }
}
