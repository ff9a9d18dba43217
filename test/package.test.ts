/**
 * The package's declarations that code cannot check by running: every module
 * that registers something when it loads (a model class, a capability hook)
 * is declared in `sideEffects`, so that a bundler keeps it and `loadModel`
 * still knows every model.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { sideEffects: string[]; files: string[]; exports: Record<string, unknown> };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** A `sideEffects` glob as a regular expression (`*` within one path segment). */
const globToRegExp = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

describe('package.json', () => {
  it('declares in sideEffects every module that registers a model or a hook, or imports one for that', () => {
    const globs = pkg.sideEffects.map(globToRegExp);
    const registering = sources(join(root, 'src')).filter((f) => /^(registerEstimator|registerModel|provide)\(|^import '\.\//m.test(readFileSync(f, 'utf8')));
    expect(registering.length).to.be.above(10);
    for (const f of registering) {
      const dist = './' + relative(root, f).replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
      expect(globs.some((g) => g.test(dist)), `${dist} in sideEffects`).to.equal(true);
    }
  });

  it('ships the docs the README links to, and no generated API reference', () => {
    expect(pkg.files).to.include.members(['dist', 'datasets', 'models', 'docs', '!docs/api', 'CHANGELOG.md', 'README.md']);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const [, link] of readme.matchAll(/\]\((?!https?:|#)([^)#]+)/g)) {
      const shipped = ['docs/', 'datasets/', 'models/', 'CHANGELOG.md', 'LICENSE'].some((p) => link.startsWith(p));
      expect(shipped, `README link ${link} points into the package`).to.equal(true);
      expect(statSync(join(root, link)).isFile() || statSync(join(root, link)).isDirectory(), link).to.equal(true);
    }
  });

  it('gives the data files of the page through exports: the 8×8 digits and the shipped model', () => {
    expect(pkg.exports['./datasets/digits.csv.gz']).to.equal('./datasets/digits.csv.gz');
    expect(pkg.exports['./models/*']).to.equal('./models/*');
    expect(pkg.files).to.include.members(['datasets', 'models']);
    expect(statSync(join(root, 'datasets', 'digits.csv.gz')).isFile()).to.equal(true);
  });
});
