/** Which installed packages the runtime image holds, from package-lock.json (used by production-guard.mjs). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Lockfile keys (paths relative to the repository root) of every package `workspace` needs at runtime. */
export function productionClosure(repoRoot, start) {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  const packages = lock.packages;
  const locate = (name, from) => {
    for (let dir = from; ; dir = path.posix.dirname(dir)) {
      if (path.posix.basename(dir) !== 'node_modules') {
        const key = path.posix.join(dir === '.' ? '' : dir, 'node_modules', name);
        if (packages[key]) return key;
      }
      if (dir === '' || dir === '.') return undefined;
    }
  };
  const allowed = new Set();
  const queue = [start];
  while (queue.length) {
    let key = queue.pop();
    let entry = packages[key];
    if (entry?.link) {
      key = entry.resolved;
      entry = packages[key];
    }
    if (!entry || allowed.has(key)) continue;
    allowed.add(key);
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional),
    ];
    for (const name of names) {
      const found = locate(name, key);
      if (found) queue.push(found);
    }
  }
  return allowed;
}

/** Why `file` would be missing from the runtime image, or undefined when it is there. */
export function deniedReason(file, repoRoot, allowed) {
  const rel = path.relative(repoRoot, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return undefined; // outside the repository (e.g. the Node installation)
  const at = rel.lastIndexOf('node_modules/');
  if (at >= 0) {
    const rest = rel.slice(at + 'node_modules/'.length).split('/');
    const key = rel.slice(0, at) + 'node_modules/' + rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/');
    return allowed.has(key) ? undefined : `${key} is not a production dependency`;
  }
  const owner = [...allowed].filter((k) => !k.includes('node_modules') && (rel === k || rel.startsWith(k + '/'))).sort((a, b) => b.length - a.length)[0];
  if (!owner) return `${rel} belongs to no production workspace`;
  if (/\.[cm]?tsx?$/.test(rel)) return `${rel} is TypeScript source (the runtime image runs the built JavaScript)`;
  return undefined;
}
