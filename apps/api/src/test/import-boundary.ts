/**
 * Which parts of the source may import which: a file of one layer must not reach another layer through its
 * relative imports, directly or through files in between (type-only and dynamic imports count too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Source files by path relative to the source root, with `/` separators. */
export type SourceFiles = ReadonlyMap<string, string>;

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** The module specifiers a file imports or re-exports from. */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[2]);
}

/** The file a relative specifier names (`./x.js` is `./x.ts`); null for packages. */
function resolve(files: SourceFiles, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, `${target}/index.ts`]) if (files.has(candidate)) return candidate;
  return target.replace(/\.js$/, '.ts');
}

/**
 * For each file under `layer` that reaches a file under `forbidden`: the shortest chain of imports, the file first.
 * The layer's tests are not checked: they may start the whole app.
 */
export function boundaryViolations(files: SourceFiles, layer: string, forbidden: string): string[][] {
  const inside = (file: string, folder: string) => file.startsWith(`${folder}/`);
  const violations: string[][] = [];
  for (const start of [...files.keys()].filter((f) => inside(f, layer) && !f.endsWith('.test.ts')).sort()) {
    const cameFrom = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    let hit: string | null = null;
    while (queue.length && !hit) {
      const file = queue.shift()!;
      for (const specifier of importSpecifiers(files.get(file) ?? '')) {
        const target = resolve(files, file, specifier);
        if (target == null || cameFrom.has(target)) continue;
        cameFrom.set(target, file);
        if (inside(target, forbidden)) {
          hit = target;
          break;
        }
        if (files.has(target)) queue.push(target);
      }
    }
    if (!hit) continue;
    const chain: string[] = [];
    for (let f: string | null | undefined = hit; f; f = cameFrom.get(f)) chain.unshift(f);
    violations.push(chain);
  }
  return violations;
}

/** Every .ts file under a folder, keyed relative to it. */
export function readSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/**
 * Imports from one domain module into another that bypass the other's `index.ts` (what it exports for others):
 * `[importing file, imported file]` pairs. Tests may reach in (fixtures, harness).
 */
export function moduleEntryViolations(files: SourceFiles, modulesRoot = 'modules'): [string, string][] {
  const moduleOf = (file: string) => (file.startsWith(`${modulesRoot}/`) ? file.slice(modulesRoot.length + 1).split('/')[0] : null);
  const out: [string, string][] = [];
  for (const [file, source] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const own = moduleOf(file);
    if (!own || !file.includes('/', modulesRoot.length + 1) || file.endsWith('.test.ts')) continue;
    for (const specifier of importSpecifiers(source)) {
      const target = resolve(files, file, specifier);
      const other = target == null ? null : moduleOf(target);
      if (other && other !== own && target !== `${modulesRoot}/${other}/index.ts`) out.push([file, target!]);
    }
  }
  return out;
}
