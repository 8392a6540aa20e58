import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000001_foundation } from './Migration20261123000001_foundation.js';

/** Every migration, in order. Listed by hand so nothing depends on file globs at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261123000001_foundation', class: Migration20261123000001_foundation },
];
