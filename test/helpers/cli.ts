/** Running the `digitkit` command in tests: from the sources, from the build, or in-process. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';

export const exec = promisify(execFile);
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
export const root = new URL('../..', import.meta.url).pathname;
export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

/** What a run of the command gave. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the sources (through tsx) or from the build (dist/cli.js), in `cwd`, with `input` on its standard input. */
export async function cli(args: string[], { dist = false, cwd = root, input }: { dist?: boolean; cwd?: string; input?: Uint8Array } = {}): Promise<Outcome> {
  // tsx by its own location, so that any cwd works.
  const argv = dist ? [join(root, pkg.bin.digitkit), ...args] : ['--import', tsxLoader, join(root, 'src', 'cli.ts'), ...args];
  try {
    const run = exec(process.execPath, argv, { cwd, env: { ...process.env, DIGITKIT_DEBUG: '' } });
    run.child.stdin?.end(input ?? new Uint8Array(0));
    const { stdout, stderr } = await run;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs main() with console.log / console.error captured. */
export async function mainCapturing(args: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => out.push(`${a.join(' ')}\n`);
  console.error = (...a: unknown[]) => err.push(`${a.join(' ')}\n`);
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    Object.assign(console, { log, error });
  }
}
