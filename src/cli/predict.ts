/**
 * `digitkit predict`: reads the digits written in PNG and JPEG files (or on standard input) with the model
 * that ships with digitkit, or a model saved by `digitkit train` (a binary model file or any digitkit model's JSON),
 * prints them, and can draw what it found.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Classifier } from '../base/protocol.js';
import { isClassifier } from '../base/protocol.js';
import { describeFsError } from '../core/node-files.js';
import { loadModelFile } from '../persistence/model-file-io.js';
import { pretrainedModel } from '../pretrained/load-pretrained-node.js';
import { explainPng } from '../reading/explain.js';
import { DEFAULT_MIN_CONFIDENCE, readDigits, readDigitsBatch, type DigitRead, type ReadDigitsResult } from '../reading/read.js';
import { CliError, UsageError, usageErrorFrom, type Command } from './command.js';

const help = `usage: digitkit predict [--model FILE] [options] IMAGE [IMAGE …]

Reads the digits written in each PNG or JPEG file ('-' reads one picture from
standard input; one line of one or more digits: a
digit drawn on a screen, a ZIP code, an amount) with the model that ships
with digitkit (an SVC trained on MNIST), or a model saved by 'digitkit
train' (a binary model file, or JSON), and prints them, one file
per line. A model trained on the
8×8 digits and one trained on MNIST both read the same pictures: each digit is
normalised to the model's format.

  -m, --model FILE     the model: a binary model file or a model's JSON, as written by
                       'digitkit train -o', saveModelFile or toJSON(); told apart by content
                       (default: the shipped model, see 'models/README.md' in the package)
  --min-confidence P   a digit whose probability is under P (0..1) is uncertain: printed '?', with
                       the digits it could be (default ${DEFAULT_MIN_CONFIDENCE}; 0 flags none). The model's
                       probabilities need a model that gives them: k-NN, template, or an SVC trained
                       with --probability; an SVC without them is judged by the share of its
                       one-vs-one contests the digit won, which is no probability
  --json               print JSON: per file, the text and each digit with its probability, its
                       three likeliest alternatives, whether it is uncertain, its confidence and box
  --explain PATH       draw the picture with a box around each digit found and the digit read
                       over it: PATH is the PNG file for one image, a folder for several
                       (FILE.explain.png each)
  -h, --help           this help

exit codes: 0 every file read; 1 a file could not be read (a missing file, not a PNG or JPEG,
a truncated or corrupt picture, a picture without ink, too large a picture) or the
model file is missing or not a digitkit model; 2 a bad command line

examples:
  digitkit predict zip-code.png
  digitkit train --dataset mnist --model svc -o mnist-svc.json
  digitkit predict --model mnist-svc.json zip-code.png
  digitkit predict --model mnist-svc.json --json --explain found.png amount.png
  digitkit predict --model mnist-svc.json --min-confidence 0.99 cheque-amount.jpg
  curl -s https://example.com/zip.png | digitkit predict --model mnist-svc.json -`;

/** The most bytes read from standard input: a picture at the size limit, compressed, is far smaller. */
const MAX_STDIN_BYTES = 256 * 1024 * 1024;

interface PredictOptions {
  /** The model file; undefined for the shipped model. */
  model: string | undefined;
  json: boolean;
  minConfidence: number;
  explain?: string;
  images: string[];
}

function parse(argv: string[]): PredictOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        model: { type: 'string', short: 'm' },
        json: { type: 'boolean', default: false },
        'min-confidence': { type: 'string' },
        explain: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw usageErrorFrom('predict', err);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError(`predict: missing the pictures to read, PNG or JPEG files or - for standard input (see 'digitkit predict --help')`);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError(`predict: '-' (standard input) can be given once, got it ${positionals.filter((p) => p === '-').length} times`);
  return { model: values.model, json: values.json!, minConfidence: readMinConfidence(values['min-confidence']), explain: values.explain, images: positionals };
}

function readMinConfidence(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MIN_CONFIDENCE;
  const p = value.trim() === '' ? NaN : Number(value);
  if (!(p >= 0 && p <= 1)) throw new UsageError(`predict: --min-confidence must be a number in 0..1, got '${value}'`);
  return p;
}

/** The line printed for a picture, and one line per uncertain digit with what else it could be. */
function describeResult(image: string, result: ReadDigitsResult, minConfidence: number, drawnIn: string | undefined): string {
  const hasProbability = result.digits.some((d) => !Number.isNaN(d.probability));
  const scores = result.digits.map((d) => d.confidence.toFixed(2)).join(' ');
  const lines = [`${image}: ${result.text}  (${hasProbability ? 'probability' : 'confidence'} ${scores})${drawnIn ? `; drawn in ${drawnIn}` : ''}`];
  result.digits.forEach((d, k) => {
    if (d.uncertain) lines.push(`  ? digit ${k + 1}: ${describeUncertain(d)}, under ${minConfidence}`);
  });
  return lines.join('\n');
}

function describeUncertain(d: DigitRead): string {
  if (Number.isNaN(d.probability)) return `${d.digit} (confidence ${d.confidence.toFixed(2)})`;
  return [d, ...d.alternatives].map((a) => `${a.digit} (${a.probability.toFixed(2)})`).join(' or ');
}

/**
 * The model in a file (a binary model file or a model's JSON: loadModelFile
 * tells them apart by their content), checked to be a digitkit classifier.
 */
function readModel(path: string): Classifier {
  let model: unknown;
  try {
    model = loadModelFile(path);
  } catch (err) {
    const message = (err as Error).message;
    // loadModelFile's own errors name the file already; the model's (loadModel, fromJSON) do not.
    if (message.startsWith('loadModelFile: ')) throw new CliError(message.replace(/^loadModelFile: (.*?)the file /, 'predict: $1the model file '));
    throw new CliError(`predict: the model file ${path} is not a digitkit model this version reads: ${message}`);
  }
  if (!isClassifier(model)) throw new CliError(`predict: the model in ${path} is a transformer, not a classifier; it cannot predict digits`);
  return model;
}

/** The model that ships with the package; a missing or damaged file is a CliError (exit 1). */
function shippedModel(): Classifier {
  try {
    return pretrainedModel();
  } catch (err) {
    throw new CliError(`predict: ${(err as Error).message.replace(/^pretrainedModel: /, '')}`);
  }
}

/** Where the explanation of `image` goes, or undefined. */
function explainPath(o: PredictOptions, image: string): string | undefined {
  if (o.explain === undefined) return undefined;
  if (o.images.length === 1 && !(existsSync(o.explain) && statSync(o.explain).isDirectory())) return o.explain;
  if (!existsSync(o.explain) || !statSync(o.explain).isDirectory()) {
    throw new CliError(`predict: --explain ${o.explain} must be an existing folder when several images are read`);
  }
  return join(o.explain, `${image === '-' ? 'stdin' : basename(image, extname(image))}.explain.png`);
}

/** A file's bytes (standard input's for '-'), or a CliError naming it. */
async function readBytes(path: string): Promise<Uint8Array | CliError> {
  if (path === '-') return readStdin();
  try {
    return readFileSync(path);
  } catch (err) {
    return new CliError(`predict: cannot read ${path}: ${describeFsError(err)}`);
  }
}

/** All of standard input, up to {@link MAX_STDIN_BYTES}. */
async function readStdin(): Promise<Uint8Array | CliError> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) {
      process.stdin.destroy();
      return new CliError(`predict: standard input holds more than ${MAX_STDIN_BYTES / 2 ** 20} MB; a picture to read is far smaller`);
    }
    parts.push(chunk);
  }
  if (size === 0) return new CliError(`predict: standard input is empty; expected the bytes of a PNG or JPEG file`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Every readable picture's digits: in one model call (much faster for k-NN and
 * the SVC); when a picture is bad, picture by picture, so that it fails alone.
 */
function readAll(bytes: (Uint8Array | CliError)[], paths: string[], model: Classifier, minConfidence: number): (ReadDigitsResult | CliError)[] {
  const good = bytes.flatMap((b, i) => (b instanceof CliError ? [] : [i]));
  try {
    const results = readDigitsBatch(good.map((i) => bytes[i] as Uint8Array), model, { minConfidence });
    return bytes.map((b, i) => (b instanceof CliError ? b : results[good.indexOf(i)]));
  } catch {
    return bytes.map((b, i) => {
      if (b instanceof CliError) return b;
      try {
        return readDigits(b, model, { minConfidence });
      } catch (err) {
        return new CliError(`predict: ${paths[i]}: ${(err as Error).message}`);
      }
    });
  }
}

async function run(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (o === 'help') {
    console.log(help);
    return 0;
  }
  const model = o.model === undefined ? shippedModel() : readModel(o.model);
  const bytes: (Uint8Array | CliError)[] = [];
  for (const image of o.images) bytes.push(await readBytes(image));
  const results = readAll(bytes, o.images, model, o.minConfidence);
  const out: { file: string; text?: string; digits?: ReadDigitsResult['digits']; error?: string }[] = [];
  let failed = 0;
  results.forEach((result, i) => {
    const image = o.images[i];
    try {
      if (result instanceof CliError) throw result;
      out.push({ file: image, text: result.text, digits: result.digits });
      const target = explainPath(o, image);
      if (target !== undefined) {
        try {
          writeFileSync(target, explainPng(bytes[i] as Uint8Array, result));
        } catch (err) {
          throw new CliError(`predict: cannot write ${target}: ${describeFsError(err)}`);
        }
      }
      if (!o.json) console.log(describeResult(image, result, o.minConfidence, target));
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      failed++;
      out.push({ file: image, error: err.message });
      console.error(`digitkit: ${err.message}`);
    }
  });
  if (o.json) console.log(JSON.stringify(out, null, 2));
  return failed ? 1 : 0;
}

export const predict: Command = {
  name: 'predict',
  summary: 'read the digits in PNG or JPEG files with a saved model; print them, or draw what was found',
  help,
  run,
};
