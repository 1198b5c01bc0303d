import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm ci` (README, .ci/run, Dockerfile) refuses a lockfile that is out of step with package.json or
 * lacks any package some locked package may need — including other platforms' optional binaries,
 * which an `npm install` over a copied node_modules has dropped before. Caught here, not in CI.
 */
const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const locked: Record<
  string,
  {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  }
> = lock.packages;

/** Where Node (and npm) would find `name` from the package at `from`: its own node_modules, then each one above. */
function resolve(from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (locked[candidate]) return candidate;
    if (!base) return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}

describe('package-lock.json', () => {
  it('records exactly the dependencies package.json asks for', () => {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      expect({ field, ranges: locked['']?.[field as 'dependencies'] ?? {} }).toEqual({
        field,
        ranges: manifest[field] ?? {},
      });
    }
  });

  it('holds every package a locked package depends on, for every platform', () => {
    const missing: string[] = [];
    for (const [at, entry] of Object.entries(locked)) {
      const peers = Object.keys(entry.peerDependencies ?? {}).filter(
        (name) => !entry.peerDependenciesMeta?.[name]?.optional,
      );
      for (const name of [
        ...Object.keys(entry.dependencies ?? {}),
        ...Object.keys(entry.optionalDependencies ?? {}),
        ...peers,
      ]) {
        if (!resolve(at, name)) missing.push(`${name} (needed by ${at || 'package.json'})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
