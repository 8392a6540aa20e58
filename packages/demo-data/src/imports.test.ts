import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('.', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

/** Local modules a source file imports or re-exports, e.g. `generate.ts` for `from './generate.js'`. */
function localImports(file: string): string[] {
  const text = readFileSync(new URL(file, dir), 'utf8');
  return [...text.matchAll(/from\s+'\.\/([\w.-]+)\.js'/g)].map((m) => `${m[1]}.ts`);
}

describe('module graph', () => {
  it('has no import cycles: the package entry is imported by nobody inside the package', () => {
    for (const file of sources) expect(localImports(file), file).not.toContain('index.ts');
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (file: string, trail: string[]) => {
      if (done.has(file)) return;
      expect(visiting.has(file), `cycle: ${[...trail, file].join(' -> ')}`).toBe(false);
      visiting.add(file);
      for (const next of localImports(file)) visit(next, [...trail, file]);
      visiting.delete(file);
      done.add(file);
    };
    for (const file of sources) visit(file, []);
    expect(done.size).toBe(sources.length);
  });
});
