/**
 * `digitkit web --out DIR`: the page of `digitkit serve` as static files, for
 * any static host (the page reads in the browser and needs no API).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultPageDir, pageDataFiles } from '../web/server.js';
import { describeFsError } from '../core/node-files.js';
import { CliError, UsageError, parseCommandArgs, type Command } from './command.js';
import { isModelJson } from './serve.js';

const help = `usage: digitkit web --out DIR [--model FILE]

Writes the digitkit page as static files into DIR (created if missing): the
page, its worker, the shipped model and the 8×8 digits of its tuning view.
Any static host serves them (the page reads in the browser; it needs no API):

  DIR/index.html, style.css, main.js, worker.js
  DIR/models/mnist-hog-pca-svc.dkm
  DIR/datasets/digits.csv.gz

  -o, --out DIR     where to write the page (required; an existing DIR must be empty)
  -m, --model FILE  a binary model file to ship in place of the shipped model
  -h, --help        this help

example:
  digitkit web --out site && (cd site && python3 -m http.server 8000)`;

async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('web', argv, {
    out: { type: 'string', short: 'o' },
    model: { type: 'string', short: 'm' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (values.out === undefined) throw new UsageError(`web: missing --out DIR, the folder to write the page into (see 'digitkit web --help')`);
  const out = resolve(values.out);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new CliError(`web: --out ${values.out} must be a new or empty folder, got ${statSync(out).isDirectory() ? 'a folder with files in it' : 'a file'}`);
  }
  const page = defaultPageDir();
  if (!existsSync(join(page, 'index.html'))) throw new CliError(`web: the built page is missing from ${page}; from a checkout, run 'npm run build' first`);
  if (values.model !== undefined && !existsSync(values.model)) throw new CliError(`web: --model ${values.model}: no such file`);
  if (values.model !== undefined && isModelJson(values.model)) throw new CliError(`web: --model must be a binary model file (from 'digitkit train -o FILE.dkm' or saveModelFile), which the page loads; got a model's JSON in ${values.model}`);
  let bytes = 0;
  try {
    mkdirSync(out, { recursive: true });
    cpSync(page, out, { recursive: true });
    for (const [to, from] of Object.entries(pageDataFiles(values.model))) {
      mkdirSync(dirname(join(out, to)), { recursive: true });
      copyFileSync(from, join(out, to));
    }
    const walk = (d: string): void => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else bytes += statSync(p).size;
      }
    };
    walk(out);
  } catch (err) {
    throw new CliError(`web: cannot write the page into ${values.out}: ${describeFsError(err)}`);
  }
  console.log(`digitkit web: wrote the page into ${out} (${(bytes / 1024).toFixed(0)} KB); serve the folder with any static server and open index.html through it`);
  return 0;
}

/** `digitkit web`. */
export const web: Command = {
  name: 'web',
  summary: 'write the page of digitkit serve as static files for any static host',
  help,
  run,
};
