import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { boundaryViolations, importSpecifiers, moduleEntryViolations, readSources } from '../test/import-boundary.js';

/**
 * The GraphQL layer (schema building, context, Relay helpers, errors, loaders, query cost) knows no domain
 * module: modules build on it and extend it (node types, list bounds, the context's access, the cost policy),
 * and the app composes them (src/app, server.ts).
 */
describe('the graphql layer', () => {
  it('imports nothing from the modules, directly or through other files', () => {
    const sources = readSources(fileURLToPath(new URL('..', import.meta.url)));
    expect([...sources.keys()].filter((f) => f.startsWith('graphql/')).length).toBeGreaterThan(10);
    expect(boundaryViolations(sources, 'graphql', 'modules')).toEqual([]);
  });

  it('is caught when it does', () => {
    const files = new Map([
      ['graphql/context.ts', `import type { EntityManager } from '@mikro-orm/postgresql';\nimport type {\n  Access,\n} from '../modules/access/access.scope.js';`],
      ['graphql/cost.ts', `import { DEFAULT_PAGE_SIZE } from './relay.js';\nexport * from "../db/sql.js";`],
      ['graphql/relay.ts', `export const DEFAULT_PAGE_SIZE = 20;`],
      ['graphql/relay.test.ts', `import { startTestApi } from '../test/harness.js';`],
      ['test/harness.ts', `import '../modules/index.js';`],
      ['graphql/lazy.ts', `const m = await import('../app/schema.js');`],
      ['graphql/deep/side.ts', `import '../../modules/unit/partner.cost.js';`],
      ['app/schema.ts', `import { resolvers } from '../modules/index.js';`],
      ['db/sql.ts', `import pg from 'pg';`],
      ['modules/index.ts', ''],
      ['modules/access/access.scope.ts', ''],
    ]);
    expect(importSpecifiers(files.get('graphql/context.ts')!)).toEqual(['@mikro-orm/postgresql', '../modules/access/access.scope.js']);
    expect(boundaryViolations(files, 'graphql', 'modules')).toEqual([
      ['graphql/context.ts', 'modules/access/access.scope.ts'],
      ['graphql/deep/side.ts', 'modules/unit/partner.cost.ts'],
      ['graphql/lazy.ts', 'app/schema.ts', 'modules/index.ts'],
    ]);
  });
});

/** A domain module is used by others only through what its `index.ts` exports. */
describe('the domain modules', () => {
  it('reach each other only through index.ts', () => {
    const sources = readSources(fileURLToPath(new URL('..', import.meta.url)));
    expect(moduleEntryViolations(sources)).toEqual([]);
  });

  it('are caught when they reach into another module', () => {
    const files = new Map([
      ['modules/org/index.ts', `export { loadNode } from './org.service.js';`],
      ['modules/org/org.service.ts', ''],
      ['modules/member/member.service.ts', `import { loadNode } from '../org/index.js';\nimport { x } from '../org/org.service.js';\nimport { y } from './member.entity.js';`],
      ['modules/member/member.entity.ts', ''],
      ['modules/member/member.test.ts', `import { z } from '../org/org.service.js';`],
      ['modules/index.ts', `import { orgResolvers } from './org/org.resolver.js';`],
    ]);
    expect(moduleEntryViolations(files)).toEqual([['modules/member/member.service.ts', 'modules/org/org.service.ts']]);
  });
});
